"""A realistic district commission, built through the services: an earlier meeting whose
measure comes up for control, the main meeting (a child's case with a recusal, a vote
against and a dissent; a general question; the control item; a postponed case), closed
and amended, and a planned next meeting. Invented names with Kazakh letters."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy.orm import Session

from app.domain.iin import Sex, make_iin
from app.models.enums import (
    AbsenceReason,
    CatalogKind,
    Effectiveness,
    InviteeRole,
    MeetingKind,
    MemberRole,
)
from app.services import (
    attendance,
    cases,
    catalogs,
    children,
    closing,
    commissions,
    decisions,
    measures,
    meetings,
    voting,
)
from app.services.commissions import MemberInput
from app.services.context import Actor, today
from app.services.decisions import MeasureInput
from app.services.meetings import MeetingInfo

MEMBERS = (
    ("Сәрсенбаева Гүлнар Қайратқызы", "заместитель акима района", MemberRole.CHAIR),
    ("Оспанова Әйгерім Нұрланқызы", "ответственный секретарь комиссии", MemberRole.SECRETARY),
    ("Иванов Сергей Петрович", "начальник отдела полиции района", MemberRole.MEMBER),
    ("Жақсыбай Ерлан Серікұлы", "руководитель отдела образования", MemberRole.MEMBER),
    ("Мұқанова Ләззат Төлегенқызы", "главный врач районной больницы", MemberRole.MEMBER),
    ("Петрова Ольга Викторовна", "депутат районного маслихата", MemberRole.MEMBER),
    ("Үсенов Дәурен Ғалымұлы", "председатель общественного совета", MemberRole.MEMBER),
)
BIRTH = dt.date(2012, 3, 14)


@dataclass(frozen=True)
class Scenario:
    main: MeetingInfo  # closed: every document
    earlier: MeetingInfo
    next: MeetingInfo  # planned: agenda and invitations
    child_id: str  # Төлеуов, decided at item 1 of `main`
    control_child_id: str  # Смирнов, controlled at item 3
    iin: str
    # Surnames that the redacted protocol must not show, in the forms typed in texts.
    private_surnames: tuple[str, ...] = ("Төлеуов", "Төлеуова", "Смирнов", "Смирнова",
                                         "Әбенова")


def _child(s: Session, a: Actor, commission_id: str, surname: str, first: str, patronymic: str,
           sex: Sex, serial: int, rep: tuple[str, str, str]) -> tuple[str, str]:
    iin = make_iin(BIRTH, sex, serial)
    child = children.register_child(s, a, commission_id, children.ChildInput(
        surname=surname, first_name=first, patronymic=patronymic, birth_date=BIRTH, sex=sex,
        iin=iin, address="с. Баянаул, ул. Сатпаева, 12", school="Школа-гимназия № 1",
        grade="7 «А»")).child
    children.add_representative(s, a, child.id, full_name=rep[0], relation=rep[1],
                                phone="+7 700 000 12 34", address=rep[2])
    return child.id, iin


def _case(s: Session, a: Actor, child_id: str, received: dt.date, category: str,
          text: str) -> str:
    return cases.open_case(
        s, a, child_id, received_on=received, description=text,
        source_id=catalogs.entry_id(s, CatalogKind.SOURCE, "police"),
        category_id=catalogs.entry_id(s, CatalogKind.CATEGORY, category),
        article_id=catalogs.entry_id(s, CatalogKind.ARTICLE, "127")).id


def build(s: Session, a: Actor, commission_id: str) -> Scenario:
    d0 = today()
    org = catalogs.entries(s, CatalogKind.ORGANISATION_KIND)[0].id
    act = commissions.approve_composition(
        s, a, commission_id, issuing_body="Акимат Баянаульского района", number="15-п",
        act_date=dt.date(2020, 1, 1), effective_from=dt.date(2020, 1, 1),
        members=[MemberInput(n, p, org, r) for n, p, r in MEMBERS])
    m = {name.split()[0]: x.id for (name, _, _), x in zip(MEMBERS, act.members, strict=True)}
    kind = {e.code: e.id for e in catalogs.entries(s, CatalogKind.MEASURE_KIND)}

    tol, iin = _child(s, a, commission_id, "Төлеуов", "Нұрсұлтан", "Асхатұлы", Sex.MALE, 11,
                      ("Төлеуова Сәуле Бекқызы", "mother", "с. Баянаул, ул. Абая, 5"))
    smi, _ = _child(s, a, commission_id, "Смирнов", "Кирилл", "Андреевич", Sex.MALE, 12,
                    ("Смирнова Наталья Игоревна", "mother", "с. Баянаул, ул. Мира, 7"))
    abe, _ = _child(s, a, commission_id, "Әбенова", "Інжу", "Серікқызы", Sex.FEMALE, 13,
                    ("Әбенов Серік Қайратұлы", "father", "с. Торайгыр, ул. Школьная, 3"))

    # The earlier meeting: Смирнов's case, a measure whose deadline has passed since.
    earlier = meetings.plan_meeting(s, a, commission_id, date=d0 - dt.timedelta(days=70),
                                    place="с. Баянаул, акимат района, зал заседаний",
                                    starts_at=dt.time(10, 0))
    for mid in m.values():
        attendance.mark_present(s, a, earlier.id, mid)
    item = meetings.add_child_case_item(s, a, earlier.id, _case(
        s, a, smi, d0 - dt.timedelta(days=90), "truancy", "Пропуски занятий без причины"))
    voting.vote_all_for(s, a, item.id)
    old = decisions.record_decision(s, a, item.id, text="Организовать индивидуальную работу.",
                                    measures=[MeasureInput(
                                        kind["minor_individual_prevention"],
                                        "Составить план индивидуальной работы и провести "
                                        "четыре встречи с семьёй", "Школа-гимназия № 1",
                                        d0 - dt.timedelta(days=40), "Классный руководитель")])
    closing.close_meeting(s, a, earlier.id, ends_at=dt.time(11, 0))
    measures.report_measure(s, a, old.measures[0].id, reported_on=d0 - dt.timedelta(days=45),
                            text="План составлен, проведено четыре встречи, пропусков нет.",
                            reported_by="Школа-гимназия № 1")

    main = meetings.plan_meeting(s, a, commission_id, date=d0 - dt.timedelta(days=7),
                                 place="с. Баянаул, акимат района, зал заседаний",
                                 kind=MeetingKind.EXPANDED, starts_at=dt.time(10, 0))
    nxt = meetings.plan_meeting(s, a, commission_id, date=d0 + dt.timedelta(days=10),
                                place="с. Баянаул, акимат района, зал заседаний",
                                starts_at=dt.time(15, 30))
    case1 = _case(s, a, tol, d0 - dt.timedelta(days=30), "neglect",
                  "Нахождение в ночное время без сопровождения")
    i1 = meetings.add_child_case_item(s, a, main.id, case1)
    i2 = meetings.add_general_item(
        s, a, main.id, title="О профилактике буллинга в школах района",
        reporter="Жақсыбай Е.С., руководитель отдела образования")
    i3 = meetings.build_agenda(s, a, main.id)[-1]  # the control item for Смирнов's measure
    i4 = meetings.add_child_case_item(s, a, main.id, _case(
        s, a, abe, d0 - dt.timedelta(days=20), "bullying_victim", "Травля в школе"))

    for name, mid in m.items():
        if name == "Мұқанова":
            attendance.mark_absent(s, a, main.id, mid, reason=AbsenceReason.ILLNESS)
        elif name == "Жақсыбай":
            attendance.mark_present(s, a, main.id, mid, arrived_item_id=i2.id)
        else:
            attendance.mark_present(s, a, main.id, mid)
    meetings.start_meeting(s, a, main.id)
    for full, role, org_name in (("Төлеуов Нұрсұлтан Асхатұлы", InviteeRole.CHILD, None),
                                 ("Төлеуова Сәуле Бекқызы", InviteeRole.LEGAL_REPRESENTATIVE,
                                  None),
                                 ("Ахметова Дана Ерлановна", InviteeRole.SCHOOL,
                                  "Школа-гимназия № 1")):
        p = meetings.invite(s, a, main.id, full_name=full, role=role, item_id=i1.id,
                            organisation=org_name)
        meetings.set_invitee_present(s, a, p.id, True)

    meetings.record_item_notes(
        s, a, i1.id, reporter="Иванов С.П., начальник отдела полиции",
        heard="Несовершеннолетний Төлеуов Нұрсұлтан 02.02 в 23:40 задержан без "
              f"сопровождения взрослых (ИИН {iin}). Мать, Төлеуова С.Б., пояснила, что "
              "работает в ночную смену. С Төлеуовым проведена беседа.",
        spoke="Оспанова Ә.Н. предложила направить семью в службу поддержки семьи. "
              "Төлеуовқа ұсынылды спорт секциясына қатысу.",
        rights_explained=True,
        motions="Төлеуова С.Б. ходатайствовала о переносе времени занятий в секции.")
    attendance.recuse(s, a, i1.id, m["Петрова"], reason="родственница")
    voting.vote_all_for(s, a, i1.id, {m["Үсенов"]: voting.VoteChoice.AGAINST})
    voting.add_dissent(s, a, i1.id, m["Үсенов"],
                       "Считаю необходимым поставить семью на учёт как находящуюся в трудной "
                       "жизненной ситуации.")
    decisions.record_decision(
        s, a, i1.id,
        text="Вынести несовершеннолетнему Төлеуову Нұрсұлтану Асхатұлы предупреждение. "
             "Направить семью в службу поддержки семьи.",
        circumstances="Несовершеннолетний находился в ночное время без сопровождения "
                      "законного представителя; мать работает в ночную смену.",
        rights_violations="Нарушено право ребёнка на надлежащий присмотр.",
        causes="Занятость матери в ночное время, отсутствие организованного досуга.",
        measures=[MeasureInput(kind["parent_family_support_referral"],
                               "Оценить потребности семьи и оказать социально-психологическую "
                               "помощь", "Служба поддержки семьи", d0 + dt.timedelta(days=30),
                               "Қасымова Ә.Т."),
                  MeasureInput(kind["minor_leisure_engagement"],
                               "Вовлечь в спортивную секцию (футбол, бокс)",
                               "Школа-гимназия № 1", d0 + dt.timedelta(days=20))])
    voting.vote_all_for(s, a, i2.id)
    decisions.record_decision(
        s, a, i2.id, text="Информацию принять к сведению. Усилить работу школьных служб "
                          "примирения.",
        measures=[MeasureInput(kind["body_assignment"],
                               "Провести во всех школах района классные часы о буллинге",
                               "Отдел образования района", d0 + dt.timedelta(days=60))])
    measures.decide_report(s, a, measures.reports_of(s, old.measures[0].id)[0].id,
                           accepted=True, on=main.date)
    measures.assess_measure(s, a, old.measures[0].id, result=Effectiveness.EFFECTIVE,
                            on=main.date, next_review=main.date + dt.timedelta(days=90),
                            comment="Пропусков занятий нет", item_id=i3.id)
    voting.vote_all_for(s, a, i3.id)
    decisions.record_decision(s, a, i3.id, text="Снять меру с контроля как исполненную.")
    meetings.postpone_item(s, a, i4.id, to_meeting_id=nxt.id)
    closing.close_meeting(s, a, main.id, ends_at=dt.time(12, 15))
    closing.amend(s, a, main.id, target_table="agenda_item", target_id=i2.id, field="title",
                  new_text="О профилактике буллинга и кибербуллинга в школах района",
                  reason="Уточнено название вопроса")
    return Scenario(meetings.get_meeting(s, main.id), earlier, nxt, tol, smi, iin)
