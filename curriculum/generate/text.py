"""Text helpers for the generator: kana, the workplace filter, MeCab (fugashi + unidic-lite), furigana.

Build time only: the shipped JSON never needs fugashi.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache

LEVEL_RANK = {"N5": 0, "N4": 1, "N3": 2, "N2": 3, "N1": 4}
ABOVE_ALL = 5  # a kanji in no N5–N1 list

_KANJI = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff々]")
_HIRA = re.compile(r"^[\u3041-\u3096\u30fc]+$")
_KANA = re.compile(r"^[\u3041-\u3096\u30a1-\u30fa\u30fc]+$")
_SMALL = set("ゃゅょぁぃぅぇぉゎャュョァィゥェォヮ")


def hira(text: str) -> str:
    """Katakana → hiragana (ー and everything else unchanged)."""
    return "".join(chr(ord(c) - 0x60) if "ァ" <= c <= "ヶ" else c for c in text)


def has_kanji(text: str) -> bool:
    return bool(_KANJI.search(text))


def kanji_chars(text: str) -> list[str]:
    return _KANJI.findall(text)


def is_hiragana(text: str) -> bool:
    return bool(_HIRA.match(text))


def is_kana(text: str) -> bool:
    return bool(_KANA.match(text))


def morae(kana: str) -> int:
    return sum(1 for c in kana if c not in _SMALL)


# --- the workplace filter ------------------------------------------------------------------------
#: Japanese fragments that make a Tatoeba sentence unfit for a workplace course: insults, profanity,
#: sexual content, violence against persons, suicide and drugs. Matched as substrings (regex).
BLOCK_JA = (
    r"死ね", r"死にたい", r"死んでしまいたい", r"くたばれ", r"殺", r"自殺", r"[撃射]つ", r"撃た", r"銃",
    r"殴", r"刺[しすさ]", r"暴力", r"強盗", r"強姦", r"レイプ", r"犯[しすさ]", r"拷問", r"虐", r"奴隷",
    r"テロ", r"爆弾", r"馬鹿", r"バカ", r"ばか(?![りさ])", r"アホ", r"あほ(?!う?ど)", r"クソ", r"くそっ",
    r"くそ[！!。]", r"糞", r"畜生", r"ちくしょう", r"デブ", r"ブス", r"ブサイク", r"キモ", r"きもい",
    r"ウザ", r"(?<![\u3041-\u3096])うざい", r"黙れ", r"消えろ", r"失せろ", r"あっち行け", r"ちんこ",
    r"まんこ", r"おっぱい", r"乳房", r"セックス", r"エッチ", r"裸", r"売春", r"遊女", r"娼", r"淫", r"姦",
    r"変態", r"痴漢", r"性器", r"麻薬", r"覚醒剤", r"大麻", r"死体", r"間抜け", r"まぬけ", r"役立たず",
    r"ろくでなし", r"野郎", r"てめえ", r"テメエ", r"クズ", r"ゴミ人間",
)
#: The same, read from the Tatoeba English translation (catches what the Japanese says indirectly).
BLOCK_EN = (
    r"fuck\w*", r"shit\w*", r"bitch\w*", r"bastards?", r"dick", r"cock", r"puss(y|ies)", r"sluts?",
    r"whores?", r"prostitut\w*", r"porn\w*", r"sex", r"sexy", r"sexual\w*", r"naked", r"nude",
    r"rap(e|ed|es|ing|ist)", r"idiots?", r"idiotic", r"stupid\w*", r"morons?", r"jerks?", r"dumb",
    r"fools?", r"hell", r"damn\w*", r"crap\w*", r"kill\w*", r"murder\w*", r"suicid\w*", r"shoot\w*",
    r"guns?", r"stab\w*", r"strangl\w*", r"torture\w*", r"drug dealer\w*", r"drug traffick\w*",
    r"dealing drugs", r"narcotics?", r"die already", r"wish i (was|were) dead", r"dead bod(y|ies)",
    r"go to hell", r"ugly", r"retard\w*", r"loser",
)
_BLOCK_JA = re.compile("|".join(BLOCK_JA))
_BLOCK_EN = re.compile(r"\b(" + "|".join(BLOCK_EN) + r")\b", re.IGNORECASE)


def workplace_ok(ja: str, en: str = "") -> bool:
    """False for a sentence with an insult, profanity, sex, violence against persons, suicide or drugs."""
    return not (_BLOCK_JA.search(ja) or _BLOCK_EN.search(en or ""))


#: Verbs whose imperative is a polite request (〜ください, 〜なさい), not a rough order.
_POLITE_IMPERATIVE = frozenset({"下さる", "為さる", "いらっしゃる", "召し上がる", "御座る"})
#: What may follow an order that ends its sentence (警察を呼べ！, 戸を閉めろ。, 待てよ, 忘れるなって).
_AFTER_ORDER = frozenset({"", "。", "！", "!", "？", "?", "、", "よ", "って", "ってば", "」"})


def rough_order(ja: str) -> bool:
    """A bare imperative ending a clause (警察を呼べ！, 部屋を出ろ。, 後をつけろ。): an order a worker
    must not copy to anyone at work. 〜ください and 〜なさい are polite requests and stay."""
    words = list(_tagger()(ja))
    for k, word in enumerate(words):
        if _field(word, "pos1") != "動詞" or not _field(word, "cForm").startswith("命令形"):
            continue
        if _field(word, "lemma") in _POLITE_IMPERATIVE or word.surface in ("なさい", "ください", "下さい"):
            continue
        if (words[k + 1].surface if k + 1 < len(words) else "") in _AFTER_ORDER:
            return True
    return False


# --- morphological analysis ---------------------------------------------------------------------
@dataclass(frozen=True)
class Token:
    surface: str
    start: int
    end: int
    reading: str  # hiragana; "" when MeCab does not know it
    pos1: str
    pos2: str
    pos3: str
    lemma: str


@lru_cache(maxsize=1)
def _tagger():
    import fugashi  # build-time dependency (the ``bank`` extra)

    return fugashi.Tagger()


def _field(word, name: str) -> str:
    value = getattr(word.feature, name, None)
    return value if isinstance(value, str) and value != "*" else ""


@cache
def tokens(text: str) -> tuple[Token, ...]:
    out = []
    pos = 0
    for word in _tagger()(text):
        start = text.find(word.surface, pos)
        if start < 0:  # should not happen; keep offsets sane
            start = pos
        end = start + len(word.surface)
        pos = end
        kana = _field(word, "kana")
        out.append(Token(word.surface, start, end, hira(kana) if kana else "", _field(word, "pos1"),
                         _field(word, "pos2"), _field(word, "pos3"), _field(word, "lemma")))
    return tuple(out)


def reading_of(text: str) -> str:
    """MeCab's reading of a whole text in hiragana; "" when any token has none."""
    parts = [t.reading if not is_kana(t.surface) else hira(t.surface) for t in tokens(text)]
    return "" if any(not p for p in parts) else "".join(parts)


