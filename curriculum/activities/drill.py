"""The drill (``jlpt_drill``): rounds of questions from the item bank, spaced reviews, the best round
is the grade. Rules in ``curriculum.drill`` and ``drill_api``; this is its activity contract and page."""

from __future__ import annotations

from collections.abc import Mapping
from functools import lru_cache

from .. import drill_api, grammar
from ..activity import Answered, Context, SettingsError, State, Step
from ..activity import Page as _Page
from ..bank import Bank, default_bank
from ..drill import DrillConfig, DrillError
from ..items import ItemError, ItemType, Level
from . import grammar_notes

NAME = "jlpt_drill"
DEFAULT_TITLE = "JLPT vocabulary drill"


def _(text: str) -> str:
    """Mark a string for translation (each host translates it with the block's catalogue)."""
    return text


#: Every UI string, rendered into the page and handed to drill.js, so one catalogue serves both.
TEXT = {
    "correct": _("Correct!"),
    "wrong": _("Not quite"),
    "next": _("Next"),
    "again": _("Practice again"),
    "progress": _("{n} / {total}"),
    "progress_label": _("Question {n} of {total}"),
    "days": _("Days studied this week: {days}"),
    "done": _("Round complete!"),
    "score": _("Your score: {correct} / {total}"),
    "best": _("Best round: {best} / {total}"),
    "empty": _("There are no questions for this level yet."),
    "error": _("Something went wrong. Please try again."),
    "choices": _("Choices"),
    "language": _("Language"),
    # after a grammar item: its point, and the lesson in a panel (the grammar notes' lesson and labels)
    "grammar": _("Grammar: {pattern}"),
    "read_lesson": _("Read the lesson"),
    "close_lesson": _("Back to the drill"),
    **grammar_notes.LESSON_TEXT,
}


def shown(text: dict, screen: dict) -> dict:
    """The formatted status lines, as drill.js formats them (question on screen, or the last one)."""
    progress = screen["progress"]
    total = progress["item_count"]
    n = min(progress["answered"] + (1 if screen["item"] else 0), total)
    return {
        "progress": text["progress"].format(n=n, total=total),
        "progress_label": text["progress_label"].format(n=n, total=total),
        "days": text["days"].format(days=progress["days_this_week"]),
        "score": text["score"].format(correct=progress["correct"], total=total),
        "best": text["best"].format(best=progress["best"], total=total),
    }


def context(title: str, screen: dict, text: dict, urls: dict, language: str) -> dict:
    """What ``templates/drill.html`` needs (both hosts render it with this)."""
    import json

    from ..languages import LANGUAGE_NAMES

    return {"display_name": title, "payload": screen, "shown": shown(text, screen), "text": text,
            "text_json": json.dumps(text), "language": language, "languages": LANGUAGE_NAMES, "urls": urls}


PAGE = _Page(package="xblocks.jlpt_drill", template="drill.html", css="public/css/drill.css",
             js="public/js/drill.js", init="JlptDrillBlock", mount="NihongoDrill", root="nihongo-drill",
             default_title=DEFAULT_TITLE, text=TEXT, context=context,
             handlers={"next": "present", "answer": "answer", "new_round": "restart",
                       "set_language": "change_language", "lesson": "lesson"})


_LEVELS = frozenset(lv.value for lv in Level)
_TYPES = frozenset(t.value for t in ItemType)


def settings(raw: Mapping[str, str]) -> DrillConfig:
    """``level``, ``item_count`` and ``types`` (comma-separated) as the author gave them."""
    try:
        key = tuple(sorted(raw.items()))
        hash(key)
    except TypeError:  # a value that is not text (a list of grammar points): checked afresh
        return _settings(raw)
    return _settings_of(key)


@lru_cache(maxsize=256)
def _settings_of(items: tuple) -> DrillConfig:
    """A link's settings are read on every request of its learners: checked once per process (the
    config is frozen; a refusal is not cached, so it is raised every time)."""
    return _settings(dict(items))


