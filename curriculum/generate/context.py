"""Does a sentence decide the blank? The rule the 文脈規定 generator checks, from the corpus it has.

The corpus is every example sentence of the dataset (about 14,000 Tatoeba sentences, N5–N1). A
sentence's *context words* are its content words (nouns, verbs, adjectives, adverbs) other than the
blank, minus words that go with anything (する, ある, こと, 私 ...).

- The answer fits: the sentence is a real one with the answer in it.
- The context can decide: at least ``MIN_CONTEXT`` characters and ``MIN_CONTEXT_WORDS`` context words
  besides the blank (「（　）ですか。」 or 「私たちは（　）出る。」 decide nothing).
- A distractor is *ruled out* when it never meets any of the context words anywhere in the corpus and
  shares no English gloss with the answer (彼の声はよく（通る）: 騒ぐ, 生きる never occur with 声).
  Same part of speech and level are checked by the caller.

That much is evidence, not proof: 14,000 sentences are too few to show that a verb never takes a
noun (運転手はベルトを（締める）べきだ: 使う never meets ベルト in the corpus, and fits). So a **verb**
blank needs a rule that grammar, not the corpus's silence, decides (``object_slot``,
``takes_no_object``):

- the blank's verb takes a direct object shown right before it (「ベルトを（　）」), and is the head of
  its clause (not 「Nを（　）て＋verb」 or 「〜ながら」, where the を may belong to the next verb);
- every wrong choice is a verb that cannot take a を object at all: on the reviewed list
  ``content/lists/no_object_verbs.tsv`` (no verbs of motion or passage with a を of place, 道を渡る,
  期限を過ぎる; none with a colloquial を, 子供を怒る) and never right after を in the corpus.
  「ベルトを消える」 is not Japanese, so the key is the only choice the sentence allows;
- no causative after the blank (「子供を（　）せる」: 座らせる fits).

A teacher's review (``nihongo content sample``) checks the result.
"""

from __future__ import annotations

import re
from collections import defaultdict
from functools import lru_cache
from pathlib import Path

from .text import Token, tokens

LISTS_NO_OBJECT = Path(__file__).resolve().parent.parent / "content" / "lists" / "no_object_verbs.tsv"

MIN_CONTEXT = 8
MIN_CONTEXT_WORDS = 2
_CONTENT = ("名詞", "動詞", "形容詞", "形状詞", "副詞")
#: Lemmas that combine with almost anything: they decide nothing.
_VAGUE = frozenset({
    "為る", "有る", "居る", "成る", "事", "物", "者", "人", "私", "僕", "彼", "彼女", "貴方", "此れ", "其れ",
    "彼れ", "何", "何処", "今", "言う", "思う", "行く", "来る", "無い", "良い", "御", "様", "さん", "君",
    "時", "所", "方", "中", "上", "下", "前", "後", "日", "年", "的", "等", "達", "度", "回", "見る",
    "出来る", "分かる", "トム", "メアリー", "ジョン", "ケン", "とても", "もう", "又", "未だ", "一", "二",
    "其の", "此の", "彼の", "如何", "何時", "此処", "其処", "一番", "少し", "沢山", "全部", "本当",
    "好き", "欲しい", "呉れる", "貰う", "遣る", "置く", "仕舞う", "見える", "つもり", "積り", "筈", "訳",
    "為",
})


#: What may follow a verb blank that heads its clause: ending, auxiliaries and particles, but not
#: a て/ながら/つつ that hands a preceding を to the next verb (「部屋を（掃除して）出た」: 急いで fits).
_HANDS_ON = frozenset({"て", "で", "ながら", "つつ"})
_CAUSATIVE = frozenset({"せる", "させる", "しめる", "す"})


def _lemma(tok: Token) -> str:
    return (tok.lemma or tok.surface).split("-")[0]


def content_lemmas(toks: tuple[Token, ...]) -> frozenset[str]:
    """Content words, less the vague ones and one-kanji nouns (段 of 段ボール: a piece of a compound)."""
    return frozenset(_lemma(t) for t in toks if t.pos1 in _CONTENT and _lemma(t) not in _VAGUE
                     and not re.fullmatch(r"[0-9０-９]+", t.surface)
                     and not (t.pos1 == "名詞" and len(t.surface) == 1))