_POS = {"名詞": "noun", "代名詞": "noun", "動詞": "verb", "形容詞": "i-adj", "形状詞": "na-adj",
        "副詞": "adverb", "連体詞": "adnominal", "接続詞": "conjunction", "感動詞": "interjection"}
_SUFFIX_POS = {"名詞的": "noun", "形状詞的": "na-adj", "動詞的": "verb", "形容詞的": "i-adj"}


def part_of_speech(word: str) -> str:
    """A coarse part of speech of a dictionary form, from UniDic (the last content token decides)."""
    return _pos_of(tokens(word))


def _pos_of(toks: tuple[Token, ...]) -> str:
    if not toks:
        return "other"
    last = toks[-1]
    if last.pos1 == "接尾辞":
        return _SUFFIX_POS.get(last.pos2, "noun")
    if last.pos1 == "助動詞" and len(toks) > 1 and toks[-2].pos1 in ("名詞", "形状詞"):
        return "other"
    if last.pos1 == "名詞" and last.pos3 == "形状詞可能":
        return "na-adj"  # 便利, 元気: UniDic files な-adjectives under nouns
    return _POS.get(last.pos1, "other")


@dataclass(frozen=True)
class Match:
    """Where a dictionary form sits in a sentence, on token boundaries."""

    start: int
    end: int
    tokens: tuple[Token, ...]  # the sentence's tokens
    inner: tuple[int, int]  # index range of the tokens that make the word
    reading: str  # MeCab's reading of those tokens (hiragana)

    @property
    def pos(self) -> str:
        i, j = self.inner
        return _pos_of(self.tokens[i:j])

    @property
    def bound(self) -> bool:
        """True when a prefix or suffix is glued to the word (お手洗い, 中学生): not a clean blank."""
        i, j = self.inner
        before = self.tokens[i - 1].pos1 if i > 0 else ""
        after = self.tokens[j].pos1 if j < len(self.tokens) else ""
        return before == "接頭辞" or after == "接尾辞"