def _settings(raw: Mapping[str, str]) -> DrillConfig:
    level = str(raw.get("level") or "N5")
    if level not in _LEVELS:
        raise SettingsError(f"Unknown level {level!r} in the link's custom parameters.")
    types = tuple(t.strip() for t in str(raw.get("types") or "").split(",") if t.strip())
    unknown = sorted(set(types) - _TYPES)
    if unknown:
        raise SettingsError(f"Unknown question types {', '.join(unknown)} in the link's custom parameters.")
    points = grammar_points(raw.get("grammar_points"), level)
    try:
        return DrillConfig(level=level, item_count=int(raw.get("item_count") or 10), types=types,
                           grammar_points=points)
    except ValueError:
        raise SettingsError("item_count in the link's custom parameters must be a number from 1 to 100."
                            ) from None


def grammar_points(value: object, level: str) -> tuple[str, ...]:
    """``grammar_points`` as an author gives it (IDs, comma-separated or a list; empty: no limit),
    checked: each a grammar point of the drill's level with items; ``SettingsError`` naming the bad ones."""
    return grammar_notes.point_ids(value, level, with_items=True)


def switched(state: dict | None, config: DrillConfig, bank: Bank, now, language: str) -> tuple[dict, dict]:
    """``drill_api.present`` in ``language``, plus ``explanation`` of the answer just given (if any), so
    the whole screen can change language without a reload."""
    # The answer whose feedback may be on screen: the round's last (its next question is already pending;
    # the client uses this only while that feedback shows).
    seen = (state or {}).get("round", {}).get("seen") or [None]
    answered = seen[-1]
    state, payload = drill_api.present(state, config, bank, now, language)
    payload["language"] = language
    if answered and answered in bank:
        payload["explanation"] = bank.get(answered).explanation_in(language)
    return state, payload


class Drill:
    name = NAME
    page = PAGE
    errors = (DrillError, grammar_notes.GrammarNotesError)

    @staticmethod
    def lesson(state: State | None, settings: DrillConfig, data: object, ctx: Context) -> Step:
        """``{"point": id}``: that grammar point's lesson, for the panel the feedback's link opens (the
        drill's state is returned unchanged)."""
        if not isinstance(data, dict) or set(data) != {"point"} or not isinstance(data["point"], str):
            raise grammar_notes.GrammarNotesError('Send {"point": "<grammar point ID>"} and nothing else.')
        try:
            point = grammar.point(data["point"])
        except ItemError:
            raise grammar_notes.GrammarNotesError(
                f"There is no grammar point {data['point'][:40]!r}.") from None
        return Step(state or {}, {"lesson": grammar_notes.lesson(point, ctx.language)})

    @staticmethod
    def settings(raw: Mapping[str, str]) -> DrillConfig:
        return settings(raw)

    @staticmethod
    def present(state: State | None, settings: DrillConfig, ctx: Context) -> Step:
        state, screen = drill_api.present(state, settings, ctx.bank or default_bank(), ctx.now, ctx.language)
        return Step(state, screen)

    @staticmethod
    def answer(state: State | None, settings: DrillConfig, data: object, ctx: Context) -> Step:
        state, screen, grade = drill_api.submit(state, settings, ctx.bank or default_bank(), data, ctx.now,
                                                ctx.language)
        return Step(state, screen, (Answered(data["item_id"], screen["correct"]),), grade)

    @staticmethod
    def restart(state: State | None, settings: DrillConfig, ctx: Context) -> Step:
        state, screen = drill_api.restart(state, settings, ctx.bank or default_bank(), ctx.now, ctx.language)
        return Step(state, screen)

    @staticmethod
    def change_language(state: State | None, settings: DrillConfig, ctx: Context) -> Step:
        state, screen = switched(state, settings, ctx.bank or default_bank(), ctx.now, ctx.language)
        return Step(state, screen)


ACTIVITY = Drill()
