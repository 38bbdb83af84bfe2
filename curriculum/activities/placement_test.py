"""The adaptive placement test (``placement_test``): questions until the level is known (at most 20),
then a level and a study plan. Rules in ``curriculum.placement``; this is its activity contract and page.
A placement is taken once per place in a course: ``restart`` shows the outcome again."""

from __future__ import annotations

import json
from collections.abc import Mapping

from .. import placement
from ..activity import Answered, Context, Finished, Page, State, Step
from ..bank import default_bank
from ..drill import Grade
from ..languages import LANGUAGE_NAMES

NAME = "placement_test"
DEFAULT_TITLE = "Placement test"


def _(text: str) -> str:
    """Mark a string for translation (each host translates it with the block's catalogue)."""
    return text


TEXT = {
    "intro": _("Answer each question as well as you can. The test adapts to you and stops as soon as "
               "it knows your level (at most {max} questions)."),
    "progress": _("Question {n}"),
    "progress_label": _("Question {n}, at most {max}"),
    "choices": _("Choices"),
    "done": _("Placement finished"),
    "level": _("Your level: {level}"),
    "below": _("Below N5"),
    "plan": _("Your plan: {target} by {date}, about {minutes} minutes a week"),
    "next_step": _("Start with: {focus}"),
    "see_progress": _("Your week and your plan are on the “My week” page."),
    "error": _("Something went wrong. Please try again."),
    "empty": _("There are no questions yet."),
    "kanji": _("kanji"), "vocabulary": _("vocabulary"), "grammar": _("grammar"), "reading": _("reading"),
    "listening": _("listening"), "conversation": _("conversation"), "dialect": _("Kagoshima dialect"),
    "mock_test": _("a mock test"), "and": _(" and "), "language": _("Language"),
}
SKILLS = ("kanji", "vocabulary", "grammar", "reading", "listening", "conversation", "dialect", "mock_test")


def focus_text(text: dict, focus: list) -> str:
    """``["listening", "grammar"]`` as "listening and grammar" in the learner's language."""
    return text["and"].join(text.get(skill, skill) for skill in focus)


def context(title: str, screen: dict, text: dict, urls: dict, language: str = "en") -> dict:
    """What ``templates/placement.html`` needs (both hosts render it with this)."""
    progress, outcome = screen["progress"], screen["outcome"]
    n = min(progress["answered"] + (1 if screen["item"] else 0), progress["max_items"])
    shown = {"intro": text["intro"].format(max=progress["max_items"]),
             "progress": text["progress"].format(n=n),
             "progress_label": text["progress_label"].format(n=n, max=progress["max_items"])}
    if outcome:
        plan = outcome["plan"]
        level = text["below"] if outcome["level"] == placement.BELOW else outcome["level"]
        shown["level"] = text["level"].format(level=level)
        shown["plan"] = text["plan"].format(target=plan["target"], date=plan["exam_date"],
                                            minutes=plan["weekly_minutes"])
        shown["next_step"] = text["next_step"].format(focus=focus_text(text, plan["first_week"]["focus"]))
    return {"display_name": title, "payload": screen, "text": text, "shown": shown,
            "text_json": json.dumps(text), "urls": urls, "language": language, "languages": LANGUAGE_NAMES}


PAGE = Page(package="xblocks.placement_test", template="placement.html", css="public/css/placement.css",
            js="public/js/placement.js", init="PlacementTestBlock", mount="NihongoPlacement",
            root="nihongo-placement", default_title=DEFAULT_TITLE, text=TEXT, context=context,
            handlers={"next": "present", "answer": "answer", "set_language": "change_language"})


class PlacementTest:
    name = NAME
    page = PAGE
    errors = (placement.PlacementError,)

    @staticmethod
    def settings(raw: Mapping[str, str]) -> None:
        """No settings: every learner takes the same adaptive test."""
        return None

    @staticmethod
    def present(state: State | None, settings: None, ctx: Context) -> Step:
        state, screen = placement.present(state or None, ctx.bank or default_bank(), ctx.rng, ctx.now,
                                          ctx.language)
        return Step(state, screen)

    @staticmethod
    def answer(state: State | None, settings: None, data: object, ctx: Context) -> Step:
        state, screen, graded = placement.submit(state or None, ctx.bank or default_bank(), data, ctx.rng,
                                                 ctx.now, ctx.language)
        outcome = screen["outcome"]
        finished = None if outcome is None else Finished(
            1.0, None, {"level": outcome["level"], "plan": outcome["plan"], "items": len(state["responses"])})
        return Step(state, screen, (Answered(data["item_id"], graded.correct),),
                    Grade(1, 1) if finished else None, finished)

    restart = present  # taken once: the outcome stays

    @staticmethod
    def change_language(state: State | None, settings: None, ctx: Context) -> Step:
        step = PlacementTest.present(state, settings, ctx)
        return Step(step.state, {**step.screen, "language": ctx.language})


ACTIVITY = PlacementTest()
