"""My week (``progress``; the XBlock is ``study_progress``): days studied against a weekly goal, reviews
due, the plan's next step, badges. Rules in ``curriculum.weekly_progress``; this is its activity contract
and page. It has nothing to answer: its input is the learner's record across the other activities, which
each host gathers (Open edX: the learner-wide fields; LTI: the tool's records) into a ``Week``."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from .. import weekly_progress
from ..activity import Context, Page, SettingsError, Step
from ..placement import BELOW

NAME = "progress"
DEFAULT_TITLE = "My week"
DEFAULT_GOAL = 3


def _(text: str) -> str:
    """Mark a string for translation (each host translates it with the block's catalogue)."""
    return text


TEXT = {
    "week": _("Days studied this week: {days} of {goal}"),
    "goal_met": _("This week's goal is reached. Well done!"),
    "goal_left": _("Days still to study for this week's goal: {left}"),
    "weeks_met": _("Weeks at your goal so far: {weeks}"),
    "mon": _("Mon"), "tue": _("Tue"), "wed": _("Wed"), "thu": _("Thu"), "fri": _("Fri"), "sat": _("Sat"),
    "sun": _("Sun"),
    "studied": _("studied"), "not_studied": _("not studied"), "today": _("today"),
    "reviews": _("Reviews"),
    "due": _("Reviews due today: {due}"),
    "due_later": _("No reviews due today. Next reviews: {date}"),
    "due_none": _("No reviews yet: practising a drill starts them."),
    "plan": _("Your plan"),
    "level": _("Your level: {level}"),
    "below": _("Below N5"),
    "no_placement": _("Take the placement test to get your level and a study plan."),
    "next_step": _("This week: {focus} for {level}, about {minutes} minutes"),
    "plan_over": _("Your plan has ended. Take the placement test again for a new one."),
    "badges": _("Badges"),
    "no_badges": _("No badges yet. They come from studying each week, not from daily streaks."),
    "placement_done": _("Placement done"), "first_week": _("First week at your goal"),
    "four_weeks": _("Four weeks at your goal"), "hundred_items": _("100 answers"),
    "first_mock": _("First mock test"), "mock_passed": _("Mock test passed"),
    "kanji": _("kanji"), "vocabulary": _("vocabulary"), "grammar": _("grammar"), "reading": _("reading"),
    "listening": _("listening"), "conversation": _("conversation"), "dialect": _("Kagoshima dialect"),
    "mock_test": _("a mock test"), "and": _(" and "),
}
DAY_KEYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


def context(title: str, summary: dict, text: dict, urls: dict | None = None, language: str = "en") -> dict:
    """What ``templates/progress.html`` needs (both hosts render it with this)."""
    days, goal = summary["days"], summary["goal"]
    cells = [{**cell, "label": text[DAY_KEYS[cell["weekday"]]],
              "state": text["studied"] if cell["studied"] else text["not_studied"]}
             for cell in summary["week"]]
    shown = {
        "week": text["week"].format(days=days, goal=goal),
        "goal": text["goal_met"] if summary["goal_met"] else text["goal_left"].format(left=goal - days),
        "weeks_met": text["weeks_met"].format(weeks=summary["weeks_met"]),
        "bar": round(100 * min(days, goal) / goal),
    }
    if summary["due"]:
        shown["due"] = text["due"].format(due=summary["due"])
    elif summary["next_due"]:
        shown["due"] = text["due_later"].format(date=summary["next_due"])
    else:
        shown["due"] = text["due_none"]
    level, step = summary["placement"], summary["next_step"]
    if level is None:
        shown["level"], shown["next_step"] = text["no_placement"], ""
    else:
        shown["level"] = text["level"].format(level=text["below"] if level == BELOW else level)
        shown["next_step"] = text["next_step"].format(
            focus=text["and"].join(text.get(s, s) for s in step["focus"]), level=step["level"],
            minutes=step["minutes"]) if step else text["plan_over"]
    badges = [text[b] for b in summary["badges"]]
    return {"display_name": title, "summary": summary, "text": text, "shown": shown, "cells": cells,
            "badges": badges}


PAGE = Page(package="xblocks.progress", template="progress.html", css="public/css/progress.css", js=None,
            init=None, mount=None, root="nihongo-progress", default_title=DEFAULT_TITLE, text=TEXT,
            handlers={}, context=context)


@dataclass(frozen=True)
class Week:
    """The learner's record as a host gathered it: what My week is computed from."""

    record: weekly_progress.Record
    due: Mapping[str, int] = field(default_factory=dict)
    plan: Mapping | None = None


class NothingToAnswer(ValueError):
    """My week has no questions: an answer sent to it is refused."""


def settings(raw: Mapping[str, str]) -> int:
    """The week's goal (``weekly_goal_days``: 1 to 7 days, 3 when not given)."""
    value = str(raw.get("weekly_goal_days") or DEFAULT_GOAL)
    if not value.isdigit() or not 1 <= int(value) <= 7:
        raise SettingsError(f"weekly_goal_days must be a whole number of days from 1 to 7, not {value!r}")
    return int(value)


class MyWeek:
    name = NAME
    page = PAGE
    errors = (NothingToAnswer,)

    @staticmethod
    def settings(raw: Mapping[str, str]) -> int:
        return settings(raw)

    @staticmethod
    def present(week: Week, goal: int, ctx: Context) -> Step:
        """The week (``weekly_progress.summary``); the input is not changed, so hosts save nothing."""
        return Step(week, weekly_progress.summary(week.record, goal, dict(week.due), week.plan, ctx.now))

    @staticmethod
    def answer(week: Week, goal: int, data: object, ctx: Context) -> Step:
        raise NothingToAnswer("My week has no questions to answer.")

    restart = present

    @staticmethod
    def change_language(week: Week, goal: int, ctx: Context) -> Step:
        return MyWeek.present(week, goal, ctx)


ACTIVITY = MyWeek()
