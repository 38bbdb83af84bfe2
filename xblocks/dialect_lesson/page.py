"""The dialect lesson's page, the same in every host: template, strings, CSS and JS from this package.

The XBlock renders it in Open edX; the LTI tool (``lti_tool/activities/dialect_lesson.py``) renders the
same markup and runs the same ``dialect.js``, so a learner sees one lesson whichever host serves it.
"""

from __future__ import annotations

import json

from xblocks.common import language, page

PACKAGE = "xblocks.dialect_lesson"
DEFAULT_TITLE = "Kagoshima dialect lesson"
#: Each language's own name, for the language switch (not translated: a learner looks for their own).
LANGUAGE_NAMES = language.LANGUAGE_NAMES
#: The runtime's language, asked through its i18n service: each catalogue translates it to its code.
LANGUAGE_PROBE = language.PROBE  # one probe for every block (xblocks/common/language.py)
HANDLERS = ("next", "answer", "new_round", "language")


def _(text: str) -> str:
    """Mark a string for translation (the catalogue in ``translations/``)."""
    return text


#: Every UI string, rendered into the page and handed to dialect.js.
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


def text(language: str) -> dict:
    """The UI strings in ``language`` (English when the catalogue has none)."""
    return page.text(PACKAGE, TEXT, language)


def title(language: str) -> str:
    return page.title(PACKAGE, DEFAULT_TITLE, language)


def css() -> str:
    return page.read(PACKAGE, "public", "css", "dialect.css")


def js() -> str:
    return page.read(PACKAGE, "public", "js", "dialect.js")


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


def markup(payload: dict, urls: dict, language: str, display_name: str = "") -> str:
    """The ``.nihongo-dialect`` element with the lesson and its current exercise."""
    strings = text(language)
    return page.markup(PACKAGE, "dialect.html", {
        "display_name": display_name or title(language), "payload": payload, "language": payload["language"],
        "languages": LANGUAGE_NAMES, "text": strings, "text_json": json.dumps(strings),
        "payload_json": json.dumps(payload), "shown": shown(strings, payload), "urls": urls,
    })
