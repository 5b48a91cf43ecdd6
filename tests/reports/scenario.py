"""A realistic district commission, built through the services: an earlier meeting whose
measure comes up for control, the main meeting (a child's case with a recusal, a vote
against and a dissent; a general question; the control item; a postponed case), closed
and amended, and a planned next meeting. Invented names with Kazakh letters; every typed
text in Russian and in Kazakh, so documents in either language print only that one."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy.orm import Session

from app.domain.bilingual import Bilingual as B
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
    ("Сәрсенбаева Гүлнар Қайратқызы", B("заместитель акима района",
                                         "аудан әкімінің орынбасары"), MemberRole.CHAIR),
    ("Оспанова Әйгерім Нұрланқызы", B("ответственный секретарь комиссии",
                                       "комиссияның жауапты хатшысы"), MemberRole.SECRETARY),
    ("Иванов Сергей Петрович", B("начальник отдела полиции района",
                                  "аудандық полиция бөлімінің бастығы"), MemberRole.MEMBER),
    ("Жақсыбай Ерлан Серікұлы", B("руководитель отдела образования",
                                   "білім бөлімінің басшысы"), MemberRole.MEMBER),
    ("Мұқанова Ләззат Төлегенқызы", B("главный врач районной больницы",
                                       "аудандық аурухананың бас дәрігері"), MemberRole.MEMBER),
    ("Петрова Ольга Викторовна", B("депутат районного маслихата",
                                    "аудандық мәслихаттың депутаты"), MemberRole.MEMBER),
    ("Үсенов Дәурен Ғалымұлы", B("председатель общественного совета",
                                  "қоғамдық кеңестің төрағасы"), MemberRole.MEMBER),
)
SCHOOL = B("Школа-гимназия № 1", "№ 1 мектеп-гимназия")
PLACE = B("с. Баянаул, акимат района, зал заседаний",
          "Баянауыл а., аудан әкімдігі, мәжіліс залы")
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
           sex: Sex, serial: int, rep: tuple[str, str, B]) -> tuple[str, str]:
    iin = make_iin(BIRTH, sex, serial)
    child = children.register_child(s, a, commission_id, children.ChildInput(
        surname=surname, first_name=first, patronymic=patronymic, birth_date=BIRTH, sex=sex,
        iin=iin, address=B("с. Баянаул, ул. Сатпаева, 12", "Баянауыл а., Сәтбаев к-сі, 12"),
        school=SCHOOL,
        grade="7 «А»")).child
    children.add_representative(s, a, child.id, full_name=rep[0], relation=rep[1],
                                phone="+7 700 000 12 34", address=rep[2])
    return child.id, iin


def _case(s: Session, a: Actor, child_id: str, received: dt.date, category: str,
          text: B) -> str:
    return cases.open_case(
        s, a, child_id, received_on=received, description=text,
        source_id=catalogs.entry_id(s, CatalogKind.SOURCE, "police"),
        category_id=catalogs.entry_id(s, CatalogKind.CATEGORY, category),
        article_id=catalogs.entry_id(s, CatalogKind.ARTICLE, "127")).id


def build(s: Session, a: Actor, commission_id: str) -> Scenario:
    d0 = today()
    org = catalogs.entries(s, CatalogKind.ORGANISATION_KIND)[0].id
    act = commissions.approve_composition(
        s, a, commission_id, number="15-п",
        issuing_body=B("Акимат Баянаульского района", "Баянауыл ауданының әкімдігі"),
        act_date=dt.date(2020, 1, 1), effective_from=dt.date(2020, 1, 1),
        members=[MemberInput(n, p, org, r) for n, p, r in MEMBERS])
    m = {name.split()[0]: x.id for (name, _, _), x in zip(MEMBERS, act.members, strict=True)}
    kind = {e.code: e.id for e in catalogs.entries(s, CatalogKind.MEASURE_KIND)}

    tol, iin = _child(s, a, commission_id, "Төлеуов", "Нұрсұлтан", "Асхатұлы", Sex.MALE, 11,
                      ("Төлеуова Сәуле Бекқызы", "mother",
                       B("с. Баянаул, ул. Абая, 5", "Баянауыл а., Абай к-сі, 5")))
    smi, _ = _child(s, a, commission_id, "Смирнов", "Кирилл", "Андреевич", Sex.MALE, 12,
                    ("Смирнова Наталья Игоревна", "mother",
                     B("с. Баянаул, ул. Мира, 7", "Баянауыл а., Бейбітшілік к-сі, 7")))
    abe, _ = _child(s, a, commission_id, "Әбенова", "Інжу", "Серікқызы", Sex.FEMALE, 13,
                    ("Әбенов Серік Қайратұлы", "father",
                     B("с. Торайгыр, ул. Школьная, 3", "Торайғыр а., Мектеп к-сі, 3")))

    # The earlier meeting: Смирнов's case, a measure whose deadline has passed since.
    earlier = meetings.plan_meeting(s, a, commission_id, date=d0 - dt.timedelta(days=70),
                                    place=PLACE, starts_at=dt.time(10, 0))
    for mid in m.values():
        attendance.mark_present(s, a, earlier.id, mid)
    item = meetings.add_child_case_item(s, a, earlier.id, _case(
        s, a, smi, d0 - dt.timedelta(days=90), "truancy",
        B("Пропуски занятий без причины", "Сабақтарды себепсіз босату")))
    voting.vote_all_for(s, a, item.id)
    old = decisions.record_decision(
        s, a, item.id, text=B("Организовать индивидуальную работу.",
                              "Жеке жұмыс ұйымдастырылсын."),
        measures=[MeasureInput(
            kind["minor_individual_prevention"],
            B("Составить план индивидуальной работы и провести четыре встречи с семьёй",
              "Жеке жұмыс жоспарын құрып, отбасымен төрт кездесу өткізу"), SCHOOL,
            d0 - dt.timedelta(days=40), "Абенова Г.К.")])
    closing.close_meeting(s, a, earlier.id, ends_at=dt.time(11, 0))
    measures.report_measure(s, a, old.measures[0].id, reported_on=d0 - dt.timedelta(days=45),
                            text=B("План составлен, проведено четыре встречи, пропусков нет.",
                                   "Жоспар құрылды, төрт кездесу өткізілді, сабақ босату жоқ."),
                            reported_by="Ахметова Д.Е.")

    main = meetings.plan_meeting(s, a, commission_id, date=d0 - dt.timedelta(days=7),
                                 place=PLACE, kind=MeetingKind.EXPANDED,
                                 starts_at=dt.time(10, 0))
    nxt = meetings.plan_meeting(s, a, commission_id, date=d0 + dt.timedelta(days=10),
                                place=PLACE, starts_at=dt.time(15, 30))
    case1 = _case(s, a, tol, d0 - dt.timedelta(days=30), "neglect",
                  B("Нахождение в ночное время без сопровождения",
                    "Түнгі уақытта ересектердің қарауынсыз жүру"))
    i1 = meetings.add_child_case_item(s, a, main.id, case1)
    i2 = meetings.add_general_item(
        s, a, main.id, title=B("О профилактике буллинга в школах района",
                               "Аудан мектептеріндегі буллингтің алдын алу туралы"),
        reporter="Жақсыбай Е.С.")
    i3 = meetings.build_agenda(s, a, main.id)[-1]  # the control item for Смирнов's measure
    i4 = meetings.add_child_case_item(s, a, main.id, _case(
        s, a, abe, d0 - dt.timedelta(days=20), "bullying_victim",
        B("Травля в школе", "Мектептегі қудалау")))

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
                                 ("Ахметова Дана Ерлановна", InviteeRole.SCHOOL, SCHOOL)):
        p = meetings.invite(s, a, main.id, full_name=full, role=role, item_id=i1.id,
                            organisation=org_name)
        meetings.set_invitee_present(s, a, p.id, True)

    meetings.record_item_notes(
        s, a, i1.id, reporter="Иванов С.П.",
        heard=B("Несовершеннолетний Төлеуов Нұрсұлтан 02.02 в 23:40 задержан без "
                f"сопровождения взрослых (ИИН {iin}). Мать, Төлеуова С.Б., пояснила, что "
                "работает в ночную смену. С Төлеуовым проведена беседа.",
                "Кәмелетке толмаған Төлеуов Нұрсұлтан 02.02 сағат 23:40-та ересектердің "
                f"қарауынсыз ұсталды (ЖСН {iin}). Анасы Төлеуова С.Б. түнгі ауысымда жұмыс "
                "істейтінін түсіндірді. Төлеуовпен әңгіме жүргізілді."),
        spoke=B("Оспанова Ә.Н. предложила направить семью в службу поддержки семьи. "
                "Смирновой Н.И. рекомендовано не вмешиваться.",
                "Оспанова Ә.Н. отбасын қолдау қызметіне жіберуді ұсынды. "
                "Төлеуовқа спорт секциясына қатысу ұсынылды."),
        rights_explained=True,
        motions=B("Төлеуова С.Б. ходатайствовала о переносе времени занятий в секции.",
                  "Төлеуова С.Б. секциядағы сабақ уақытын ауыстыруды өтінді."))
    attendance.recuse(s, a, i1.id, m["Петрова"], reason="родственница")
    voting.vote_all_for(s, a, i1.id, {m["Үсенов"]: voting.VoteChoice.AGAINST})
    voting.add_dissent(s, a, i1.id, m["Үсенов"], B(
        "Считаю необходимым поставить семью на учёт как находящуюся в трудной жизненной "
        "ситуации.", "Отбасын қиын өмірлік жағдайдағы отбасы ретінде есепке алу қажет деп "
        "санаймын."))
    decisions.record_decision(
        s, a, i1.id,
        text=B("Вынести несовершеннолетнему Төлеуову Нұрсұлтану Асхатұлы предупреждение. "
               "Направить семью в службу поддержки семьи.",
               "Кәмелетке толмаған Төлеуов Нұрсұлтан Асхатұлына ескерту жасалсын. Отбасы "
               "отбасын қолдау қызметіне жіберілсін."),
        circumstances=B("Несовершеннолетний находился в ночное время без сопровождения "
                        "законного представителя; мать работает в ночную смену.",
                        "Кәмелетке толмаған түнгі уақытта заңды өкілінің қарауынсыз жүрді; "
                        "анасы түнгі ауысымда жұмыс істейді."),
        rights_violations=B("Нарушено право ребёнка на надлежащий присмотр.",
                            "Баланың тиісті қадағалауға құқығы бұзылды."),
        causes=B("Занятость матери в ночное время, отсутствие организованного досуга.",
                 "Анасының түнгі уақыттағы жұмысы, ұйымдастырылған бос уақыттың болмауы."),
        measures=[MeasureInput(kind["parent_family_support_referral"],
                               B("Оценить потребности семьи и оказать "
                                 "социально-психологическую помощь",
                                 "Отбасының қажеттіліктерін бағалап, әлеуметтік-психологиялық "
                                 "көмек көрсету"),
                               B("Служба поддержки семьи", "Отбасын қолдау қызметі"),
                               d0 + dt.timedelta(days=30), "Қасымова Ә.Т."),
                  MeasureInput(kind["minor_leisure_engagement"],
                               B("Вовлечь в спортивную секцию (футбол, бокс)",
                                 "Спорт секциясына (футбол, бокс) тарту"),
                               SCHOOL, d0 + dt.timedelta(days=20))])
    voting.vote_all_for(s, a, i2.id)
    decisions.record_decision(
        s, a, i2.id, text=B("Информацию принять к сведению. Усилить работу школьных служб "
                            "примирения.", "Ақпарат назарға алынсын. Мектептердегі "
                            "татуластыру қызметтерінің жұмысы күшейтілсін."),
        measures=[MeasureInput(kind["body_assignment"],
                               B("Провести во всех школах района классные часы о буллинге",
                                 "Аудандағы барлық мектептерде буллинг туралы сынып "
                                 "сағаттарын өткізу"),
                               B("Отдел образования района", "Аудандық білім бөлімі"),
                               d0 + dt.timedelta(days=60))])
    measures.decide_report(s, a, measures.reports_of(s, old.measures[0].id)[0].id,
                           accepted=True, on=main.date)
    measures.assess_measure(s, a, old.measures[0].id, result=Effectiveness.EFFECTIVE,
                            on=main.date, next_review=main.date + dt.timedelta(days=90),
                            comment=B("Пропусков занятий нет", "Сабақ босату жоқ"),
                            item_id=i3.id)
    voting.vote_all_for(s, a, i3.id)
    decisions.record_decision(s, a, i3.id, text=B("Снять меру с контроля как исполненную.",
                                                  "Шара орындалған ретінде бақылаудан "
                                                  "алынсын."))
    meetings.postpone_item(s, a, i4.id, to_meeting_id=nxt.id)
    closing.close_meeting(s, a, main.id, ends_at=dt.time(12, 15))
    reason = B("Уточнено название вопроса", "Мәселенің атауы нақтыланды")
    closing.amend(s, a, main.id, target_table="agenda_item", target_id=i2.id,
                  field="title_ru", new_text="О профилактике буллинга и кибербуллинга в школах "
                  "района", reason=reason)
    closing.amend(s, a, main.id, target_table="agenda_item", target_id=i2.id,
                  field="title_kk", new_text="Аудан мектептеріндегі буллинг пен "
                  "кибербуллингтің алдын алу туралы", reason=reason)
    return Scenario(meetings.get_meeting(s, main.id), earlier, nxt, tol, smi, iin)
