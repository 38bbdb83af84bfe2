"""Meanings of N5/N4 words in the learners' languages (vi, id, tl, my), with English as the stated fallback.

The data: ``content/glosses/<language>.json`` (format in ``content/glosses/README.md``), keyed by the
word's stable ID ``<level>-w-<sha1(word|reading)[:10]>``: the same digest as the word's meaning→word
item (``n5-mw-…``), so an item and its word find each other. The bank build writes these meanings into
generated items' ``explanation_translations``; ``explanation_coverage`` counts, per language, how many
items explain themselves in that language and how many fall back to English.

Kanji have their own files, ``content/glosses/kanji-<language>.json``, keyed by the kanji itself: the
meanings a learner meets, for the "which kanji means …?" items of N5 and N4 (``kanji_gloss``).
"""

from __future__ import annotations

import hashlib
import json
import re
from functools import cache
from pathlib import Path

GLOSS_DIR = Path(__file__).parent / "content" / "glosses"
LANGUAGES = ("vi", "id", "tl", "my")


class GlossError(ValueError):
    """A gloss file that does not hold together; the message names the file, the entry and the rule."""


def word_id(level: str, word: str, reading: str) -> str:
    """The stable ID of a dataset word: its level and the digest its meaning→word item uses."""
    digest = hashlib.sha1(f"{word}|{reading}".encode()).hexdigest()[:10]
    return f"{level.lower()}-w-{digest}"


def check(data: object, language: str, where: str = "") -> dict[str, dict]:
    """The ``glosses`` of one file, or ``GlossError`` naming what is wrong."""
    where = where or f"{language}.json"
    if not isinstance(data, dict) or data.get("language") != language \
            or not isinstance(data.get("glosses"), dict):
        raise GlossError(f"{where}: want {{\"language\": \"{language}\", \"glosses\": {{id: entry}}}}")
    for key, entry in data["glosses"].items():
        if not isinstance(entry, dict) or not str(entry.get("word", "")).strip() \
                or not str(entry.get("gloss", "")).strip():
            raise GlossError(f"{where}: {key}: each entry needs a non-empty word and gloss")
        if "-w-" not in key:
            raise GlossError(f"{where}: {key} is not a word ID (<level>-w-<digest>)")
    return data["glosses"]


def _read(name: str, language: str, checker) -> dict[str, dict]:
    """The checked entries of ``content/glosses/<name>``; empty if the language has no such file."""
    path = GLOSS_DIR / name
    if not path.exists():
        return {}
    return checker(json.loads(path.read_text(encoding="utf-8")), language, str(path))


@cache
def glosses(language: str) -> dict[str, dict]:
    """word ID → {"word", "reading", "gloss", optional "note"} for ``language``; empty if it has no file."""
    return _read(f"{language}.json", language, check)


def gloss(word: str, language: str) -> str | None:
    """The meaning of the word with this ID in ``language``, or None (the caller falls back to English)."""
    entry = glosses(language).get(word)
    return entry["gloss"] if entry else None


KANJI_LEVELS = ("N5", "N4")


def check_kanji(data: object, language: str, where: str = "") -> dict[str, dict]:
    """The ``kanji`` of one ``kanji-<language>.json``, or ``GlossError`` naming what is wrong."""
    where = where or f"kanji-{language}.json"
    if not isinstance(data, dict) or data.get("language") != language \
            or not isinstance(data.get("kanji"), dict):
        raise GlossError(f"{where}: want {{\"language\": \"{language}\", \"kanji\": {{kanji: entry}}}}")
    for key, entry in data["kanji"].items():
        if len(key) != 1 or not ("\u3400" <= key <= "\u9fff"):
            raise GlossError(f"{where}: {key!r} is not one kanji")
        if not isinstance(entry, dict) or entry.get("level") not in KANJI_LEVELS \
                or not str(entry.get("gloss", "")).strip():
            raise GlossError(f"{where}: {key}: each entry needs a level (N5 or N4) and a non-empty gloss")
        if entry["gloss"] != entry["gloss"].strip() or "  " in entry["gloss"]:
            raise GlossError(f"{where}: {key}: stray spaces in the gloss {entry['gloss']!r}")
    return data["kanji"]


@cache
def kanji_glosses(language: str) -> dict[str, dict]:
    """kanji → {"level", "gloss", optional "note"} for ``language``; empty if it has no file."""
    return _read(f"kanji-{language}.json", language, check_kanji)


def kanji_gloss(character: str, language: str) -> str | None:
    """The meanings of the kanji in ``language``, or None (the caller falls back to English)."""
    entry = kanji_glosses(language).get(character)
    return entry["gloss"] if entry else None


#: Kana and kanji (and the full-width forms): what a meaning asked as a question must not show.
_JAPANESE = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uff01-\uff5e〜]")
_BRACKETS = re.compile(r"\s*[(（][^()（）]*[)）]")


def question_text(meaning: str) -> str | None:
    """A meaning as a "which word/kanji means …?" question: without the bracketed Japanese examples it
    may carry (月 "tháng; thứ Hai (月曜日)", 一杯 "… (一杯)"), which would show the answer; None when
    Japanese remains outside brackets (the question then falls back to English)."""
    kept = _BRACKETS.sub(lambda m: "" if _JAPANESE.search(m.group()) else m.group(), meaning)
    kept = re.sub(r"\s*;\s*(?=;|$)", "", kept).strip(" ;,")
    return kept if kept and not _JAPANESE.search(kept) else None


def explanation_coverage(items, languages: tuple[str, ...] = LANGUAGES) -> dict[str, dict[str, int]]:
    """language → {"own": items explained in it, "english": items that fall back to English}."""
    items = list(items)
    out = {}
    for language in languages:
        own = sum(1 for item in items if item.explanation_translations.get(language))
        out[language] = {"own": own, "english": len(items) - own}
    return out
