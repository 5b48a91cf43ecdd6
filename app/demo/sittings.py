"""The demo year: one meeting after another, recorded through the services the way a
secretary would — agenda, roll call, notes, votes, decisions with measures, closing.

Each meeting (with the reports and acceptances that came in before it) is one
transaction. The year's rare events — a recusal, a tie broken by the presiding member,
a rejected draft, the chair away on business — are pinned to chosen meetings, so that
every demo shows them whatever its size.
"""

from __future__ import annotations

import datetime as dt
from collections import deque
from dataclasses import dataclass, field

from sqlalchemy.orm import Session

from app.domain.iin import Sex
from app.domain.voting import Choice, VoteOutcome
from app.models.enums import (
    AbsenceReason,
    CatalogKind,
    InviteeRole,
    ItemKind,
    ItemStatus,
    MeetingKind,
    MemberRole,
)
from app.services import attendance, cases, children, closing, decisions, meetings, voting
from app.services.children import ChildInput
from app.services.commissions import MemberInfo, members_on
from app.services.decisions import MeasureInput
from app.services.meetings import ItemInfo, MeetingInfo

from . import texts
from .followup import FollowUp
from .names import KK_FEMALE, KK_MALE, masculine, person, phone
from .returns import REMOVAL_REASON, Returns
from .texts import ru
from .world import DAY, World

HALL = "г. Павлодар, здание акимата области, зал заседаний № 2"
FIELD_PLACE = "г. Экибастуз, Школа-гимназия № 7, актовый зал"
CONSENT_BASIS = "Письменное согласие законного представителя (Закон РК № 94-V)"
TIE_TEXT = ("Ходатайствовать перед судом о помещении несовершеннолетнего ({child}) в Центр "
            "адаптации несовершеннолетних сроком до тридцати суток.")
DISSENT = ("Считаю помещение в Центр адаптации преждевременным: меры профилактики по месту "
           "жительства не исчерпаны.")


@dataclass
class Kid:
    """A child who gets cases: the registry row and, once known, the representative."""

    id: str
    data: ChildInput
    rep: str | None = None
    categories: set[str] = field(default_factory=set)

    @property
    def name(self) -> str:
        return " ".join(p for p in (self.data.surname, self.data.first_name,
                                    self.data.patronymic) if p)

    @property
    def kazakh(self) -> bool:
        return self.data.first_name in KK_MALE + KK_FEMALE


@dataclass(frozen=True)
class Pending:
    case: cases.CaseInfo
    kid: Kid
    category: str


