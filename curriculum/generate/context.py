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

This is evidence, not proof: a teacher's review (``nihongo content sample``) checks the result.
"""

from __future__ import annotations

import re
from collections import defaultdict
from functools import lru_cache

from .text import Token, tokens

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
        for k, sentence in enumerate(self.sentences):
            toks = tokens(sentence)
            lemmas = [_lemma(t) for t in toks]
            self.content.append(content_lemmas(toks))
            for i in range(len(lemmas)):
                for j in range(i + 1, min(i + 4, len(lemmas) + 1)):
                    self.where["".join(lemmas[i:j])].add(k)

    def occurrences(self, word: str) -> set[int]:
        return self.where.get(word_key(word), set())

    def meets(self, word: str, context: frozenset[str], besides: str | None = None) -> bool:
        """Does ``word`` occur in a sentence (other than ``besides``) with one of the context words?"""
        skip = self.index.get(besides, -1) if besides else -1
        return any(k != skip and self.content[k] & context for k in self.occurrences(word))


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
