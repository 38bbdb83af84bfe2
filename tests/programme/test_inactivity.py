"""The weekly-login rule at its boundaries (pure: plain values in, decisions out)."""

from datetime import date, datetime, timedelta

import pytest

from programme.inactivity import (
    PROGRAMME_TZ,
    Kind,
    LearnerFacts,
    add_months,
    nudges,
    warnings,
    watch_outcome,
)

MON = date(2026, 10, 5)  # a Monday


def at_jst(day: date, hour=12, minute=0) -> datetime:
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=PROGRAMME_TZ)


def learner(lid=1, company=10, joined=MON, days=(), active=True):
    return LearnerFacts(lid, company, joined, frozenset(days), active)


def test_a_week_without_login_warns_the_company_once_naming_its_learners():
    facts = [learner(1, days=[MON + timedelta(days=2)]), learner(2), learner(3)]
    found = warnings(facts, at_jst(MON + timedelta(days=7), 0, 1), since=MON)
    assert [(d.kind, d.company_id, d.week, d.learner_ids) for d in found] == [(Kind.WARNING, 10, MON, (2, 3))]
    assert found[0].evidence["week"] == "2026-10-05/2026-10-11"


def test_the_week_ends_at_midnight_in_japan_not_utc():
    facts = [learner(1)]
    sunday_night_jst = at_jst(MON + timedelta(days=6), 23, 59)
    assert warnings(facts, sunday_night_jst, since=MON) == [], "the week is not over yet in Kagoshima"
    assert len(warnings(facts, at_jst(MON + timedelta(days=7), 0, 0), since=MON)) == 1


def test_a_login_late_sunday_in_japan_counts_for_that_week():
    facts = [learner(1, days=[MON + timedelta(days=6)])]  # Sunday (Japan time) 23:30 is Sunday 14:30 UTC
    assert warnings(facts, at_jst(MON + timedelta(days=8)), since=MON) == []


def test_a_learner_who_joins_mid_week_is_not_warned_for_that_week():
    facts = [learner(1, joined=MON + timedelta(days=2))]
    found = warnings(facts, at_jst(MON + timedelta(days=14)), since=MON)
    assert [d.week for d in found] == [MON + timedelta(days=7)]


def test_a_stopped_learner_is_not_warned_but_the_active_one_is():
    facts = [learner(1, active=False), learner(2)]
    found = warnings(facts, at_jst(MON + timedelta(days=7)), since=MON)
    assert [d.learner_ids for d in found] == [(2,)]


@pytest.mark.parametrize(("weekday", "expected"), [(0, 0), (2, 0), (3, 1), (6, 1)])
def test_the_mid_week_nudge_comes_from_thursday(weekday, expected):
    found = nudges([learner(1)], at_jst(MON + timedelta(days=weekday)))
    assert len(found) == expected
    assert all(d.kind is Kind.NUDGE for d in found)


def test_no_nudge_for_a_learner_who_already_logged_in_this_week():
    assert nudges([learner(1, days=[MON])], at_jst(MON + timedelta(days=4))) == []


@pytest.mark.parametrize(("start", "months", "end"), [
    (date(2026, 10, 12), 2, date(2026, 12, 12)),
    (date(2026, 12, 31), 2, date(2027, 2, 28)),
    (date(2026, 11, 30), 3, date(2027, 2, 28)),
])
def test_two_months_later_is_the_same_day_or_the_months_end(start, months, end):
    assert add_months(start, months) == end


def weekly(first: date, weeks: int, skip=()):
    return [first + timedelta(days=7 * k + 1) for k in range(weeks) if k not in skip]


def test_the_watch_runs_exactly_two_months_after_the_warning():
    warned_week = MON  # warning sent on Monday 12 October
    facts = [learner(1, days=weekly(MON, 12, skip={0}))]
    ends = date(2026, 12, 12)
    assert watch_outcome(warned_week, 10, facts, at_jst(ends - timedelta(days=1), 23, 59)) is None
    outcome = watch_outcome(warned_week, 10, facts, at_jst(ends, 0, 0))
    assert outcome.kind is Kind.IMPROVED
    assert outcome.evidence["watch_ends"] == "2026-12-12"


def test_one_missed_week_near_the_end_of_the_watch_stops_every_learner_of_the_company():
    steady = learner(1, days=weekly(MON, 12))
    slipping = learner(2, days=weekly(MON, 12, skip={0, 7}))  # misses the week of 23 November
    other_company = learner(3, company=20)
    outcome = watch_outcome(MON, 10, [steady, slipping, other_company], at_jst(date(2026, 12, 13)))
    assert outcome.kind is Kind.SUSPENSION
    assert outcome.learner_ids == (1, 2)
    assert outcome.evidence["learners_without_login_by_week"]["2026-11-23"] == [2]


def test_a_miss_early_in_the_watch_is_forgiven():
    facts = [learner(1, days=weekly(MON, 12, skip={0, 1, 2}))]
    assert watch_outcome(MON, 10, facts, at_jst(date(2026, 12, 13))).kind is Kind.IMPROVED
