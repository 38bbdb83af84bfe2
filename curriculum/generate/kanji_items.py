"""Kanji-based items: for every N5–N2 kanji, "which kanji means …?".

Filed under JFT-Basic's 漢字の意味と用法 (the exam's kanji-meaning category), at the kanji's JLPT level.
"""

from __future__ import annotations

import random
from collections.abc import Sequence

from ..items import Item, ItemType, Level, Skill
from .common import KANJI_MEANING_INSTRUCTION, LICENCE, SOURCE_KANJI, digest, pick
from .dataset import KanjiEntry, gloss_key


def item_id(entry: KanjiEntry) -> str:
    return f"{entry.level.lower()}-km-{digest(entry.character)}"


def _glosses(entry: KanjiEntry) -> frozenset[str]:
    return frozenset(g for g in (gloss_key(m) for m in entry.meanings) if g)


def _readings(entry: KanjiEntry) -> str:
    kun = [r.replace(".", "") for r in entry.kunyomi_full[:2]]
    on = [r for r in entry.onyomi[:2]]
    return "・".join(kun + [o.translate(_TO_KATA) for o in on])


_TO_KATA = {c: c + 0x60 for c in range(ord("ぁ"), ord("ゖ") + 1)}


def meaning_item(entry: KanjiEntry, pool: Sequence[KanjiEntry]) -> Item | None:
    """The kanji's English meanings → the kanji, among three same-level kanji of similar stroke count."""
    if not entry.meanings:
        return None
    iid = item_id(entry)
    rng = random.Random(iid)
    mine = _glosses(entry)
    candidates = [k for k in pool
                  if k.character != entry.character and k.meanings and _glosses(k).isdisjoint(mine)]
    wrong = [k.character for k in pick(rng, candidates, lambda k: abs(k.strokes - entry.strokes))]
    if not wrong:
        return None
    choices = [*wrong, entry.character]
    rng.shuffle(choices)
    meaning = "; ".join(entry.meanings[:3])
    readings = _readings(entry)
    head = f"{entry.character}（{readings}）" if readings else entry.character
    return Item(id=iid, level=Level(entry.level), skill=Skill.KANJI, type=ItemType.JFT_KANJI_USAGE,
                prompt=meaning, choices=tuple(choices), answer=choices.index(entry.character),
                explanation=f"{head}: {'; '.join(entry.meanings[:4])}",
                instruction=dict(KANJI_MEANING_INSTRUCTION), source=SOURCE_KANJI, licence=LICENCE)
