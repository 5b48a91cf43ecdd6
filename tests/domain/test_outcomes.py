"""The pure rules of outcomes: calendar months, shares with their n and interval, and
the Kaplan–Meier median with children still on the register."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.domain.outcomes import MIN_N, Share, add_months, km_median


@pytest.mark.parametrize(("start", "months", "expected"), [
    (dt.date(2025, 1, 10), 6, dt.date(2025, 7, 10)),
    (dt.date(2025, 8, 31), 6, dt.date(2026, 2, 28)),  # no 31 February: its last day
    (dt.date(2023, 8, 31), 6, dt.date(2024, 2, 29)),
    (dt.date(2025, 12, 15), 12, dt.date(2026, 12, 15)),
    (dt.date(2025, 7, 1), 6, dt.date(2026, 1, 1)),
])
def test_add_months(start, months, expected):
    assert add_months(start, months) == expected


def test_a_share_of_fewer_than_five_has_no_value():
    small = Share(3, 4)
    assert (small.shown, small.value, small.interval) == (False, None, None)
    assert Share(0, 0).value is None
    five = Share(4, MIN_N)
    assert five.value == pytest.approx(0.8)


def test_the_wilson_interval_matches_published_values():
    # Newcombe (1998), table I: 81 of 263 -> 0.2553 to 0.3662; 15 of 148 -> 0.0624 to 0.1605.
    low, high = Share(81, 263).interval
    assert (round(low, 4), round(high, 4)) == (0.2553, 0.3662)
    low, high = Share(15, 148).interval
    assert (round(low, 4), round(high, 4)) == (0.0624, 0.1605)
    # Honest at the edges: all 5 of 5 is not "certainly 100%".
    low, high = Share(5, 5).interval
    assert high == 1.0 and low == pytest.approx(0.5655, abs=1e-4)


@given(st.integers(5, 400).flatmap(lambda n: st.tuples(st.integers(0, n), st.just(n))))
def test_the_interval_holds_the_share(kn):
    k, n = kn
    low, high = Share(k, n).interval
    assert 0.0 <= low <= k / n <= high <= 1.0


def test_km_median_counts_children_still_on_the_register():
    # Five children: removed after 30, 90 and 181 days; two still on it after 536.
    # Survival 0.8, 0.6, 0.4: the median is 181 days. Dropping the two still on the
    # register would give 90, which is what this estimate exists to avoid.
    result = km_median([(536, False), (30, True), (181, True), (90, True), (536, False)])
    assert (result.n, result.events, result.median_days) == (5, 3, 181)


def test_km_median_not_reached_and_small_groups():
    assert km_median([(10, True), (400, False), (400, False), (400, False),
                      (400, False)]).median_days is None  # survival never reaches 0.5
    few = km_median([(10, True), (20, True)])
    assert (few.n, few.shown, few.median_days) == (2, False, None)


def test_km_median_censoring_before_an_event_shrinks_the_risk_set():
    # 6 children: censored at 5 and 5, removed at 10, 20, 30, 40.
    # At 10: 4 at risk -> 0.75; at 20: 3 -> 0.5: median 20 (without the censored two the
    # plain median of 10, 20, 30, 40 would be 25).
    result = km_median([(5, False), (5, False), (10, True), (20, True), (30, True),
                        (40, True)])
    assert result.median_days == 20
