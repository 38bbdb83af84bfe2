"""The placement's JSON contract (present/submit) and the plan a finished placement proposes."""

import json
import random
from datetime import date, datetime, timedelta, timezone

import pytest

from curriculum import placement, study_plan
from curriculum.bank import default_bank

BANK = default_bank()
NOW = datetime(2026, 7, 14, 3, 0, tzinfo=timezone.utc)


def _rng():
    return random.Random(7)


def test_present_shows_an_item_without_its_key_and_keeps_it_pending():
    state, payload = placement.present(None, BANK, _rng(), NOW)
    assert set(payload["item"]) >= {"id", "prompt", "choices"} and "answer" not in payload["item"]
    assert payload["progress"] == {"answered": 0, "max_items": placement.MAX_ITEMS, "done": False}
    again, second = placement.present(state, BANK, random.Random(99), NOW)
    assert second["item"]["id"] == payload["item"]["id"] and again == state


@pytest.mark.parametrize("body", [None, [], {"item_id": "x"}, {"item_id": "x", "choice": 0, "level": "N2"},
                                  {"level": "N2"}, {"item_id": "not-served", "choice": 0}])
def test_submit_refuses_anything_but_the_served_item_and_changes_nothing(body):
    state, payload = placement.present(None, BANK, _rng(), NOW)
    before = repr(state)
    with pytest.raises(placement.PlacementError):
        placement.submit(state, BANK, body, _rng(), NOW)
    assert repr(state) == before


def test_finishing_fixes_the_level_and_the_plan():
    state, payload = placement.present(None, BANK, _rng(), NOW)
    while payload["item"]:
        item = BANK.get(payload["item"]["id"])
        state, payload, _graded = placement.submit(state, BANK, {"item_id": item.id, "choice": item.answer},
                                                   _rng(), NOW)
    outcome = payload["outcome"]
    assert outcome["level"] == "N2" and outcome["finished_at"] == NOW.isoformat()
    assert outcome["plan"]["target"] == "N2" and outcome["plan"]["starts"] == "2026-07-14"
    assert outcome["plan"]["exam_date"] == "2026-12-06"  # at N2 already: the next session
    with pytest.raises(placement.PlacementError):
        placement.submit(state, BANK, {"item_id": state["responses"][0][0], "choice": 0}, _rng(), NOW)


def test_exam_sessions_are_the_first_sundays_of_july_and_december():
    assert study_plan.next_exam_date(date(2026, 7, 14)) == date(2026, 12, 6)
    assert study_plan.next_exam_date(date(2026, 10, 20)) == date(2027, 7, 4)  # 6 December is too close
    assert study_plan.session_on_or_after(date(2029, 7, 1)) == date(2029, 7, 1)
    assert [study_plan.next_target(lv) for lv in ("below N5", "N5", "N4", "N3", "N2")] == [
        "N5", "N4", "N3", "N2", "N2"]


def test_the_proposed_plan_is_honest_about_time():
    """N5 to N4 is about 250 hours: at 150 minutes a week, not by December but by July 2028."""
    today = date(2026, 7, 14)
    proposal = study_plan.plan_after_placement("N5", today)
    assert proposal.feasible and proposal.planned_target == "N4"
    assert proposal.exam_date == date(2028, 7, 2)
    assert study_plan.plan_after_placement("N5", today, weekly_minutes=600).exam_date == date(2027, 7, 4)


def test_the_summary_is_small_and_rebuilds_every_week():
    today = date(2026, 7, 14)
    proposal = study_plan.plan_after_placement("N3", today)  # four years of weeks
    summary = study_plan.plan_summary(proposal)
    assert len(json.dumps(summary)) < 600
    assert summary["first_week"] == study_plan.week_of(summary, today)
    week_40 = proposal.weeks[39]
    assert study_plan.week_of(summary, week_40.starts + timedelta(days=6))["focus"] == list(week_40.focus)
    assert study_plan.week_of(summary, date(2020, 1, 1))["number"] == 1
    assert study_plan.week_of(summary, proposal.exam_date + timedelta(weeks=2)) is None
