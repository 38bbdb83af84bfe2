"""The drill's JSON contract, shared by every host (XBlock handlers, LTI tool views).

A host parses the request, calls one of these, stores the new state, publishes the grade if any,
and returns the payload as JSON. So both hosts behave the same by construction; the contract is
documented for the browser in ``xblocks/NATIVE_API.md``.
"""

from __future__ import annotations

from datetime import datetime

from . import drill
from .audio import synthetic_note
from .bank import ATTRIBUTION, Bank
from .drill import DrillConfig, DrillError, Grade
from .furigana import has_markup, plain, segments
from .items import ItemError


def _progress(state: dict, config: DrillConfig, now: datetime) -> dict:
    return {
        "answered": state["round"]["answered"],
        "correct": state["round"]["correct"],
        "item_count": config.item_count,
        "best": state["best"],
        "days_this_week": drill.days_studied_this_week(state, now),
    }


def _shown(item, bank: Bank, language: str) -> dict:
    shown = item.public_dict(language)
    if item.stimulus:
        stimulus = bank.stimuli[item.stimulus]
        audio = stimulus.get("audio")
        shown["stimulus"] = {"kind": stimulus["kind"], "title": stimulus.get("title", ""), "audio": audio,
                             # a listening script is shown before answering only while there is no audio
                             "text": plain(stimulus["text"]) if stimulus["kind"] == "passage" or not audio
                             else None}
        if stimulus["kind"] == "passage" and has_markup(stimulus["text"]):
            shown["stimulus"]["text_ruby"] = segments(stimulus["text"])  # readings over kanji above the level
        if audio:  # the file's name under the host's audio URL, and the label "synthetic voice"
            shown["stimulus"]["audio_note"] = synthetic_note(language)
    return shown


def grammar_link(point_id: str) -> dict | None:
    """``{"id", "pattern"}`` of a grammar item's point: what "Grammar: <pattern> — Read the lesson" shows."""
    from . import grammar

    try:
        return {"id": point_id, "pattern": plain(grammar.point(point_id).pattern)}
    except ItemError:  # an item of a point the content does not have (content check reports it)
        return None


def present(state: dict | None, config: DrillConfig, bank: Bank, now: datetime,
            language: str = "en") -> tuple[dict, dict]:
    """The current question (never its answer) and the learner's progress."""
    state, item = drill.next_item(state, config, bank, now)
    payload = {
        "item": _shown(item, bank, language) if item else None,
        "round_complete": drill.round_complete(state, config),
        "progress": _progress(state, config, now),
        "attribution": ATTRIBUTION,
    }
    return state, payload


def submit(state: dict | None, config: DrillConfig, bank: Bank, data: object, now: datetime,
           language: str = "en") -> tuple[dict, dict, Grade | None]:
    """Check one answer, and present the next question. ``data`` is the parsed request body:
    {"item_id": str, "choice": int}. The payload's ``next`` is what ``present`` would answer next.

    Raises ``DrillError`` (a 400 for the host) for anything malformed, forged or replayed; then
    the state the host holds is unchanged.
    """
    if not isinstance(data, dict) or set(data) - {"item_id", "choice"}:
        raise DrillError('Send {"item_id": "...", "choice": <number>} and nothing else.')
    state, outcome = drill.answer(state, config, bank, data.get("item_id"), data.get("choice"), now)
    payload = outcome.to_dict()
    item = bank.get(data["item_id"])
    payload["explanation"] = item.explanation_in(language)
    if item.grammar_point:  # "Grammar: <pattern> — read the lesson" (the page's lesson handler shows it)
        payload["grammar"] = grammar_link(item.grammar_point)
    if item.stimulus and bank.stimuli[item.stimulus]["kind"] == "script":
        payload["script"] = plain(bank.stimuli[item.stimulus]["text"])
    payload["progress"] = _progress(state, config, now)
    # The question after it (or the round's end), chosen now and kept pending: the learner's "Next" shows
    # it without another request, and a reload shows the same one. One request per question.
    state, payload["next"] = present(state, config, bank, now, language)
    return state, payload, outcome.grade


def restart(state: dict | None, config: DrillConfig, bank: Bank, now: datetime,
            language: str = "en") -> tuple[dict, dict]:
    """Start another round when the current one is finished, then present."""
    return present(drill.start_new_round(state, config), config, bank, now, language)
