"""A Kagoshima dialect lesson (``dialect_lesson``): meanings, standard forms, quick workplace reactions.
Rules and content in ``curriculum.dialect``; this is its activity contract and page."""

from __future__ import annotations

import json
from collections.abc import Mapping

from .. import dialect
from ..activity import Answered, Context, Finished, Page, SettingsError, State, Step
from ..languages import LANGUAGE_NAMES

NAME = "dialect_lesson"
DEFAULT_TITLE = "Kagoshima dialect lesson"


def _(text: str) -> str:
    """Mark a string for translation (each host translates it with the block's catalogue)."""
    return text


TEXT = {
    "ask_meaning": _("What does this mean?"),
    "ask_supervisor": _("What does your supervisor want you to do?"),
    "ask_to_standard": _("Choose the standard Japanese."),
    "ask_to_dialect": _("Choose the Kagoshima form."),
    "ask_safety": _("Quick! You hear this at work. What do you do?"),
    "ask_listening": _("Listen. What does it mean?"),
    "correct": _("Correct!"),
    "wrong": _("Not quite"),
    "next": _("Next"),
    "again": _("Practice again"),
    "progress": _("{n} / {total}"),
    "progress_label": _("Exercise {n} of {total}"),
    "done": _("Lesson complete!"),
    "score": _("Your score: {correct} / {total}"),
    "best": _("Best round: {best} / {total}"),
    "no_score": _("This lesson is practice only: nothing in it is scored."),
    "not_counted": _("Practice-only exercises not counted: {n}"),
    "practice": _("Practice only, not scored: the sources are few or disagree. "
                  "Check with a local colleague."),
    "recognition": _("For recognition only: you may hear it on TV, but people here do not really say it. "
                     "Do not use it."),
    "listen": _("Listen"),
    "voice_note": _("Synthetic voice — standard accent, not Kagoshima's"),
    "show_script": _("Show the script"),
    "script": _("Script"),
    "language": _("Language"),
    "choices": _("Choices"),
    "examples": _("Examples"),
    "standard": _("Standard Japanese"),
    "kagoshima": _("Kagoshima"),
    "sources": _("Sources"),
    "in_standard": _("In standard Japanese"),
    "empty": _("There are no exercises in this lesson yet."),
    "error": _("Something went wrong. Please try again."),
}


def shown(strings: dict, payload: dict) -> dict:
    """What the template prints before dialect.js takes over (dialect.js formats the same)."""
    progress, exercise = payload["progress"], payload["exercise"]
    total = progress["total"]
    n = min(progress["answered"] + (1 if exercise else 0), total)
    notice = ""
    if exercise and exercise["practice_only"]:
        notice = strings["recognition"] if "recognition_only" in exercise["flags"] else strings["practice"]
    scored = progress["scored_total"]
    return {
        "score": strings["score"].format(correct=progress["scored_correct"], total=scored) if scored
        else strings["no_score"],
        "best": strings["best"].format(best=progress["best"], total=scored) if scored else "",
        "not_counted": strings["not_counted"].format(n=progress["total"] - scored)
        if progress["total"] > scored else "",
        "instruction": strings[f"ask_{exercise['kind']}"] if exercise else "",
        "progress": strings["progress"].format(n=n, total=total),
        "progress_label": strings["progress_label"].format(n=n, total=total),
        "notice": notice,
    }


def context(title: str, screen: dict, text: dict, urls: dict, language: str = "en") -> dict:
    """What ``templates/dialect.html`` needs (both hosts render it with this)."""
    return {"display_name": title, "payload": screen, "language": screen["language"],
            "languages": LANGUAGE_NAMES, "text": text, "text_json": json.dumps(text),
            "payload_json": json.dumps(screen), "shown": shown(text, screen), "urls": urls}


PAGE = Page(package="xblocks.dialect_lesson", template="dialect.html", css="public/css/dialect.css",
            js="public/js/dialect.js", init="DialectLessonBlock", mount="NihongoDialect",
            root="nihongo-dialect", default_title=DEFAULT_TITLE, text=TEXT, context=context,
            handlers={"next": "present", "answer": "answer", "new_round": "restart",
                      "language": "change_language"})


def settings(raw: Mapping[str, str]) -> str:
    """The lesson (``lesson``: one of ``dialect.lessons()``; greetings when none is named)."""
    lesson_id = raw.get("lesson") or "greetings"
    if lesson_id not in {lesson.id for lesson in dialect.lessons()}:
        raise SettingsError(f"This link names no dialect lesson we have ({lesson_id!r}); ask your teacher to "
                            f"fix its custom parameter lesson.")
    return lesson_id


def finished_of(lesson_id: str, progress: dict) -> Finished:
    """A finished round as the contract reports it (the share of scored exercises answered right)."""
    total = progress["scored_total"]
    return Finished(progress["scored_correct"] / total if total else 1.0, None,
                    {"lesson": lesson_id, "scored_correct": progress["scored_correct"], "scored_total": total,
                     "answered": progress["answered"], "best": progress["best"]})


class DialectLesson:
    name = NAME
    page = PAGE
    errors = (dialect.DialectError, dialect.LessonError)

    @staticmethod
    def settings(raw: Mapping[str, str]) -> str:
        return settings(raw)

    @staticmethod
    def present(state: State | None, lesson_id: str, ctx: Context) -> Step:
        return Step(*dialect.present(state or None, lesson_id, ctx.rng, ctx.language))

    @staticmethod
    def answer(state: State | None, lesson_id: str, data: object, ctx: Context) -> Step:
        state, screen, grade = dialect.submit(state or None, lesson_id, data, ctx.rng, ctx.language)
        finished = finished_of(lesson_id, screen["progress"]) if screen["round_complete"] else None
        return Step(state, screen, (Answered(screen["entry"], screen["correct"]),), grade, finished)

    @staticmethod
    def restart(state: State | None, lesson_id: str, ctx: Context) -> Step:
        return Step(*dialect.restart(state or None, lesson_id, ctx.rng, ctx.language))

    @staticmethod
    def change_language(state: State | None, lesson_id: str, ctx: Context) -> Step:
        """The learner's choice is kept in the lesson's state (``ctx.language`` is the new one)."""
        return Step(*dialect.set_language(state or None, lesson_id, {"language": ctx.language}, ctx.rng,
                                          ctx.language))


ACTIVITY = DialectLesson()
