"""Grammar notes (``grammar_notes``, 文法ノート): a level's grammar points, searchable, each opening its
lesson. Content and search in ``curriculum.grammar``; this is its activity contract and page.

Nothing is scored: the learner reads. The state is what the learner was looking at (the search text
and the open lesson), so a reload shows the same screen. The lesson's texts (meaning, notes, common
mistakes, example translations) are in the learner's language, English when the point has none in it
(always for Japanese: the pattern and examples are the Japanese), and the screen says so.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass

from .. import grammar
from ..activity import Context, Page, SettingsError, State, Step
from ..furigana import FuriganaError, plain, segments
from ..items import ItemError
from ..languages import LANGUAGE_NAMES

NAME = "grammar_notes"
DEFAULT_TITLE = "Grammar notes"
FALLBACK = "en"
MAX_QUERY = 60


def _(text: str) -> str:
    """Mark a string for translation (each host translates it with the block's catalogue)."""
    return text


#: The lesson's labels, shared with the drill's page (its "read the lesson" panel shows the same lesson).
LESSON_TEXT = {
    "meaning": _("Meaning"),
    "formation": _("How to make it"),
    "register": _("Register"),
    "register_casual": _("Casual (friends, family)"),
    "register_polite": _("Polite (work, strangers)"),
    "register_formal": _("Formal (very polite)"),
    "register_written": _("Written Japanese"),
    "register_neutral": _("Any situation"),
    "notes": _("How to use it"),
    "mistakes": _("Common mistakes"),
    "examples": _("Examples"),
    "related": _("Related grammar"),
    "in_english": _("Shown in English: this point has no text in your language yet."),
}

TEXT = {
    **LESSON_TEXT,
    "level": _("Level {level}"),
    "search": _("Search grammar"),
    "search_hint": _("Pattern, romaji or meaning"),
    "search_button": _("Search"),
    "count": _("{n} grammar points"),
    "found": _("{n} of {total} grammar points"),
    "none_found": _("No grammar point matches “{query}”."),
    "empty": _("There are no grammar points for this level yet."),
    "back": _("All grammar points"),
    "language": _("Language"),
    "error": _("Something went wrong. Please try again."),
}


class GrammarNotesError(ValueError):
    """A search or a point the page did not send as it should (a 400 for the host)."""


# --- the screen --------------------------------------------------------------------------------


def _in(texts: Mapping[str, str], language: str) -> tuple[str, bool]:
    """The text in ``language``, else English; and whether it is the fallback."""
    own = (texts.get(language) or "").strip()
    if own and language != "ja":
        return own, False
    return (texts.get(FALLBACK) or "").strip(), language != FALLBACK


def _rich(text: str) -> dict:
    """Text with furigana markup as ``{"text": plain, "ruby": [[base, reading], …]}``."""
    try:
        return {"text": plain(text), "ruby": segments(text)}
    except FuriganaError:
        return {"text": text, "ruby": [[text, None]]}


def summary(point: grammar.GrammarPoint, language: str) -> dict:
    """A list entry: the pattern and the meaning in the learner's language."""
    meaning, _fallback = _in(point.meaning, language)
    return {"id": point.id, "level": point.level, "pattern": plain(point.pattern), "meaning": meaning}


def lesson(point: grammar.GrammarPoint, language: str, points_by_id: Mapping | None = None) -> dict:
    """The lesson as a page shows it (both the grammar page and the drill's lesson panel)."""
    known = points_by_id if points_by_id is not None else grammar.default_grammar().points_by_id
    meaning, fb1 = _in(point.meaning, language)
    notes, fb2 = _in(point.notes, language)
    mistakes, fb3 = _in(point.mistakes, language)
    examples, fallback = [], fb1 or fb2 or fb3
    for example in point.examples:
        translation, fb = _in(example.translations, language)
        fallback = fallback or fb
        examples.append({**_rich(example.ja), "form": plain(example.form), "translation": translation})
    return {
        "id": point.id, "level": point.level, "pattern": plain(point.pattern), "meaning": meaning,
        "formation": [_rich(line) for line in point.formation], "register": point.register,
        "notes": notes, "mistakes": mistakes, "examples": examples,
        "related": [{"id": other, "pattern": plain(known[other].pattern)} for other in point.related
                    if other in known],
        "fallback": fallback and language != FALLBACK,
    }


@dataclass(frozen=True)
class Selection:
    """What a page lists: a level's grammar points, or only ``points`` of it (a course unit's)."""

    level: str
    points: tuple[str, ...] = ()

    def listed(self) -> list[grammar.GrammarPoint]:
        every = grammar.points(self.level)
        return [p for p in every if p.id in self.points] if self.points else every


def screen(state: State, selection: Selection, language: str) -> dict:
    """The list (filtered by the state's search) and the open lesson, if any."""
    level = selection.level
    found = grammar.search(level, state.get("query", ""))
    if selection.points:
        found = [p for p in found if p.id in selection.points]
    lesson_id = state.get("point")
    opened = None
    if lesson_id:
        try:
            opened = lesson(grammar.point(lesson_id), language)
        except ItemError:  # a point the content no longer has: back to the list
            opened = None
    return {"level": level, "language": language, "query": state.get("query", ""),
            "total": len(selection.listed()), "points": [summary(p, language) for p in found],
            "lesson": opened}


def shown(text: dict, screen: dict) -> dict:
    """The formatted status line, as grammar.js formats it."""
    n, total = len(screen["points"]), screen["total"]
    if screen["query"] and not n:
        status = text["none_found"].format(query=screen["query"])
    elif screen["query"]:
        status = text["found"].format(n=n, total=total)
    else:
        status = text["count"].format(n=total)
    lesson = screen["lesson"]
    return {"status": status, "level": text["level"].format(level=screen["level"]),
            "register": text.get(f"register_{lesson['register']}", lesson["register"]) if lesson else ""}


def context(title: str, screen: dict, text: dict, urls: dict, language: str = "en") -> dict:
    """What ``templates/grammar.html`` needs (both hosts render it with this)."""
    return {"display_name": title, "payload": screen, "language": screen["language"],
            "languages": LANGUAGE_NAMES, "text": text, "text_json": json.dumps(text),
            "payload_json": json.dumps(screen), "shown": shown(text, screen), "urls": urls}


PAGE = Page(package="xblocks.grammar_notes", template="grammar.html", css="public/css/grammar.css",
            js="public/js/grammar.js", init="GrammarNotesBlock", mount="NihongoGrammar",
            root="nihongo-grammar", default_title=DEFAULT_TITLE, text=TEXT, context=context,
            handlers={"show": "present", "search": "search", "open": "open",
                      "set_language": "change_language"})


# --- the contract ------------------------------------------------------------------------------


def settings(raw: Mapping[str, str]) -> Selection:
    """The level (``level``: N5, N4, N3 or N2; N5 when not given) and, optionally, only some of its
    points (``grammar_points``: IDs, comma-separated or a list; empty: all of the level)."""
    level = str(raw.get("level") or "N5").strip().upper()
    if level not in grammar.LEVELS:
        raise SettingsError(f"Grammar notes have the levels {', '.join(grammar.LEVELS)}, not {level!r}: "
                            f"fix the level setting (the link's custom parameter level).")
    return Selection(level, point_ids(raw.get("grammar_points"), level))


def point_ids(value: object, level: str, with_items: bool = False) -> tuple[str, ...]:
    """Grammar point IDs as an author gives them (comma-separated or a list; empty: none), checked: each
    a point of ``level`` (with questions, if ``with_items``); ``SettingsError`` naming the bad ones."""
    if isinstance(value, (list, tuple)):
        ids = [str(v).strip() for v in value]
    else:
        ids = str(value or "").replace("、", ",").split(",")
    ids = list(dict.fromkeys(i.strip() for i in ids if i and i.strip()))
    if not ids:  # the usual case, on every request: no need to look at the points
        return ()
    known = grammar.default_grammar().points_by_id
    unknown = [i for i in ids if i not in known]
    if unknown:
        raise SettingsError(f"Unknown grammar points {', '.join(unknown)}: use IDs from the grammar notes "
                            f"(like n5-temo-ii), separated by commas.")
    other = [i for i in ids if known[i].level != level]
    if other:
        raise SettingsError(f"The grammar points {', '.join(other)} are not {level} points: choose points "
                            f"of the level, or change the level.")
    without = [i for i in ids if with_items and not known[i].item_ids]
    if without:
        raise SettingsError(f"The grammar points {', '.join(without)} have no questions yet.")
    return tuple(ids)


def _state(state: State | None) -> State:
    return {"query": "", "point": None, **(state or {})}


def _query(data: object) -> str:
    if not isinstance(data, dict) or set(data) != {"query"} or not isinstance(data["query"], str):
        raise GrammarNotesError('Send {"query": "<text>"} and nothing else.')
    query = " ".join(data["query"].split())
    if len(query) > MAX_QUERY:
        raise GrammarNotesError(f"Search for at most {MAX_QUERY} characters.")
    return query


def _point(data: object) -> str | None:
    if not isinstance(data, dict) or set(data) != {"point"} or not (data["point"] is None
                                                                    or isinstance(data["point"], str)):
        raise GrammarNotesError('Send {"point": "<grammar point ID>"} (or null for the list) '
                                'and nothing else.')
    point_id = data["point"]
    if point_id is not None:
        try:
            grammar.point(point_id)
        except ItemError:
            raise GrammarNotesError(f"There is no grammar point {point_id[:40]!r}.") from None
    return point_id


def lesson_screen(data: object, language: str) -> dict:
    """``{"point": id}`` → ``{"lesson": …}``: what another page's "Read the lesson" link opens (the drill's,
    the mock test's review); ``GrammarNotesError`` for anything else."""
    if not isinstance(data, dict) or set(data) != {"point"} or not isinstance(data["point"], str):
        raise GrammarNotesError('Send {"point": "<grammar point ID>"} and nothing else.')
    try:
        point = grammar.point(data["point"])
    except ItemError:
        raise GrammarNotesError(f"There is no grammar point {data['point'][:40]!r}.") from None
    return {"lesson": lesson(point, language)}


class GrammarNotes:
    name = NAME
    page = PAGE
    errors = (GrammarNotesError,)

    @staticmethod
    def settings(raw: Mapping[str, str]) -> Selection:
        return settings(raw)

    @staticmethod
    def present(state: State | None, selection: Selection, ctx: Context) -> Step:
        state = _state(state)
        return Step(state, screen(state, selection, ctx.language))

    @staticmethod
    def answer(state: State | None, selection: Selection, data: object, ctx: Context) -> Step:
        raise GrammarNotesError("Grammar notes have no questions to answer.")

    @staticmethod
    def search(state: State | None, selection: Selection, data: object, ctx: Context) -> Step:
        """The list of the level's points matching ``{"query": text}`` (pattern, romaji, meaning)."""
        state = {**_state(state), "query": _query(data), "point": None}
        return Step(state, screen(state, selection, ctx.language))

    @staticmethod
    def open(state: State | None, selection: Selection, data: object, ctx: Context) -> Step:
        """The lesson of ``{"point": id}`` (any level's: related points may be another level's), or the
        list again with ``{"point": null}``."""
        state = {**_state(state), "point": _point(data)}
        return Step(state, screen(state, selection, ctx.language))

    @staticmethod
    def restart(state: State | None, selection: Selection, ctx: Context) -> Step:
        state = _state(None)
        return Step(state, screen(state, selection, ctx.language))

    @staticmethod
    def change_language(state: State | None, selection: Selection, ctx: Context) -> Step:
        """The same screen in ``ctx.language`` (each host keeps the learner's choice itself)."""
        return GrammarNotes.present(state, selection, ctx)


ACTIVITY = GrammarNotes()
