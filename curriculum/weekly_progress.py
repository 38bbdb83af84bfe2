"""The learner's week: days studied against a weekly goal, reviews due, the plan's next step, badges.

Weekly, never a daily streak: a missed day costs nothing, and a week counts once its days reach the
goal (learners with 6-day working weeks asked for "days studied", not streaks). Weeks run Monday to
Sunday in Japan time (``japan_time``). Badges are pure rules over the record, earned once and kept.

Every function takes plain JSON-safe values and ``now``; nothing is read from a clock.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from .japan_time import japan_date, monday
from .study_plan import week_of

#: Study days kept in a learner's record: enough for a year of weeks and the badges.
KEEP_DAYS = 400
#: Mock-test results kept in a learner's record.
KEEP_MOCKS = 50
#: Badge ids in the order they are shown; the rules are in ``badges``.
BADGES = ("placement_done", "first_week", "four_weeks", "hundred_items", "first_mock", "mock_passed")


def add_study_day(days: list, now: datetime) -> list[str]:
    """``days`` (ISO dates) with today's Japan date added: sorted, unique, the last ``KEEP_DAYS``."""
    return sorted({*days, japan_date(now).isoformat()})[-KEEP_DAYS:]


def add_mock_result(results: list, summary: dict, now: datetime) -> list[dict]:
    """``results`` plus one summary (form, version, total, passed, finished_at); the last ``KEEP_MOCKS``."""
    if not isinstance(summary, dict) or not isinstance(summary.get("form"), str):
        raise ValueError("a mock result needs at least a form name")
    entry = {"form": summary["form"], "total": summary.get("total"), "passed": bool(summary.get("passed")),
             "finished_at": summary.get("finished_at") or now.isoformat()}
    if isinstance(summary.get("version"), str) and summary["version"]:
        entry["version"] = summary["version"]  # which of the test's forms (A, B, C)
    return [*results, entry][-KEEP_MOCKS:]


def week_cells(days: list, now: datetime) -> list[dict]:
    """This week, Monday to Sunday: ``{"date", "weekday" (0 = Monday), "studied", "today", "future"}``."""
    today = japan_date(now)
    start = monday(today)
    studied = set(days)
    cells = []
    for k in range(7):
        day = start + timedelta(days=k)
        cells.append({"date": day.isoformat(), "weekday": k, "studied": day.isoformat() in studied,
                      "today": day == today, "future": day > today})
    return cells


def _weeks(days: list) -> dict[date, int]:
    """Study days per week (keyed by the week's Monday)."""
    counts: dict[date, int] = {}
    for text in set(days):
        start = monday(date.fromisoformat(text))
        counts[start] = counts.get(start, 0) + 1
    return counts


def weeks_met(days: list, goal: int) -> int:
    """How many weeks (any weeks, not in a row) reached ``goal`` study days."""
    return sum(1 for n in _weeks(days).values() if n >= goal)


def due_by_day(cards: dict) -> dict[str, int]:
    """Cards per Japan due date (``{"2026-07-15": 3}``): small enough to share, countable later."""
    counts: dict[str, int] = {}
    for card in cards.values():
        day = japan_date(datetime.fromisoformat(card["due"])).isoformat()
        counts[day] = counts.get(day, 0) + 1
    return counts


def due_today(by_day: dict, now: datetime) -> tuple[int, str | None]:
    """Reviews due by the end of today (Japan time), and the first later due date (or None)."""
    today = japan_date(now).isoformat()
    due = sum(n for day, n in by_day.items() if day <= today)
    later = sorted(day for day in by_day if day > today)
    return due, (later[0] if later else None)


def merge_due(sources: dict) -> dict[str, int]:
    """One ``due_by_day`` from several drills' (``{source: {day: count}}``)."""
    merged: dict[str, int] = {}
    for by_day in sources.values():
        for day, n in by_day.items():
            merged[day] = merged.get(day, 0) + n
    return merged


def next_step(plan: dict | None, now: datetime) -> dict | None:
    """The study plan's week for today (``study_plan.week_of``); None without a plan or after it."""
    if not plan:
        return None
    return week_of(plan, japan_date(now))


@dataclass(frozen=True)
class Record:
    """What the badges look at: the learner-wide record both hosts keep."""

    study_days: tuple[str, ...] = ()
    answers: int = 0
    placement_level: str | None = None
    mock_results: tuple[dict, ...] = ()


def badges(record: Record, goal: int) -> list[str]:
    """Badge ids earned, in ``BADGES`` order. Weekly rules: a week reached the goal, four weeks did."""
    met = weeks_met(list(record.study_days), goal)
    earned = {
        "placement_done": record.placement_level is not None,
        "first_week": met >= 1,
        "four_weeks": met >= 4,
        "hundred_items": record.answers >= 100,
        "first_mock": len(record.mock_results) >= 1,
        "mock_passed": any(m.get("passed") for m in record.mock_results),
    }
    return [b for b in BADGES if earned[b]]


def summary(record: Record, goal: int, due_days: dict, plan: dict | None, now: datetime) -> dict:
    """The ``progress`` payload both hosts show: the week, reviews due, the next step, badges."""
    if not 1 <= goal <= 7:
        raise ValueError("the weekly goal must be between 1 and 7 days")
    cells = week_cells(list(record.study_days), now)
    days = sum(c["studied"] for c in cells)
    due, next_due = due_today(due_days, now)
    return {
        "week": cells, "days": days, "goal": goal, "goal_met": days >= goal,
        "weeks_met": weeks_met(list(record.study_days), goal),
        "due": due, "next_due": next_due,
        "placement": record.placement_level, "next_step": next_step(plan, now),
        "badges": badges(record, goal), "answers": record.answers,
    }
