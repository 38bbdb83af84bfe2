"""The authored items (examples.json and every other authored file): complete and well-formed."""

import re

import pytest

from curriculum.bank import CONTENT_DIR, default_bank, load_file
from curriculum.furigana import plain, segments
from curriculum.instructions import INSTRUCTIONS
from curriculum.item_types import OWN_TYPES, TYPES, ItemType, Stimulus
from curriculum.items import TRANSLATION_LANGUAGES

EXAMPLES = CONTENT_DIR / "authored" / "examples.json"
AUTHORED = sorted((CONTENT_DIR / "authored").glob("*.json"))
SOURCE = "Kagoshima Nihongo authors (original)"


@pytest.fixture(scope="module", params=AUTHORED, ids=[p.stem for p in AUTHORED])
def examples(request):
    items, stimuli = load_file(request.param)
    return items, stimuli


def test_every_item_type_has_an_example_in_the_default_bank():
    present = {item.type for item in default_bank()}
    assert present == set(ItemType), f"no example for {sorted(set(ItemType) - present)}"


def test_every_exam_type_has_an_authored_example():
    items, _ = load_file(EXAMPLES)
    assert {i.type for i in items} == set(ItemType) - OWN_TYPES


def test_every_instruction_is_in_japanese_and_the_five_help_languages():
    for item_type in ItemType:
        instruction = INSTRUCTIONS[item_type]
        missing = [code for code in ("ja", *TRANSLATION_LANGUAGES) if not instruction.get(code, "").strip()]
        assert not missing, f"{item_type}: instruction lacks {missing}"
        assert re.search(r"[\u1000-\u109f]", instruction["my"]), f"{item_type}: my is not in Myanmar script"


def test_examples_are_complete_and_fit_their_type(examples):
    items, _ = examples
    for item in items:
        info = TYPES[item.type]
        assert re.fullmatch(rf"(ex|n[2-5]|jft-a[12])-[a-z_-]*{item.type.value}-\d+", item.id), item.id
        assert item.level.value in info.levels, f"{item.id}: {item.type} is not used at {item.level}"
        assert item.skill.value == info.skill, item.id
        assert len(item.choices) == info.choices, item.id
        assert item.source == SOURCE and item.licence == "CC BY-SA 4.0", item.id
        assert item.tags, f"{item.id}: no work-domain tag"
        assert item.explanation.strip() and item.prompt.strip(), item.id


def test_every_example_explains_itself_in_the_five_help_languages(examples):
    items, _ = examples
    for item in items:
        got = item.explanation_translations
        missing = [code for code in TRANSLATION_LANGUAGES if not got.get(code, "").strip()]
        assert not missing, f"{item.id}: explanation lacks {missing}"
        assert re.search(r"[\u1000-\u109f]", got["my"]), f"{item.id}: my is not in Myanmar script"
        assert re.search(r"[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]", got["vi"].lower()), \
            f"{item.id}: vi has no Vietnamese diacritics"
        assert len({got[code] for code in TRANSLATION_LANGUAGES}) == len(TRANSLATION_LANGUAGES), \
            f"{item.id}: two languages share one text"


def test_listening_items_use_a_script_and_reading_items_a_passage(examples):
    items, stimuli = examples
    for item in items:
        kind = TYPES[item.type].stimulus
        if kind is Stimulus.NONE:
            assert item.stimulus is None, item.id
            continue
        assert item.stimulus in stimuli, f"{item.id}: stimulus {item.stimulus} is not in the file"
        assert stimuli[item.stimulus]["kind"] == kind.value, item.id
        if item.skill.value == "listening":
            assert kind is Stimulus.SCRIPT, item.id
        if item.skill.value == "reading":
            assert kind is Stimulus.PASSAGE, item.id


def test_every_stimulus_is_used_and_its_markup_is_well_formed(examples):
    items, stimuli = examples
    assert {i.stimulus for i in items if i.stimulus} == set(stimuli)
    for stimulus in stimuli.values():
        segments(stimulus["text"])
        if stimulus["kind"] == "script":
            assert "audio" not in stimulus or stimulus["audio"], stimulus["id"]


def test_no_correct_answer_appears_twice_among_its_choices(examples):
    items, _ = examples
    for item in items:
        shown = [plain(c).replace(" ", "").replace("\u3000", "") for c in item.choices]
        assert shown.count(shown[item.answer]) == 1, f"{item.id}: {shown}"


def test_the_answer_position_varies_across_the_authored_items():
    for path in AUTHORED:
        items, _ = load_file(path)
        four = [i for i in items if len(i.choices) == 4]
        if len(four) >= 12:
            assert {item.answer for item in four} == {0, 1, 2, 3}, path.name


def test_sentence_composition_shows_the_star_and_four_blanks(examples):
    items, _ = examples
    for item in (i for i in items if i.type is ItemType.SENTENCE_COMPOSITION):
        assert item.prompt.count("★") == 1 and item.prompt.count("＿＿") == 3, item.id


def test_jlpt_questions_have_readings_over_kanji_above_the_level_only():
    """N4 questions no longer print a reading over every kanji; kanji above the level get one (not the
    tested word of a reading or spelling question, nor a word-formation suffix)."""
    from curriculum.generate.dataset import kanji_rank
    from curriculum.generate.text import kanji_chars

    rank, ranks = kanji_rank(), {"N5": 0, "N4": 1, "N3": 2, "N2": 3}
    bare_allowed = {"kanji_reading", "orthography", "word_formation"}
    checked = 0
    for path in sorted((CONTENT_DIR / "authored").glob("*.json")):
        items, _ = load_file(path)
        for item in (i for i in items if i.level.value in ranks):
            checked += 1
            for text in (item.prompt, *item.choices):
                for base, reading in segments(text):
                    level = ranks[item.level.value]
                    above = [c for c in kanji_chars(base) if c != "々" and rank.get(c, 9) > level]
                    if reading:
                        assert above, f"{item.id}: a reading over {base}, which is within {item.level}"
                    elif item.type.value not in bare_allowed:
                        assert not above, f"{item.id}: {''.join(above)} in {base!r} needs a reading"
    assert checked >= 250


def test_reading_passages_have_readings_over_kanji_above_the_level_only():
    """A passage reads as the level's learner needs it: a reading over every kanji above the level, none
    over kanji the level has learnt (N4 passages once printed one over every kanji)."""
    from curriculum.generate.dataset import kanji_rank
    from curriculum.generate.text import kanji_chars

    rank, ranks = kanji_rank(), {"N5": 0, "N4": 1, "N3": 2, "N2": 3}
    wrong, checked = [], 0
    for path in AUTHORED:
        items, stimuli = load_file(path)
        levels = {i.stimulus: i.level.value for i in items if i.stimulus and i.level.value in ranks}
        for sid, stimulus in stimuli.items():
            if stimulus.get("kind") != "passage" or sid not in levels:
                continue
            checked += 1
            for base, reading in segments(stimulus["text"]):
                above = [c for c in kanji_chars(base) if c != "々" and rank.get(c, 9) > ranks[levels[sid]]]
                if reading and not above:
                    wrong.append(f"{sid}: a reading over {base}, which is within {levels[sid]}")
                elif not reading and above:
                    wrong.append(f"{sid}: {''.join(above)} needs a reading")
    assert checked >= 50 and wrong == []