def find_word(sentence: str, word: str) -> Match | None:
    """The first occurrence of ``word`` that starts and ends on token boundaries, else None."""
    toks = tokens(sentence)
    starts = {t.start: k for k, t in enumerate(toks)}
    ends = {t.end: k for k, t in enumerate(toks)}
    pos = sentence.find(word)
    while pos >= 0:
        end = pos + len(word)
        if pos in starts and end in ends:
            i, j = starts[pos], ends[end] + 1
            inner = toks[i:j]
            reading = "".join(t.reading or (hira(t.surface) if is_kana(t.surface) else "?") for t in inner)
            return Match(pos, end, toks, (i, j), reading)
        pos = sentence.find(word, pos + 1)
    return None


def _ruby(surface: str, reading: str) -> str:
    """``{漢字|かんじ}`` for a token, leaving leading and trailing kana outside the ruby."""
    head = 0
    while head < len(surface) - 1 and head < len(reading) and hira(surface[head]) == reading[head] \
            and not has_kanji(surface[head]):
        head += 1
    tail = 0
    while tail < len(surface) - head - 1 and tail < len(reading) - head \
            and hira(surface[-1 - tail]) == reading[-1 - tail] and not has_kanji(surface[-1 - tail]):
        tail += 1
    base = surface[head:len(surface) - tail]
    ruby = reading[head:len(reading) - tail]
    if not base or not ruby:
        return surface
    return f"{surface[:head]}{{{base}|{ruby}}}{surface[len(surface) - tail:]}"


#: MeCab (UniDic) reads some words in their formal form; a plain sentence means the everyday one
#: (私は今歌う is わたし, not わたくし).
EVERYDAY_READING = {("私", "わたくし"): "わたし"}


def render(sentence: str, match: Match | None, replacement: str, level: str,
           kanji_rank: dict[str, int]) -> str:
    """The sentence with the matched word replaced and ``{漢字|かんじ}`` over every other token that
    holds a kanji above ``level`` (kanji in no N5–N1 list count as above every level)."""
    toks = tokens(sentence)
    rank = LEVEL_RANK[level]
    i, j = match.inner if match else (len(toks), len(toks))
    out = []
    pos = 0
    for k, tok in enumerate(toks):
        out.append(sentence[pos:tok.start])
        pos = tok.end
        if i <= k < j:
            if k == i:
                out.append(replacement)
            continue
        above = any(kanji_rank.get(c, ABOVE_ALL) > rank for c in kanji_chars(tok.surface) if c != "々")
        if above and tok.reading and is_hiragana(tok.reading):
            out.append(_ruby(tok.surface, EVERYDAY_READING.get((tok.surface, tok.reading), tok.reading)))
        else:
            out.append(tok.surface)
    out.append(sentence[pos:])
    return "".join(out)