@dataclass(frozen=True)
class Specials:
    """Meeting indexes of the year's rare events (None: not in so short a year)."""

    recusal: int
    tie: int
    reject: int | None
    chair_away: int | None
    field: int | None
    extraordinary: int | None

    @classmethod
    def for_year(cls, n: int) -> Specials:
        return cls(recusal=n // 3, tie=n // 2, reject=(3 * n) // 4 if n >= 8 else None,
                   chair_away=n // 4 if n >= 4 and n // 4 != n // 2 else None,
                   field=n // 5 if n >= 5 else None,
                   extraordinary=(2 * n) // 3 if n >= 6 else None)


class Year:
    def __init__(self, world: World, follow: FollowUp, dates: list[dt.date],
                 renewal: dt.date, renewal_act: str, kids: list[Kid]) -> None:
        self.w = world
        self.rng = world.rng
        self.follow = follow
        self.dates = dates
        self.renewal = renewal
        self.renewal_act = renewal_act
        self.fresh = deque(kids)
        self.seen: list[Kid] = []
        self.pending: dict[str, Pending] = {}  # case id -> case waiting for the commission
        self.planned: dict[int, MeetingInfo] = {}
        self.special = Specials.for_year(len(dates))
        self.general_turn = 0
        self.on_register: set[str] = set()
        self.returns = Returns(world, dates)

    # --- the year ---------------------------------------------------------------------------
    def run(self) -> None:
        for k, d in enumerate(self.dates):
            with self.w.db.session() as s:
                self.follow.run_until(s, d)
                self._hold(s, k, d)
        with self.w.db.session() as s:
            self.follow.run_until(s, self.w.today)
            self._upcoming(s)

    def _meeting(self, s: Session, k: int) -> MeetingInfo:
        if k not in self.planned:
            d = self.dates[k] if k < len(self.dates) else self._next_date()
            sp = self.special
            kind = (MeetingKind.EXTRAORDINARY if k == sp.extraordinary else
                    MeetingKind.FIELD if k == sp.field else
                    MeetingKind.EXPANDED if k % 4 == 3 else MeetingKind.REGULAR)
            starts = dt.time(self.rng.choice((10, 10, 11, 15)), 0)
            self.planned[k] = meetings.plan_meeting(
                s, self.w.secretary, self.w.commission_id, date=d, kind=kind, starts_at=starts,
                place=ru(FIELD_PLACE if kind is MeetingKind.FIELD else HALL))
        return self.planned[k]

    def _next_date(self) -> dt.date:
        d = self.w.today + 7 * DAY
        return d + ((1 - d.weekday()) % 7) * DAY  # the Tuesday after next week begins

    # --- one meeting -----------------------------------------------------------------------
    def _hold(self, s: Session, k: int, d: dt.date) -> None:
        info = self._meeting(s, k)
        members = list(members_on(s, self.w.commission_id, d))
        role = {m.role: m for m in members}
        presiding = role[MemberRole.CHAIR]
        if k == self.special.chair_away:
            presiding = role[MemberRole.DEPUTY_CHAIR]
            meetings.set_presiding(s, self.w.secretary, info.id, presiding_id=presiding.id)
        for child_id in self.returns.removals(d):
            children.remove_from_register(s, self.w.secretary, child_id, on=d,
                                          reason=ru(REMOVAL_REASON))
            self.on_register.discard(child_id)
        items = self._prepare(s, k, d, info, members)
        meetings.start_meeting(s, self.w.secretary, info.id)
        self._roll_call(s, k, info, members, items, presiding)
        roles = self._pin_specials(k, items)
        for item in items:
            self._consider(s, k, d, info, item, members, presiding, roles.get(item.id))
        minutes = 60 + 15 * len(items)
        ends = (dt.datetime.combine(d, info.starts_at or dt.time(10)) +
                dt.timedelta(minutes=minutes)).time()
        closing.close_meeting(s, self.w.secretary, info.id, ends_at=ends)

    def _prepare(self, s: Session, k: int, d: dt.date, info: MeetingInfo,
                 members: list[MemberInfo]) -> list[ItemInfo]:
        sec = self.w.secretary
        carried = [i for i in meetings.agenda(s, info.id) if i.status is ItemStatus.PENDING]
        controls = len(meetings.due_measures(s, info.id))
        extras = self._extras(k, d)
        wanted = self.rng.randint(3, 8) - controls - len(carried) - len(extras)
        for p in self._open_cases(s, min(5, max(1, wanted)), d):
            meetings.add_child_case_item(s, sec, info.id, p.case.id)
        for kind, title, reporter in extras:
            if kind == "general":
                meetings.add_general_item(s, sec, info.id, title=ru(title),
                                          reporter=self._reporter(members, reporter))
            else:
                meetings.add_organisational_item(s, sec, info.id, title=ru(title))
        while sum(i.kind is not ItemKind.CONTROL for i in meetings.agenda(s, info.id)) < 3:
            title, reporter, _ = self._topic()
            meetings.add_general_item(s, sec, info.id, title=ru(title),
                                      reporter=self._reporter(members, reporter))
        return meetings.build_agenda(s, sec, info.id)

    def _extras(self, k: int, d: dt.date) -> list[tuple[str, str, str]]:
        org = texts.ORGANISATIONAL
        out = []
        if k == 0 or d.year != self.dates[k - 1].year:
            out.append(("org", org["plan"].format(year=d.year), ""))
        if d >= self.renewal and (k == 0 or self.dates[k - 1] < self.renewal):
            out.append(("org", org["composition"].format(act=self.renewal_act), ""))
            out.append(("org", org["concept"], ""))
        if k == len(self.dates) // 2 and len(self.dates) > 2:
            out.append(("org", org["report"], ""))
        if self.rng.random() < 0.4:
            title, reporter, _ = self._topic()
            out.append(("general", title, reporter))
        return out

    def _topic(self) -> tuple[str, str, tuple[str, ...]]:
        topic = texts.GENERAL[self.general_turn % len(texts.GENERAL)]
        self.general_turn += 1
        return topic

    def _reporter(self, members: list[MemberInfo], kind_code: str) -> str:
        kind_id = self.w.cat(CatalogKind.ORGANISATION_KIND, kind_code)
        match = [m for m in members if m.organisation_kind_id == kind_id]
        return match[0].full_name if match else members[0].full_name

    # --- cases -------------------------------------------------------------------------------
    def _open_cases(self, s: Session, n: int, d: dt.date, *, window: int = 25,
                    repeats: bool = True) -> list[Pending]:
        out: list[Pending] = []
        if repeats:  # children who came back with a new case come first
            for kid, received in self.returns.due(d - 3 * DAY, n):
                out.append(self._open_case(s, kid, max(received, kid.data.birth_date + DAY)))
        for _ in range(n - len(out)):
            if self.fresh and (not repeats or not self.seen or self.rng.random() > 0.05):
                kid = self.fresh.popleft()
            elif self.seen:
                kid = self.rng.choice(self.seen)  # one child, many cases over the years
            else:
                break
            if any(p.kid is kid for p in out):
                continue
            received = d - self.rng.randint(3, window) * DAY
            out.append(self._open_case(s, kid, max(received, kid.data.birth_date + DAY)))
        return out

    def _open_case(self, s: Session, kid: Kid, received: dt.date) -> Pending:
        w = self.w
        cats = texts.CATEGORIES
        code = self.rng.choices(list(cats), [c[0] for c in cats.values()])[0]
        _, sources, articles, description = cats[code]
        article = self.rng.choice(articles)
        case = cases.open_case(
            s, w.secretary, kid.id, received_on=received, description=ru(description),
            source_id=w.cat(CatalogKind.SOURCE, self.rng.choice(sources)),
            category_id=w.cat(CatalogKind.CATEGORY, code),
            article_id=w.cat(CatalogKind.ARTICLE, article) if article else None)
        if kid.rep is None:
            self._enrich(s, kid, received)
        if code not in kid.categories:
            children.add_category(s, w.secretary, kid.id, w.cat(CatalogKind.CATEGORY, code),
                                  received)
            kid.categories.add(code)
        if kid not in self.seen:
            self.seen.append(kid)
        pending = Pending(case, kid, code)
        self.pending[case.id] = pending
        return pending

    def _enrich(self, s: Session, kid: Kid, on: dt.date) -> None:
        """Representatives and consent, recorded when the child's first case comes in."""
        family = masculine(kid.data.surname)
        granny = (kid.data.family_situation or "").endswith("бабушкой")
        mother = person(self.rng, Sex.FEMALE, kazakh=kid.kazakh, surname=family)
        children.add_representative(s, self.w.secretary, kid.id, full_name=mother.full_name,
                                    relation="grandparent" if granny else "mother",
                                    phone=phone(self.rng), address=kid.data.address)
        kid.rep = mother.full_name
        if self.rng.random() < 0.45 and not granny:
            father = person(self.rng, Sex.MALE, kazakh=kid.kazakh, surname=family)
            children.add_representative(s, self.w.secretary, kid.id, relation="father",
                                        full_name=father.full_name, phone=phone(self.rng))
        children.record_consent(s, self.w.secretary, kid.id, given_by=kid.rep, on=on,
                                basis=ru(CONSENT_BASIS))

    # --- attendance --------------------------------------------------------------------------
    def _roll_call(self, s: Session, k: int, info: MeetingInfo, members: list[MemberInfo],
                   items: list[ItemInfo], presiding: MemberInfo) -> None:
        sec = self.w.secretary
        plain = [m for m in members if m.role is MemberRole.MEMBER]
        absent = self.rng.sample(plain, min(len(plain), self.rng.choice((1, 1, 2))))
        reasons = {m.id: self.rng.choice(list(AbsenceReason)) for m in absent}
        if k == self.special.chair_away:
            reasons[next(m.id for m in members if m.role is MemberRole.CHAIR)] = (
                AbsenceReason.BUSINESS_TRIP)
        for m in members:
            if m.id in reasons:
                other = reasons[m.id] is AbsenceReason.OTHER
                note = ru("участие в республиканском совещании") if other else None
                attendance.mark_absent(s, sec, info.id, m.id, reason=reasons[m.id], note=note)
            else:
                attendance.mark_present(s, sec, info.id, m.id)
        here = [m for m in plain if m.id not in reasons]
        sometimes = self.rng.random() < 0.3 or k == self.special.tie  # at least once a year
        if len(items) >= 3 and len(here) >= 2 and sometimes:
            late = here.pop(self.rng.randrange(len(here)))
            arrived = items[self.rng.randint(1, min(2, len(items) - 1))]
            attendance.mark_present(s, sec, info.id, late.id, arrived_item_id=arrived.id)
        if len(items) >= 4 and here and self.rng.random() < 0.15:
            leaving = here[self.rng.randrange(len(here))]
            attendance.mark_left(s, sec, info.id, leaving.id, left_item_id=items[-2].id)

    def _pin_specials(self, k: int, items: list[ItemInfo]) -> dict[str, str]:
        """Put the year's rare events on this meeting's non-control items, cases first."""
        wanted = [name for name, at in (("recusal", self.special.recusal),
                                        ("tie", self.special.tie),
                                        ("reject", self.special.reject)) if at == k]
        if not wanted:
            return {}
        slots = sorted((i for i in items if i.kind is not ItemKind.CONTROL),
                       key=lambda i: (i.kind is not ItemKind.CHILD_CASE, i.position))
        return {item.id: name for item, name in zip(slots, wanted, strict=False)}

    # --- items -------------------------------------------------------------------------------
    def _consider(self, s: Session, k: int, d: dt.date, info: MeetingInfo, item: ItemInfo,
                  members: list[MemberInfo], presiding: MemberInfo, special: str | None
                  ) -> None:
        if item.kind is ItemKind.CHILD_CASE:
            pending = self.pending[item.case_id or ""]
            if self._invite_and_hear(s, k, info, item, pending, special):
                return  # postponed
        elif item.kind is ItemKind.CONTROL:
            meetings.record_item_notes(
                s, self.w.secretary, item.id, reporter=self.follow.body_of(item.measure_id),
                heard=ru("Информация об исполнении ранее принятого постановления комиссии."))
        else:
            meetings.record_item_notes(
                s, self.w.secretary, item.id, reporter=item.reporter or presiding.full_name,
                heard=ru(f"Информация по вопросу: {item.title.ru}."),
                spoke=ru("Члены комиссии задали вопросы докладчику."))
        if special == "recusal":
            self._recuse(s, item, members, presiding)
        outcome = self._vote(s, item, members, presiding, special)
        if item.kind is ItemKind.CHILD_CASE:
            self._decide_case(s, d, item, self.pending[item.case_id or ""], special,
                              outcome.adopted)
        elif item.kind is ItemKind.CONTROL:
            code, text = self.follow.control(s, item.measure_id, item.id, d)
            self._record(s, d, item, text or self.w.texts[code or ""], code, [])
        elif item.kind is ItemKind.GENERAL:
            topic = next((t for t in texts.GENERAL if t[0] == item.title.ru), texts.GENERAL[0])
            bodies = self.rng.sample(topic[2], self.rng.randint(1, min(2, len(topic[2]))))
            measures = [("body_assignment", body) for body in bodies]
            self._record(s, d, item, self.w.texts["general_question_assign_bodies"],
                         "general_question_assign_bodies", measures if outcome.adopted else [])
        else:
            concept = "Концепции" in (item.title.ru or "") and outcome.adopted
            measures = [("body_assignment", texts.AKIMATS)] if concept else []
            self._record(s, d, item, "Информацию принять к сведению; утвердить "
                         "представленный документ.", None, measures)

    def _invite_and_hear(self, s: Session, k: int, info: MeetingInfo, item: ItemInfo,
                         p: Pending, special: str | None) -> bool:
        """Invite the child, the representative and the school; returns True if postponed."""
        sec, kid = self.w.secretary, p.kid
        guests = [(kid.name, InviteeRole.CHILD, None, self.rng.random() < 0.85),
                  (kid.rep or "", InviteeRole.LEGAL_REPRESENTATIVE, None,
                   self.rng.random() < 0.85)]
        if kid.data.school:
            teacher = person(self.rng, Sex.FEMALE, kazakh=self.rng.random() < 0.6)
            guests.append((teacher.full_name, InviteeRole.SCHOOL, kid.data.school, True))
        if self.rng.random() < 0.4:
            officer = person(self.rng, Sex.MALE, kazakh=self.rng.random() < 0.6)
            guests.append((officer.full_name, InviteeRole.POLICE, ru("Отдел полиции"), True))
        for name, role, org, present in guests:
            guest = meetings.invite(s, sec, info.id, full_name=name, role=role,
                                    item_id=item.id, organisation=org)
            if present:
                meetings.set_invitee_present(s, sec, guest.id, True)
        family_here = guests[0][3] or guests[1][3]
        if (special is None and not guests[1][3] and k + 1 < len(self.dates)
                and self.rng.random() < 0.5):
            meetings.record_item_notes(
                s, sec, item.id, heard=ru("Законный представитель, надлежаще извещенный, "
                                          "не явился; рассмотрение отложено."))
            target = self._meeting(s, k + 1)
            meetings.postpone_item(s, sec, item.id, to_meeting_id=target.id)
            return True
        meetings.record_item_notes(
            s, sec, item.id, reporter=guests[-1][0], rights_explained=family_here,
            heard=ru(f"Информация о материале № {p.case.label} в отношении "
                     f"несовершеннолетнего {kid.name}."),
            spoke=ru("Выступили законный представитель и представитель организации "
                     "образования." if family_here
                     else "Выступил представитель организации образования."),
            motions=ru("Законный представитель просил учесть положительную характеристику "
                       "из школы.") if family_here and self.rng.random() < 0.3 else None)
        return False

    def _recuse(self, s: Session, item: ItemInfo, members: list[MemberInfo],
                presiding: MemberInfo) -> None:
        present = attendance.present_at_item(s, item.id)
        who = [m for m in members if m.id in present and m.role is MemberRole.MEMBER
               and m.id != presiding.id]
        if who:
            attendance.recuse(s, self.w.secretary, item.id, who[-1].id,
                              reason="Несовершеннолетний обучается в организации, которой "
                                     "руководит член комиссии.")

    def _vote(self, s: Session, item: ItemInfo, members: list[MemberInfo],
              presiding: MemberInfo, special: str | None) -> VoteOutcome:
        present = attendance.present_at_item(s, item.id)
        recused = attendance.recused_at_item(s, item.id)
        voters = [m.id for m in members
                  if m.id in present and m.id not in recused and m.id != presiding.id]
        exceptions: dict[str, Choice | None] = {}
        entitled = len(voters) + (presiding.id in present)
        if special == "tie":  # half against (one abstains when odd): the chair decides
            picked = self.rng.sample(voters, entitled // 2 + entitled % 2)
            exceptions = {m: Choice.AGAINST for m in picked[:entitled // 2]}
            exceptions.update({m: Choice.ABSTAIN for m in picked[entitled // 2:]})
        elif special == "reject":
            exceptions = {m: Choice.AGAINST for m in self.rng.sample(voters, entitled // 2 + 1)}
        elif voters and (r := self.rng.random()) < 0.16:
            exceptions = {self.rng.choice(voters): Choice.ABSTAIN if r < 0.1 else Choice.AGAINST}
        outcome = voting.vote_all_for(s, self.w.secretary, item.id, exceptions)
        if special == "tie":
            against = sorted((m for m, c in exceptions.items() if c is Choice.AGAINST),
                             key=voters.index)
            voting.add_dissent(s, self.w.secretary, item.id, against[0], ru(DISSENT))
        return outcome

    # --- decisions -----------------------------------------------------------------------------
    def _decide_case(self, s: Session, d: dt.date, item: ItemInfo, p: Pending,
                     special: str | None, adopted: bool) -> None:
        code, kinds = texts.DECISIONS[p.category]
        if special == "tie":
            code, kinds = None, ("minor_petition_adaptation_centre",
                                 "minor_individual_prevention")
            text = TIE_TEXT.format(child=p.kid.name)
        elif special is None and self.rng.random() < 0.05:
            code, kinds = "close_no_grounds", ()
        if code is not None:
            text = self.w.texts[code].format(child=p.kid.name, representative=p.kid.rep)
        n = min(len(kinds), self.rng.randint(1, 3))
        measures = [(kind, None) for kind in kinds[:n]] if adopted else []
        decision = self._record(s, d, item, text, code, measures, p)
        if not decision.adopted:
            return
        self.returns.after_decision(p.kid, d, kinds[:n], (
            self.follow.plans[m.id].result for m in decision.measures
            if m.id in self.follow.plans))
        if code == "close_no_grounds":
            cases.close_case(s, self.w.secretary, p.case.id, on=d)
        if code == "register_put_on" and p.kid.id not in self.on_register:
            children.put_on_register(s, self.w.secretary, p.kid.id, on=d,
                                     reason=ru(f"Постановление комиссии № {decision.label}"))
            self.on_register.add(p.kid.id)
            self.returns.put_on(p.kid, d)
        if "minor_individual_prevention" in kinds[:n]:
            curator = person(self.rng, Sex.FEMALE, kazakh=self.rng.random() < 0.6)
            children.assign_curator(s, self.w.secretary, p.kid.id, name=curator.full_name,
                                    position=ru("социальный педагог"), on=d)

    def _record(self, s: Session, d: dt.date, item: ItemInfo, text: str, code: str | None,
                measures: list[tuple[str, str | None]], p: Pending | None = None
                ) -> decisions.DecisionInfo:
        plans, inputs = [], []
        for kind, body in measures:
            wording, default_body = texts.MEASURES[kind]
            body = (body or default_body).format(
                school=(p.kid.data.school.ru if p and p.kid.data.school else texts.EDU),
                place=(p.kid.data.address.ru or "").split(",")[0] if p and p.kid.data.address
                else "")
            plan = self.follow.choose(d, body)
            plans.append(plan)
            inputs.append(MeasureInput(kind_id=self.w.cat(CatalogKind.MEASURE_KIND, kind),
                                       text=ru(wording), responsible_body=ru(body),
                                       deadline=plan.deadline))
        decision = decisions.record_decision(
            s, self.w.secretary, item.id, text=ru(text), measures=inputs,
            template_id=self.w.cat(CatalogKind.DECISION_TEMPLATE, code) if code else None,
            circumstances=p.case.description if p else None,
            causes=ru("Недостаточный контроль со стороны законных представителей; отсутствие "
                      "организованного досуга.") if p else None)
        for measure, plan in zip(decision.measures, plans, strict=True):
            self.follow.adopt(measure, plan, d)
        return decision

    # --- the next meeting ----------------------------------------------------------------------
    def _upcoming(self, s: Session) -> None:
        """The meeting after today: planned, with new cases and the control items due;
        every child still waiting gets the case that brought them to the commission."""
        k = len(self.dates)
        info = self._meeting(s, k)
        fresh = self._open_cases(s, len(self.fresh), self.w.today, window=20, repeats=False)
        for p in fresh[:4]:
            meetings.add_child_case_item(s, self.w.secretary, info.id, p.case.id)
        meetings.build_agenda(s, self.w.secretary, info.id)
