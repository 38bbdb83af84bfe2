"""Kanji-based items: for every N5–N2 kanji, "which kanji means …?".

A type of our own (``meaning_to_kanji``): the question is an English meaning, which no exam asks, so
drills may serve it but the mock tests and the placement test never do.
"""

from __future__ import annotations

import random
from collections.abc import Sequence

from ..glosses import LANGUAGES as GLOSS_LANGUAGES
from ..glosses import kanji_gloss, question_text
from ..items import Item, ItemType, Level, Skill
from ..suitability import suitable
from .common import LICENCE, SOURCE_KANJI, digest, instruction, pick
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
    """The kanji's English meanings → the kanji, among three same-level kanji of similar stroke count.

    The explanation is also given in the learners' languages where ``content/glosses/kanji-<lang>.json``
    has the kanji."""
    if not entry.meanings:
        return None
    iid = item_id(entry)
    rng = random.Random(iid)
    mine = _glosses(entry)
    candidates = [k for k in pool
                  if k.character != entry.character and k.meanings and _glosses(k).isdisjoint(mine)
                  and suitable(k.character) and suitable("; ".join(k.meanings[:3]))]
    wrong = [k.character for k in pick(rng, candidates, lambda k: abs(k.strokes - entry.strokes))]
    if not wrong:
        return None
    choices = [*wrong, entry.character]
    rng.shuffle(choices)
    meaning = "; ".join(entry.meanings[:3])
    readings = _readings(entry)
    head = f"{entry.character}（{readings}）" if readings else entry.character
    meanings = {language: found for language in GLOSS_LANGUAGES
                if (found := kanji_gloss(entry.character, language))}
    translations = {language: f"{head}: {found}" for language, found in meanings.items()}
    return Item(id=iid, level=Level(entry.level), skill=Skill.KANJI, type=ItemType.MEANING_TO_KANJI,
                prompt=meaning, choices=tuple(choices), answer=choices.index(entry.character),
                explanation=f"{head}: {'; '.join(entry.meanings[:4])}", explanation_translations=translations,
                prompt_translations={language: asked for language, found in meanings.items()
                                     if (asked := question_text(found))},
                instruction=instruction(ItemType.MEANING_TO_KANJI),
                source=SOURCE_KANJI, licence=LICENCE)
