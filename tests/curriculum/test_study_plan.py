"""Study plans: a week-by-week schedule that fits the learner's time, or says honestly that it does not."""

import json
from datetime import date, timedelta

import pytest

from curriculum.item_types import ItemType
from curriculum.study_plan import StudyPlan, plan

TODAY = date(2026, 11, 27)


def test_a_plan_that_fits_has_one_week_per_week_to_the_exam_ending_with_mock_tests():
    result = plan("N5", "N4", TODAY + timedelta(weeks=53), TODAY, 300)
    assert result.feasible and result.proposed_target is None and "fits" in result.message
    assert len(result.weeks) == 53
    assert [w.starts for w in result.weeks] == [TODAY + timedelta(weeks=k) for k in range(53)]
    assert all(sum(m for _, m in w.allocation) == w.minutes == 300 for w in result.weeks)
    assert result.weeks[-1].focus == ("mock_test",) and dict(result.weeks[-1].allocation)["mock_test"] == 115
    assert all(w.level == "N4" for w in result.weeks)


def test_learning_weeks_rotate_through_every_skill_of_the_exam():
    result = plan("N5", "N4", TODAY + timedelta(weeks=20), TODAY, 800)
    learning = [w for w in result.weeks if w.focus != ("mock_test",)]
    assert {s for w in learning[:3] for s in w.focus} == {"vocabulary", "kanji", "grammar", "reading",
                                                          "listening"}
    assert all(dict(w.allocation)["review"] > 0 for w in learning)
    assert ItemType.QUICK_RESPONSE.value in {t for w in learning for t in w.types}


def test_when_time_is_short_the_plan_says_so_and_proposes_the_nearer_target():
    result = plan("N5", "N3", TODAY + timedelta(weeks=31), TODAY, 600)
    assert not result.feasible
    assert result.needed_hours == 600 and result.available_hours == 310.0
    assert result.proposed_target == "N4" and result.planned_target == "N4"
    assert "not enough" in result.message and "aim for N4 at this exam" in result.message
    assert result.required_weekly_minutes == 1162 and "1162 minutes a week" in result.message
    assert result.ready_on == TODAY + timedelta(weeks=60)
    assert {w.level for w in result.weeks} == {"N4"}


def test_when_even_the_next_level_does_not_fit_the_plan_works_towards_it_and_says_when_the_target_fits():
    result = plan("below N5", "JFT-A2", TODAY + timedelta(weeks=26), TODAY, 600)
    assert not result.feasible and result.proposed_target == "JFT-A1"
    assert "work towards JFT-A1 first" in result.message and "after 2027-12-17" in result.message
    assert all(t.startswith("jft_") for w in result.weeks for t in w.types)


def test_a_learner_already_at_the_target_practises_and_takes_mock_tests():
    result = plan("N3", "N4", TODAY + timedelta(weeks=8), TODAY, 120)
    assert result.feasible and result.needed_hours == 0 and "already at N4" in result.message
    assert result.weeks[-1].focus == ("mock_test",)


@pytest.mark.parametrize(("minutes", "days"), [(1, 1), (30, 1), (31, 2), (90, 3), (210, 7), (1000, 7)])
def test_every_week_asks_for_at_least_one_study_day_because_the_programme_checks_weekly_logins(minutes, days):
    result = plan("N5", "N4", TODAY + timedelta(weeks=10), TODAY, minutes)
    assert result.days_per_week == days
    assert all(w.days == days for w in result.weeks)


def test_an_exam_less_than_a_week_away_gives_one_mock_test_week():
    result = plan("N4", "N4", TODAY + timedelta(days=3), TODAY, 90)
    assert len(result.weeks) == 1 and result.weeks[0].focus == ("mock_test",)


@pytest.mark.parametrize("args", [
    ("N1", "N4", TODAY + timedelta(weeks=5), TODAY, 60),
    ("N5", "JFT-B1", TODAY + timedelta(weeks=5), TODAY, 60),
    ("N5", "N4", TODAY, TODAY, 60),
    ("N5", "N4", TODAY + timedelta(weeks=5), TODAY, 0),
])
def test_impossible_requests_are_refused(args):
    with pytest.raises(ValueError):
        plan(*args)


def test_a_plan_round_trips_through_json_and_does_not_depend_on_the_clock():
    result = plan("N5", "N3", TODAY + timedelta(weeks=40), TODAY, 200)
    assert StudyPlan.from_dict(json.loads(json.dumps(result.to_dict()))) == result
    assert plan("N5", "N3", TODAY + timedelta(weeks=40), TODAY, 200) == result

