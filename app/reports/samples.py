"""Synthetic documents of a realistic size, for the benchmark and layout tests.

Invented names only; the Kazakh ones keep the letters ә ғ қ ң ө ұ ү і that the fonts
must render.
"""

from __future__ import annotations

import datetime as dt

from app.reports.data import (
    AbsentDoc,
    CommissionHeader,
    DissentDoc,
    InviteeDoc,
    ItemDoc,
    MeasureDoc,
    MeetingDoc,
    PersonDoc,
    PrivateName,
)
from app.reports.redact import initials

COMMISSION = CommissionHeader(
    "Комиссия по делам несовершеннолетних и защите их прав акимата Баянаульского района",
    "Баянауыл ауданы әкімдігінің кәмелетке толмағандардың істері және олардың құқықтарын "
    "қорғау жөніндегі комиссиясы")
MEMBERS = (
    PersonDoc("Сәрсенбаева Гүлнар Қайратқызы", "заместитель акима района, председатель"),
    PersonDoc("Оспанова Әйгерім Нұрланқызы", "ответственный секретарь комиссии"),
    PersonDoc("Иванов Сергей Петрович", "начальник отдела полиции"),
    PersonDoc("Жақсыбай Ерлан Серікұлы", "руководитель отдела образования"),
    PersonDoc("Мұқанова Ләззат Төлегенқызы", "главный врач районной больницы"),
    PersonDoc("Петрова Ольга Викторовна", "депутат районного маслихата"),
    PersonDoc("Үсенов Дәурен Ғалымұлы", "представитель общественного совета"),
)
CHILDREN = (("Төлеуов", "Нұрсұлтан", "Асхатұлы"), ("Смирнов", "Кирилл", "Андреевич"),
            ("Әбенова", "Інжу", "Серікқызы"), ("Козлов", "Артём", "Олегович"))
HEARD = ("Инспектор по делам несовершеннолетних доложил(а) об обстоятельствах дела: "
         "несовершеннолетний систематически пропускает занятия, в вечернее время находился "
         "на улице без сопровождения законных представителей. Классный руководитель "
         "характеризует ученика как способного, но неорганизованного. Семья состоит на "
         "учёте как находящаяся в трудной жизненной ситуации.")
DECISION = ("Вынести несовершеннолетнему предупреждение о недопустимости правонарушений. "
            "Организовать индивидуальную профилактическую работу по плану, закрепив "
            "сопровождающего специалиста. Рекомендовать законному представителю усилить "
            "контроль за поведением и досугом ребёнка.")


def meeting(items: int = 40, *, date: dt.date = dt.date(2026, 3, 12)) -> MeetingDoc:
    """A closed meeting with `items` child cases, each decided with three measures."""
    item_docs = []
    private = []
    for n in range(1, items + 1):
        parts = CHILDREN[n % len(CHILDREN)]
        child = " ".join(parts)
        private.append(PrivateName(parts, iin=None))
        measures = tuple(
            MeasureDoc("Индивидуальная профилактическая работа", f"Мера {k} по делу {n}: "
                       "составить план и провести не менее четырёх встреч с семьёй",
                       body, None, date + dt.timedelta(days=30 * k), child=child,
                       decision=f"12/{n}")
            for k, body in enumerate(("ОП Баянаульского района", "Школа-гимназия № 1",
                                      "Служба поддержки семьи"), start=1))
        item_docs.append(ItemDoc(
            position=n, kind="child_case", title=f"Пропуски занятий, дело {n}",
            case_code=f"{n}/2026", child=f"{child}, 12.03.2012",
            child_initials=initials(parts), reporter="Иванов С.П.", heard=f"{child}. {HEARD}",
            spoke="Жақсыбай Е.С. предложил закрепить наставника из числа педагогов.",
            rights_explained=True, motions=None, decision_number=f"12/{n}",
            decision=DECISION, adopted=True, measures=measures, votes_for=6,
            votes_against=0, abstained=0,
            dissents=(DissentDoc("Петрова Ольга Викторовна", "Считаю меру недостаточной."),)
            if n % 10 == 0 else ()))
    return MeetingDoc(
        commission=COMMISSION, number="12/2026", date=date, place="с. Баянаул, акимат, зал 2",
        kind="regular", starts_at=dt.time(10, 0), ends_at=dt.time(13, 30),
        presiding=MEMBERS[0], secretary=MEMBERS[1], present=MEMBERS[:6],
        absent=(AbsentDoc(MEMBERS[6].name, MEMBERS[6].position, "illness"),),
        invited=(InviteeDoc("Төлеуова Сәуле Бекқызы", "legal_representative", None, 1),),
        members_in_force=len(MEMBERS), quorum_required=4, items=tuple(item_docs),
        private=tuple(private))