def word_key(word: str) -> str:
    """A word as lemmas (通る → 通る, 静か → 静か): how its inflected forms are found in sentences."""
    return "".join(_lemma(t) for t in tokens(word))


class Corpus:
    """The dataset's sentences, indexed by the lemma spans they hold (1–3 tokens)."""

    def __init__(self, sentences: list[str]):
        self.sentences = list(dict.fromkeys(sentences))
        self.index = {s: k for k, s in enumerate(self.sentences)}
        self.content: list[frozenset[str]] = []
        self.where: dict[str, set[int]] = defaultdict(set)
        #: lemma span → sentences where it comes right after the particle を (it takes an object)
        self.after_wo: dict[str, set[int]] = defaultdict(set)
        for k, sentence in enumerate(self.sentences):
            toks = tokens(sentence)
            lemmas = [_lemma(t) for t in toks]
            self.content.append(content_lemmas(toks))
            for i in range(len(lemmas)):
                wo = i > 0 and _is_wo(toks[i - 1])
                for j in range(i + 1, min(i + 4, len(lemmas) + 1)):
                    self.where["".join(lemmas[i:j])].add(k)
                    if wo:
                        self.after_wo["".join(lemmas[i:j])].add(k)

    def occurrences(self, word: str) -> set[int]:
        return self.where.get(word_key(word), set())

    def meets(self, word: str, context: frozenset[str], besides: str | None = None) -> bool:
        """Does ``word`` occur in a sentence (other than ``besides``) with one of the context words?"""
        skip = self.index.get(besides, -1) if besides else -1
        return any(k != skip and self.content[k] & context for k in self.occurrences(word))


    def takes_no_object(self, verb: str) -> bool:
        """On the reviewed list of verbs without a を object, and never right after を in the corpus:
        「ベルトを（　）」 cannot be it."""
        return verb in no_object_verbs() and not self.after_wo.get(word_key(verb))


@lru_cache(maxsize=1)
def no_object_verbs() -> frozenset[str]:
    """``content/lists/no_object_verbs.tsv``: verbs a teacher vouches take no を object at all."""
    lines = LISTS_NO_OBJECT.read_text(encoding="utf-8").splitlines()
    return frozenset(line.split("\t")[1] for line in lines if line.strip() and not line.startswith("#"))


def _is_wo(tok: Token) -> bool:
    return tok.surface == "を" and tok.pos1 == "助詞"


def object_slot(toks: tuple[Token, ...], inner: tuple[int, int]) -> bool:
    """Does the blank at ``inner`` follow 「noun＋を」 and head its clause (no て/ながら/つつ after it
    that passes the object to a following verb)?"""
    i, j = inner
    if i < 2 or not _is_wo(toks[i - 1]) or toks[i - 2].pos1 not in ("名詞", "代名詞", "接尾辞"):
        return False
    rest = toks[j:]
    if any(t.pos1 == "助動詞" and (t.lemma or t.surface) in _CAUSATIVE for t in rest[:3]):
        return False  # 「子供を（　）させる」: 座らせる, 泣かせる fit
    for k, tok in enumerate(rest):
        if tok.surface == "、":
            return False  # 「ご飯を（炊き）、食べた」: the を may be the next verb's
        if tok.pos1 == "助詞" and tok.pos2 == "接続助詞" and tok.surface in _HANDS_ON:
            after = rest[k + 1] if k + 1 < len(rest) else None
            if tok.surface in ("ながら", "つつ") or after is None or after.pos2 != "非自立可能":
                return False  # 「部屋を（掃除し）て出た」: the を may be 出る's; 〜ている, 〜てください go on
            continue
        if tok.pos1 == "助動詞" or (tok.pos1 in ("動詞", "形容詞") and tok.pos2 == "非自立可能"):
            continue
        break
    return True


def context_of(sentence: str, inner: tuple[int, int]) -> frozenset[str]:
    """The sentence's context words, the blank's tokens excluded."""
    toks = tokens(sentence)
    i, j = inner
    return content_lemmas(toks[:i] + toks[j:])


@lru_cache(maxsize=1)
def corpus() -> Corpus:
    from .dataset import LEVELS, vocabulary

    sentences = [ja for level in (*LEVELS, "N1") for e in vocabulary(level) for ja, _ in e.examples]
    return Corpus(sentences)
