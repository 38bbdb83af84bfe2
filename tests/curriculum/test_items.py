"""Item: the prompt in the learner's language (issue 16, our own types ask an English meaning)."""

from curriculum.instructions import default_instruction
from curriculum.item_types import ItemType
from curriculum.items import Item, Level, Skill


def _meaning_item(**extra) -> Item:
    return Item(id="t-mw-1", level=Level.N5, skill=Skill.VOCABULARY, type=ItemType.MEANING_TO_WORD,
                prompt="water", choices=("みず", "ひ", "き", "やま"), answer=0, explanation="みず = water",
                instruction=default_instruction(ItemType.MEANING_TO_WORD), source="test", licence="test",
                **extra)


def test_a_meaning_prompt_is_shown_in_the_learners_language_with_its_language():
    item = _meaning_item(prompt_translations={"vi": "nước", "id": "air", "tl": "tubig", "my": "ရေ"})
    shown = item.public_dict("vi")
    assert shown["prompt"] == "nước" and shown["prompt_lang"] == "vi"
    assert item.public_dict("my")["prompt"] == "ရေ" and item.public_dict("my")["prompt_lang"] == "my"
    for language in ("ja", "en"):  # no translation: the English original, marked as English
        assert item.public_dict(language)["prompt"] == "water"
        assert item.public_dict(language)["prompt_lang"] == "en"


def test_without_translations_the_english_prompt_says_it_is_english():
    shown = _meaning_item().public_dict("vi")
    assert shown["prompt"] == "water" and shown["prompt_lang"] == "en"


def test_a_japanese_prompt_stays_japanese():
    item = Item(id="t-kr-1", level=Level.N5, skill=Skill.VOCABULARY, type=ItemType.KANJI_READING,
                prompt="{水|みず}を のみます。", choices=("みず", "ひ", "き", "やま"), answer=0,
                explanation="水", instruction=default_instruction(ItemType.KANJI_READING), source="test",
                licence="test")
    shown = item.public_dict("vi")
    assert shown["prompt_lang"] == "ja" and shown["prompt"] == "水を のみます。"
    assert shown["prompt_ruby"]


def test_prompt_translations_round_trip_and_stay_absent_when_empty():
    item = _meaning_item(prompt_translations={"vi": "nước"})
    data = item.to_dict()
    assert data["prompt_translations"] == {"vi": "nước"}
    assert Item.from_dict(data) == item
    assert "prompt_translations" not in _meaning_item().to_dict()
