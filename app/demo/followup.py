"""What happens to each measure after its meeting: reports, acceptance, assessment.

Every measure gets a fate when it is assigned, and its deadline is chosen to fit that
fate, given the meeting dates of the year (known in advance). Events between meetings
(a body reports; the chair accepts a report and assesses it) are queued by date and run
before the next meeting; the rest happens at control items of later meetings. Fates
still missing from the year are preferred until each has happened once, so that even a
small demo shows every state: overdue, reported, accepted, assessed effective, partly,
not effective and too early to say, plus rejected reports and a cancelled measure.
"""

from __future__ import annotations

import bisect
import datetime as dt
import heapq
import itertools
from collections.abc import Callable
from dataclasses import dataclass, field

from sqlalchemy.orm import Session

from app.models.enums import Effectiveness
from app.services import measures
from app.services.decisions import MeasureInfo

from .texts import ru
from .world import DAY, World

# Fate -> weight when nothing is missing.
WEIGHTS = {"prompt": 44, "control": 18, "late": 8, "rejected": 4, "overdue": 5,
           "reported": 6, "open": 14, "cancelled": 1}
RESULTS = {Effectiveness.EFFECTIVE: 50, Effectiveness.PARTLY: 25,
           Effectiveness.NOT_EFFECTIVE: 12, Effectiveness.TOO_EARLY: 13}
ACCEPTING = ("prompt", "control", "late", "rejected")
COMMENTS = {
    Effectiveness.EFFECTIVE: "Пропусков занятий и правонарушений за период не допущено.",
    Effectiveness.PARTLY: "Положительная динамика есть, но работу необходимо продолжить.",
    Effectiveness.NOT_EFFECTIVE: "Поведение не изменилось; меры требуют пересмотра.",
    Effectiveness.TOO_EARLY: "Мера принята недавно; оценить результат пока рано.",
}


@dataclass
class Plan:
    """A measure's fate and what has happened to it so far."""

    fate: str
    deadline: dt.date
    body: str
    result: Effectiveness | None = None
    measure_id: str = ""
    report_id: str | None = None
    controls: int = 0
    events: list[tuple[dt.date, str]] = field(default_factory=list)


