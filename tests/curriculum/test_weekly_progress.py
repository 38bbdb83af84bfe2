"""The learner's week: Japan-time weeks from Monday, a goal in days, reviews due, badges by weekly rules."""

from datetime import date, datetime, timedelta, timezone

import pytest

from curriculum import review, study_plan, weekly_progress
from curriculum.weekly_progress import Record

#: Tuesday 14 July 2026, noon in Japan.
TUESDAY = datetime(2026, 7, 14, 3, 0, tzinfo=timezone.utc)


def test_a_study_day_is_the_japan_date_and_counts_once():
    late_sunday_utc = datetime(2026, 7, 12, 16, 30, tzinfo=timezone.utc)  # Monday 01:30 in Japan
    days = weekly_progress.add_study_day([], late_sunday_utc)
    assert days == ["2026-07-13"]
    assert weekly_progress.add_study_day(days, late_sunday_utc) == days


def test_the_record_keeps_a_bounded_number_of_days():
    days = [(date(2024, 1, 1) + timedelta(days=k)).isoformat() for k in range(weekly_progress.KEEP_DAYS)]
    kept = weekly_progress.add_study_day(days, TUESDAY)
    assert len(kept) == weekly_progress.KEEP_DAYS and kept[-1] == "2026-07-14" and kept[0] == "2024-01-02"


def test_the_week_runs_monday_to_sunday_with_today_marked():
    cells = weekly_progress.week_cells(["2026-07-12", "2026-07-13", "2026-07-14"], TUESDAY)
    assert [c["date"] for c in cells] == [f"2026-07-{d}" for d in range(13, 20)]
    assert [c["studied"] for c in cells] == [True, True] + [False] * 5  # last Sunday is last week
    assert [c["today"] for c in cells].index(True) == 1
    assert [c["future"] for c in cells] == [False, False] + [True] * 5


def test_weeks_met_counts_any_weeks_not_streaks():
    days = ["2026-06-01", "2026-06-03",   # week of 1 June: 2 days
            "2026-06-08",                 # week of 8 June: 1 day (a missed week breaks nothing)
            "2026-06-15", "2026-06-21"]   # week of 15 June: 2 days
    assert weekly_progress.weeks_met(days, 2) == 2
    assert weekly_progress.weeks_met(days, 1) == 3


def test_badges_are_weekly_rules():
    four_weeks = [(date(2026, 6, 1) + timedelta(weeks=w, days=d)).isoformat() for w in (0, 2, 4, 6)
                  for d in (0, 2, 4)]
    record = Record(study_days=tuple(four_weeks), answers=100, placement_level="N4",
                    mock_results=({"form": "N4", "passed": False},))
    assert weekly_progress.badges(record, 3) == [
        "placement_done", "first_week", "four_weeks", "hundred_items", "first_mock"]
    assert weekly_progress.badges(record, 4) == ["placement_done", "hundred_items", "first_mock"]
    assert weekly_progress.badges(Record(), 3) == []
    assert "mock_passed" in weekly_progress.badges(Record(mock_results=({"form": "N5", "passed": True},)), 3)


def test_reviews_due_today_from_cards_by_japan_date():
    cards = {"a": review.new_card("a", TUESDAY - timedelta(days=2)),  # overdue
             "b": review.new_card("b", TUESDAY + timedelta(hours=10)),  # 22:00 today in Japan
             "c": review.new_card("c", TUESDAY + timedelta(days=3))}
    by_day = weekly_progress.due_by_day(cards)
    assert by_day == {"2026-07-12": 1, "2026-07-14": 1, "2026-07-17": 1}
    assert weekly_progress.due_today(by_day, TUESDAY) == (2, "2026-07-17")
    merged = weekly_progress.merge_due({"drill1": by_day, "drill2": {"2026-07-14": 4}})
    assert weekly_progress.due_today(merged, TUESDAY) == (6, "2026-07-17")
    assert weekly_progress.due_today({}, TUESDAY) == (0, None)


def test_the_next_step_is_the_plans_week_containing_today():
    plan = study_plan.plan_summary(study_plan.plan("N5", "N4", date(2026, 12, 6), date(2026, 7, 7), 600))
    assert weekly_progress.next_step(plan, TUESDAY)["number"] == 2
    assert weekly_progress.next_step(plan, TUESDAY - timedelta(days=30))["number"] == 1
    assert weekly_progress.next_step(plan, datetime(2027, 1, 1, tzinfo=timezone.utc)) is None
    assert weekly_progress.next_step(None, TUESDAY) is None


def test_a_mock_result_needs_a_form_and_the_list_is_bounded():
    with pytest.raises(ValueError):
        weekly_progress.add_mock_result([], {"total": 3}, TUESDAY)
    results = []
    for k in range(weekly_progress.KEEP_MOCKS + 5):
        results = weekly_progress.add_mock_result(results, {"form": f"N5-{k}", "passed": k % 2}, TUESDAY)
    assert len(results) == weekly_progress.KEEP_MOCKS
    assert results[-1]["form"] == f"N5-{weekly_progress.KEEP_MOCKS + 4}"
    assert results[-1]["finished_at"] == TUESDAY.isoformat()


def test_the_summary_both_hosts_show():
    record = Record(study_days=("2026-07-13", "2026-07-14"), answers=12, placement_level="N5")
    plan = study_plan.plan_summary(study_plan.plan_after_placement("N5", date(2026, 7, 13)))
    shown = weekly_progress.summary(record, 2, {"2026-07-14": 3}, plan, TUESDAY)
    assert (shown["days"], shown["goal"], shown["goal_met"], shown["due"]) == (2, 2, True, 3)
    assert shown["next_step"] == plan["first_week"] and shown["placement"] == "N5"
    assert shown["badges"] == ["placement_done", "first_week"]
    with pytest.raises(ValueError):
        weekly_progress.summary(record, 8, {}, [], TUESDAY)
