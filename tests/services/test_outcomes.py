"""Outcomes of measures on a hand-built history whose answers are worked out by hand
(the comments give the arithmetic)."""

from __future__ import annotations

import pytest

from app.errors import ValidationError
from app.services import outcomes
from tests.services.outcome_history import ON, PERIOD, D, build_history


@pytest.fixture
def history(s, world):
    return build_history(s, world)


def test_outcomes_by_kind_on_a_known_history(s, world, history):
    h, c, _other = history
    result = outcomes.compute(s, world.admin, world.commission_id, *PERIOD, on=ON)
    by_kind = {r.key: r for r in result.by_kind}
    assert list(by_kind) == ["minor_warning", "minor_psychological_help", "body_assignment"]
    w = by_kind["minor_warning"]
    assert (w.measures, w.children) == (8, 7)
    # 6 months: c1 had a case (3 months on); c2..c6 did not: 5 of 6 followed.
    assert (w.no_new_case_6m.k, w.no_new_case_6m.n) == (5, 6)
    # 12 months: c1 and c2 had one: 4 of 6.
    assert (w.no_new_case_12m.k, w.no_new_case_12m.n) == (4, 6)
    assert w.no_new_case_12m.value == pytest.approx(4 / 6)
    # Removal: 5 on the register at M1, 3 removed; Kaplan–Meier median 181 days.
    assert (w.removal.n, w.removal.events, w.removal.median_days) == (5, 3, 181)
    assert (w.effective.k, w.effective.n) == (3, 6)
    psy = by_kind["minor_psychological_help"]
    assert (psy.measures, psy.children) == (3, 3)
    assert (psy.no_new_case_12m.k, psy.no_new_case_12m.n) == (3, 3)
    assert psy.no_new_case_12m.value is None  # n < 5: no share is shown
    assert psy.removal.median_days is None and psy.effective.n == 0
    general = by_kind["body_assignment"]
    assert (general.measures, general.children, general.effective.k) == (1, 0, 1)


def test_outcomes_by_body_and_in_total(s, world, history):
    result = outcomes.compute(s, world.admin, world.commission_id, *PERIOD, on=ON)
    by_body = {r.key: r for r in result.by_body}
    assert [r.key for r in result.by_body] == ["School 1", "Centre"]  # most children first
    school = by_body["School 1"]
    assert (school.measures, school.children) == (9, 7)
    assert (school.effective.k, school.effective.n) == (4, 7)
    assert (school.no_new_case_6m.k, school.no_new_case_6m.n) == (5, 6)
    total = result.total
    assert (total.measures, total.children) == (12, 10)
    assert (total.no_new_case_12m.k, total.no_new_case_12m.n) == (7, 9)
    assert total.label.en == "All measures" and total.label.ru != total.label.en


def test_outcomes_of_one_district(s, world, history):
    _h, c, other = history
    result = outcomes.compute(s, world.admin, world.commission_id, *PERIOD, on=ON,
                              district_id=other)
    assert result.district is not None and result.district.ru == "город Аксу"
    assert [(r.key, r.measures, r.children) for r in result.by_kind] == [
        ("minor_psychological_help", 1, 1)]
    assert (result.total.measures, result.total.children) == (1, 1)


def test_follow_up_ends_on_the_day_given(s, world, history):
    """Seen from 31.07.2025, only M1's 6 months are over; its 12 are not."""
    result = outcomes.compute(s, world.admin, world.commission_id, D(2025, 1, 1),
                              D(2025, 7, 31), on=D(2025, 7, 31))
    w = next(r for r in result.by_kind if r.key == "minor_warning")
    assert (w.no_new_case_6m.k, w.no_new_case_6m.n) == (5, 6)
    assert w.no_new_case_12m.n == 0
    # On 31.07.2025 c2, c3 and c4 had been removed (181 days), c5 and c6 followed 202.
    assert (w.removal.events, w.removal.median_days) == (3, 181)


def test_outcomes_refuse_a_bad_period(s, world):
    with pytest.raises(ValidationError):
        outcomes.compute(s, world.admin, world.commission_id, D(2025, 2, 1), D(2025, 1, 1))