class FollowUp:
    def __init__(self, world: World, held: list[dt.date]) -> None:
        self.world = world
        self.rng = world.rng
        self.held = held
        self.plans: dict[str, Plan] = {}
        self.missing = ["not_effective", "partly", "too_early", "effective", "control",
                        "rejected", "late", "cancelled", "overdue", "reported"]
        self._queue: list[tuple[dt.date, int, Callable[[Session], None]]] = []
        self._seq = itertools.count()

    # --- choosing a fate and a deadline -------------------------------------------------
    def _after(self, d: dt.date) -> list[dt.date]:
        return self.held[bisect.bisect_right(self.held, d):]

    def _deadline(self, fate: str, m: dt.date) -> dt.date | None:
        """A deadline in [m+14, m+90] that lets the fate happen, or None if none does."""
        today, held = self.world.today, self.held
        lo, hi = m + 14 * DAY, m + 90 * DAY
        if fate == "prompt":
            ok = (today - m).days >= 6
        elif fate in ("control", "cancelled"):
            hi = min(hi, held[-1] - DAY) if held else lo - DAY
            ok = lo <= hi
        elif fate in ("late", "rejected"):  # two controls after the deadline
            hi = min(hi, held[-2] - DAY) if len(held) >= 2 else lo - DAY
            ok = lo <= hi
        elif fate == "overdue":
            lo = max(lo, held[-3]) if len(held) >= 3 else lo  # at most two controls after
            hi = min(hi, today - DAY)
            ok = lo <= hi
        elif fate == "reported":
            lo = max(lo, held[-1]) if held else lo  # no control before the report is read
            ok = lo <= hi and (today - m).days >= 2
        elif fate == "open":
            lo = max(lo, today + DAY)
            ok = lo <= hi
        else:
            ok = False
        if not ok:
            return None
        d = lo + self.rng.randint(0, (hi - lo).days) * DAY
        if fate in ("late", "rejected"):  # the second report must fit between the controls
            after = self._after(d)
            if (after[1] - after[0]).days < 2:
                return None
        return d

    def choose(self, m: dt.date, body: str) -> Plan:
        """A fate for a measure assigned at a meeting on `m` (its deadline comes with it)."""
        for want in list(self.missing):
            fate = want if want in WEIGHTS else self._accepting_fate()
            d = self._deadline(fate, m)
            if d is not None:
                result = Effectiveness(want) if want not in WEIGHTS else None
                return self._plan(fate, d, body, result)
        while True:
            fate = self.rng.choices(list(WEIGHTS), list(WEIGHTS.values()))[0]
            d = self._deadline(fate, m)
            if d is not None:
                return self._plan(fate, d, body, None)

    def _accepting_fate(self) -> str:
        return self.rng.choice(("prompt", "prompt", "control"))

    def _plan(self, fate: str, d: dt.date, body: str, result: Effectiveness | None) -> Plan:
        if fate in ACCEPTING and result is None:
            result = self.rng.choices(list(RESULTS), list(RESULTS.values()))[0]
        for done in (fate, result.value if result else None):
            if done in self.missing:
                self.missing.remove(done)
        return Plan(fate, d, body, result)

    # --- events between meetings -----------------------------------------------------------
    def adopt(self, measure: MeasureInfo, plan: Plan, m: dt.date) -> None:
        """Queue the measure's events once the decision has created it."""
        plan.measure_id = measure.id
        self.plans[measure.id] = plan
        today, d = self.world.today, plan.deadline
        if plan.fate == "prompt":
            limit = min(d, today)
            r = m + self.rng.randint(1, max(1, (limit - m).days - 3)) * DAY
            a = min(r + self.rng.randint(1, 7) * DAY, limit - DAY)
            self._at(r, lambda s: self._report(s, plan, r))
            self._at(a, lambda s: self._accept(s, plan, a, None))
        elif plan.fate in ("control", "rejected"):
            r = m + self.rng.randint(1, (d - m).days - 1) * DAY
            self._at(r, lambda s: self._report(s, plan, r))
        elif plan.fate == "reported":
            r = m + self.rng.randint(1, min((d - m).days, (today - m).days - 1)) * DAY
            self._at(r, lambda s: self._report(s, plan, r))

    def _at(self, when: dt.date, action: Callable[[Session], None]) -> None:
        if when < self.world.today:
            heapq.heappush(self._queue, (when, next(self._seq), action))

    def run_until(self, s: Session, before: dt.date) -> None:
        while self._queue and self._queue[0][0] < before:
            heapq.heappop(self._queue)[2](s)

    def _report(self, s: Session, plan: Plan, on: dt.date) -> None:
        text = self.rng.choice((
            "Проведены профилактические беседы, составлен и исполняется план работы.",
            "Несовершеннолетний посещает занятия регулярно; проведены консультации психолога.",
            "Семья посещена по месту жительства, оказана консультативная помощь.",
            "Информация об исполнении направлена в комиссию с приложением подтверждающих "
            "документов."))
        info = measures.report_measure(s, self.world.member, plan.measure_id, reported_on=on,
                                       text=ru(text), reported_by=plan.body)
        plan.report_id = info.id

    def _accept(self, s: Session, plan: Plan, on: dt.date, item_id: str | None) -> None:
        assert plan.report_id and plan.result
        measures.decide_report(s, self.world.chair, plan.report_id, accepted=True, on=on)
        review = None if plan.result is Effectiveness.EFFECTIVE else on + 60 * DAY
        measures.assess_measure(s, self.world.chair, plan.measure_id, result=plan.result,
                                on=on, next_review=review, comment=ru(COMMENTS[plan.result]),
                                item_id=item_id)

    def body_of(self, measure_id: str | None) -> str:
        plan = self.plans.get(measure_id or "")
        return plan.body if plan else "Ответственный орган"

    # --- at a control item -------------------------------------------------------------------
    def control(self, s: Session, measure_id: str | None, item_id: str, m: dt.date
                ) -> tuple[str | None, str]:
        """Act on a control item; returns (decision template code or None, decision text)."""
        plan = self.plans.get(measure_id or "")
        if plan is None:
            return None, _REITERATE.format(body="ответственному органу")
        first = plan.controls == 0
        plan.controls += 1
        if plan.fate == "cancelled":
            measures.cancel_measure(s, self.world.chair, plan.measure_id,
                                    reason="Несовершеннолетний выбыл за пределы области")
            return None, ("Снять поручение с контроля в связи с выбытием несовершеннолетнего "
                          "на постоянное место жительства за пределы области.")
        if plan.fate == "rejected" and first:
            measures.decide_report(s, self.world.chair, plan.report_id or "", accepted=False,
                                   on=m)
            self._re_report(plan, m)
            return None, (f"Информацию {plan.body} признать недостаточной. Продолжить "
                          "исполнение и представить дополненную информацию к следующему "
                          "заседанию комиссии.")
        if plan.fate == "late" and first:
            self._re_report(plan, m)
            return None, _REITERATE.format(body=plan.body)
        if plan.fate in ACCEPTING and plan.report_id:
            self._accept(s, plan, m, item_id)
            return "accept_report_remove_control", ""
        return None, _REITERATE.format(body=plan.body)

    def _re_report(self, plan: Plan, m: dt.date) -> None:
        after = self._after(m)
        if not after:
            return
        gap = (after[0] - m).days
        r = m + self.rng.randint(1, max(1, gap - 1)) * DAY
        self._at(r, lambda s: self._report(s, plan, r))


_REITERATE = ("Информация об исполнении в установленный срок не представлена. Указать "
              "{body} на недопустимость нарушения сроков исполнения постановлений комиссии; "
              "обязать представить информацию к следующему заседанию.")
