"""The jlpt_drill XBlock on the workbench runtime: what a learner, an author and the LMS notice."""

import json

import lxml.html
import pytest
import webob
from django.test import Client
from lxml import etree
from workbench.runtime import WorkbenchRuntime

from curriculum.bank import default_bank

from .conftest import answer_current, as_learner, post, right_choice, wrong_choice


def rendered(block):
    return lxml.html.fromstring(block.render("student_view").body_html())


def texts(page, css_class):
    return [el.text_content().strip() for el in page.find_class(css_class)]


# -- what the learner sees -------------------------------------------------------------------------

def test_the_page_shows_the_prompt_and_four_choices_but_not_the_answer(drill_factory):
    block = drill_factory()
    page = rendered(block)
    item = default_bank().get(page.find_class("nihongo-drill")[0].get("data-item-id"))

    assert texts(page, "nd-prompt") == [item.prompt]
    assert texts(page, "nd-choice") == list(item.choices)
    assert all(b.tag == "button" for b in page.find_class("nd-choice"))
    assert texts(page, "nd-progress") == ["1 / 3"]
    html = block.render("student_view").body_html()
    assert item.explanation not in html
    assert "correct_index" not in html and '"answer"' not in html


def test_the_page_tells_the_browser_where_to_post(drill_factory):
    root = rendered(drill_factory()).find_class("nihongo-drill")[0]
    for attribute, handler in [("data-next-url", "next"), ("data-answer-url", "answer"),
                               ("data-new-round-url", "new_round")]:
        assert f"/{handler}/" in root.get(attribute)


def test_a_reload_shows_the_same_question(drill_factory):
    block = drill_factory()
    first = rendered(block).find_class("nihongo-drill")[0].get("data-item-id")
    again = rendered(as_learner(block, "alice")).find_class("nihongo-drill")[0].get("data-item-id")
    assert first == again


def test_a_level_without_questions_says_so(drill_factory):
    # integrated listening exists only at N2, so an N5 drill of it has nothing to ask
    page = rendered(drill_factory('<jlpt_drill level="N5" item_types=\'["integrated_listening"]\'/>'))
    assert page.find_class("nd-empty")[0].get("hidden") is None
    assert page.find_class("nd-question")[0].get("hidden") is not None


def test_instructions_follow_the_learners_language(drill_factory):
    block = drill_factory()
    block.language = "vi"
    _status, payload = post(block, "next")
    assert payload["item"]["instruction"] == default_bank().get(payload["item"]["id"]).instruction["vi"]


@pytest.mark.parametrize("correct", [True, False], ids=["right", "wrong"])
def test_answering_the_served_question_gives_feedback(drill_factory, correct):
    block = drill_factory()
    _status, payload = post(block, "next")
    assert "answer" not in payload["item"] and "explanation" not in payload["item"]
    item = default_bank().get(payload["item"]["id"])

    result = answer_current(block, correct=correct)

    assert result["correct"] is correct
    assert result["correct_index"] == item.answer
    assert result["explanation"] == item.explanation_in("en")
    assert result["progress"]["answered"] == 1
    assert result["progress"]["days_this_week"] == 1


def test_a_full_round_publishes_one_grade_and_the_page_shows_the_score(drill_factory, published):
    block = drill_factory()
    outcomes = [answer_current(block, correct=c) for c in (True, False, True)]

    assert [o["round_complete"] for o in outcomes] == [False, False, True]
    assert [data for kind, data in published if kind == "grade"] == [{"value": 2, "max_value": 3}]
    answered = [data for kind, data in published if kind == "nihongo.drill.answered"]
    assert [a["correct"] for a in answered] == [True, False, True]
    assert all(set(a) == {"item_id", "correct", "level"} for a in answered)  # nothing about the person
    page = rendered(as_learner(block, "alice"))
    assert texts(page, "nd-score") == ["Your score: 2 / 3"]
    assert page.find_class("nd-question")[0].get("hidden") is not None


def test_practice_again_starts_a_new_round_and_keeps_the_best(drill_factory, published):
    block = drill_factory()
    for _ in range(3):
        answer_current(block, correct=True)
    _status, done = post(block, "next")
    assert done["item"] is None and done["round_complete"]

    _status, fresh = post(block, "new_round")
    assert fresh["item"] is not None and fresh["progress"]["answered"] == 0
    for correct in (False, False, True):
        answer_current(block, correct=correct)

    grades = [data for kind, data in published if kind == "grade"]
    assert grades == [{"value": 3, "max_value": 3}, {"value": 3, "max_value": 3}]  # the best round counts


def test_practice_again_mid_round_changes_nothing(drill_factory):
    block = drill_factory()
    answer_current(block)
    _status, asked = post(block, "next")
    before = as_learner(block, "alice").drill_state
    _status, payload = post(block, "new_round")
    assert payload["progress"]["answered"] == 1 and payload["item"] == asked["item"]
    assert as_learner(block, "alice").drill_state == before


def test_a_passage_shows_readings_over_kanji_above_the_level(drill_factory):
    from curriculum.furigana import plain, segments

    block = drill_factory('<jlpt_drill level="N3" item_types=\'["comprehension_long"]\'/>')
    page = rendered(block)
    item = default_bank().get(page.find_class("nihongo-drill")[0].get("data-item-id"))
    marked = default_bank().stimuli[item.stimulus]["text"]
    text = page.find_class("nd-stimulus-text")[0]
    readings = [reading for _base, reading in segments(marked) if reading]
    assert readings and [rt.text for rt in text.iter("rt")] == readings
    assert "".join(t for t in text.itertext() if t not in readings) == plain(marked)
    assert post(block, "next")[1]["item"]["stimulus"]["text_ruby"] == [list(p) for p in segments(marked)]


# -- what the drill refuses ------------------------------------------------------------------------

def _served(block):
    return post(block, "next")[1]["item"]["id"]


def _another_item(item_id):
    return next(item.id for item in default_bank() if item.id != item_id)


REFUSED = {
    "malformed JSON": lambda block: b'{"item_id": ',
    "an item never served": lambda block: {"item_id": _another_item(_served(block)), "choice": 0},
    "a score instead of an answer": lambda block: {"score": 10},
    "an extra field": lambda block: {"item_id": _served(block), "choice": 0, "correct": True},
    "a choice out of range": lambda block: {"item_id": _served(block), "choice": 4},
    "a boolean choice": lambda block: {"item_id": _served(block), "choice": True},
    "a list body": lambda block: [1, 2],
}


@pytest.mark.parametrize("make_body", REFUSED.values(), ids=REFUSED.keys())
def test_forged_or_malformed_answers_are_refused_and_change_nothing(drill_factory, published, make_body):
    block = drill_factory()
    answer_current(block)
    body = make_body(block)
    published.clear()
    before = as_learner(block, "alice").drill_state

    status, payload = post(block, "answer", body)

    assert status == 400 and payload["error"]
    assert as_learner(block, "alice").drill_state == before
    assert published == []


def test_a_replayed_answer_is_refused_and_changes_nothing(drill_factory, published):
    block = drill_factory()
    item_id = _served(block)
    body = {"item_id": item_id, "choice": wrong_choice(item_id)}
    assert post(block, "answer", body)[0] == 200
    before = as_learner(block, "alice").drill_state

    status, _payload = post(block, "answer", {"item_id": item_id, "choice": right_choice(item_id)})

    assert status == 400
    assert as_learner(block, "alice").drill_state == before
    assert len(published) == 1  # the first answer's event only


def test_handlers_want_a_post(drill_factory):
    block = drill_factory()
    response = block.runtime.handle(block, "answer", webob.Request.blank("/", method="GET"))
    assert response.status_code == 405


# -- one learner's state is theirs -----------------------------------------------------------------

def test_each_learner_has_their_own_progress(drill_factory):
    alice = drill_factory(user_id="alice")
    answer_current(alice)
    answer_current(alice)

    bob = as_learner(alice, "bob")
    _status, payload = post(bob, "next")

    assert payload["progress"]["answered"] == 0
    assert post(as_learner(alice, "alice"), "next")[1]["progress"]["answered"] == 2


def test_bob_cannot_answer_the_question_served_to_alice(drill_factory):
    alice = drill_factory(user_id="alice")
    answer_current(alice)
    item_id = _served(alice)
    bob = as_learner(alice, "bob")
    post(bob, "next")
    bob_before = as_learner(alice, "bob").drill_state
    assert bob_before["pending"] != item_id  # Bob is on his first question, Alice on her second

    status, _payload = post(bob, "answer", {"item_id": item_id, "choice": right_choice(item_id)})
    assert status == 400


# -- the mobile / native contract ------------------------------------------------------------------

def test_student_view_data_is_settings_only(drill_factory):
    block = drill_factory('<jlpt_drill display_name="Week 1 words" level="N5" item_count="3"/>')
    answer_current(block)
    data = block.student_view_data()
    assert data == {"display_name": "Week 1 words", "level": "N5", "item_count": 3, "item_types": [],
                    "grammar_points": []}
    json.dumps(data)  # JSON-safe, as the Course Blocks API needs


def test_student_view_user_state_reports_progress_without_answers(drill_factory):
    block = drill_factory()
    answer_current(block, correct=True)
    response = block.runtime.handle(block, "student_view_user_state", webob.Request.blank("/"))
    body = response.json
    assert response.status_code == 200
    progress = {"answered": 1, "correct": 1, "item_count": 3, "best": 0, "days_this_week": 1}
    assert body == {"round_complete": False, "progress": progress}


def test_the_student_view_is_offered_to_mobile_clients(drill_factory):
    block = drill_factory()
    assert block.has_support(block.student_view, "multi_device")


# -- authors, OLX and the gradebook ----------------------------------------------------------------

def test_olx_round_trip_keeps_the_settings_and_leaves_learner_state_behind(drill_factory):
    block = drill_factory('<jlpt_drill display_name="Week 3 words" level="N4" item_count="7" weight="2.5"/>')
    post(block, "next")
    block.language = "vi"
    assert block.drill_state  # the learner has state, on this very block

    node = etree.Element("placeholder")
    block.add_xml_to_node(node)
    olx = etree.tostring(node, encoding="unicode")
    runtime = WorkbenchRuntime("carol")
    runtime.id_generator.set_scenario("reimport")
    copy = runtime.get_block(runtime.parse_xml_string(olx))

    assert node.tag == "jlpt_drill"
    assert "drill_state" not in olx and "language" not in olx
    assert (copy.display_name, copy.level, copy.item_count, copy.weight) == ("Week 3 words", "N4", 7, 2.5)


def test_scoring_for_the_gradebook(drill_factory):
    block = drill_factory('<jlpt_drill item_count="7"/>')
    assert (block.has_score, block.icon_class, block.max_score(), block.weight) == (True, "problem", 7, 1)
    assert drill_factory('<jlpt_drill/>').max_score() == 10


def test_studio_refuses_an_impossible_round(drill_factory):
    block = drill_factory()
    status, payload = post(block, "submit_studio_edits", {"values": {"item_count": 0}, "defaults": []})
    assert status == 400 and "item_count" in json.dumps(payload)
    assert block.item_count == 3
    status, _payload = post(block, "submit_studio_edits", {"values": {"item_count": 5}, "defaults": []})
    assert status == 200 and block.item_count == 5


def test_studio_editor_offers_the_editable_fields(drill_factory):
    html = drill_factory().render("studio_view").body_html()
    for name in ("display_name", "level", "item_count", "item_types", "weight"):
        assert f'data-field-name="{name}"' in html


def test_question_types_narrow_the_drill_and_unknown_types_are_refused(drill_factory):
    block = drill_factory('<jlpt_drill level="N5" item_count="3" item_types=\'["meaning_to_word"]\'/>')
    _status, payload = post(block, "next")
    assert payload["item"]["type"] == "meaning_to_word"
    status, body = post(block, "submit_studio_edits",
                        {"values": {"item_types": ["no_such_type"]}, "defaults": []})
    assert status == 400 and "no_such_type" in json.dumps(body)


def test_a_meaning_question_is_asked_in_the_learners_language(drill_factory):
    # our own types ask an English meaning: a Vietnamese learner reads it in Vietnamese (issue 16)
    block = drill_factory('<jlpt_drill level="N5" item_count="3" item_types=\'["meaning_to_word"]\'/>')
    block.language = "vi"
    page = rendered(block)
    item = default_bank().get(page.find_class("nihongo-drill")[0].get("data-item-id"))
    prompt = page.find_class("nd-prompt")[0]
    assert item.prompt_translations["vi"] != item.prompt
    assert prompt.text_content().strip() == item.prompt_translations["vi"]
    assert prompt.get("lang") == "vi"
    status, payload = post(block, "set_language", {"language": "en"})
    assert status == 200 and payload["item"]["prompt"] == item.prompt
    assert payload["item"]["prompt_lang"] == "en"
    japanese = drill_factory('<jlpt_drill level="N5" item_count="3" item_types=\'["kanji_reading"]\'/>')
    japanese.language = "vi"
    assert rendered(japanese).find_class("nd-prompt")[0].get("lang") == "ja"


def test_the_workbench_lists_both_scenarios(db):
    from workbench.scenarios import init_scenarios

    init_scenarios()  # scenarios write their settings into the store, which each test starts empty
    page = Client().get("/workbench/").content.decode()
    assert "JLPT N5 vocabulary drill (3 items)" in page
    assert "JLPT N5 vocabulary drill (10 items)" in page


# -- the learner's language: the runtime's by default, and the switch -------------------------------

def _with_runtime_language(block, monkeypatch, language):
    """The block's i18n service speaking ``language`` through the block's own catalogue."""
    import gettext

    from xblocks.common import catalogue
    folder = str(catalogue.folder("jlpt_drill"))
    translation = gettext.translation("text", localedir=folder, languages=[language])
    original = block.runtime.service
    monkeypatch.setattr(block.runtime, "service",
                        lambda b, name: translation if name == "i18n" else original(b, name))


def test_the_default_language_is_the_runtimes(drill_factory, monkeypatch):
    block = drill_factory()
    _with_runtime_language(block, monkeypatch, "vi")
    page = rendered(block)
    root = page.find_class("nihongo-drill")[0]
    item = default_bank().get(root.get("data-item-id"))
    assert root.get("lang") == "vi"
    assert texts(page, "nd-instruction") == [item.instruction["vi"]]
    assert texts(page, "nd-lang-text") == ["Ngôn ngữ"]
    assert [o.get("value") for o in page.xpath("//select[@class='nd-lang']/option[@selected]")] == ["vi"]
    assert texts(page, "nd-next") == ["Tiếp theo"]


def test_without_a_catalogue_the_runtime_language_is_english(drill_factory):
    page = rendered(drill_factory())  # the workbench's i18n service knows nothing of our probe
    assert page.find_class("nihongo-drill")[0].get("lang") == "en"
    assert texts(page, "nd-next") == ["Next"]


def test_the_switch_offers_the_six_languages_by_their_own_names(drill_factory):
    page = rendered(drill_factory())
    select = page.xpath("//label[@class='nd-lang-label']/select[@class='nd-lang']")[0]
    assert [(o.get("value"), o.text_content()) for o in select.findall("option")] == [
        ("en", "English"), ("ja", "日本語"), ("vi", "Tiếng Việt"), ("id", "Bahasa Indonesia"),
        ("tl", "Tagalog"), ("my", "မြန်မာ")]
    assert "/set_language/" in page.find_class("nihongo-drill")[0].get("data-language-url")


def test_the_switch_changes_the_strings_and_the_question_and_persists(drill_factory, monkeypatch):
    block = drill_factory()
    _with_runtime_language(block, monkeypatch, "vi")
    served = rendered(block).find_class("nihongo-drill")[0].get("data-item-id")
    status, payload = post(block, "set_language", {"language": "my"})
    assert status == 200 and payload["language"] == "my"
    assert payload["item"]["id"] == served  # the same question, now in Burmese
    assert payload["item"]["instruction"] == default_bank().get(served).instruction["my"]
    assert payload["text"]["next"] == "နောက်တစ်ခု"
    again = as_learner(block, "alice")
    assert again.language == "my"
    page = rendered(again)
    assert page.find_class("nihongo-drill")[0].get("lang") == "my"
    assert texts(page, "nd-next") == ["နောက်တစ်ခု"]
    assert rendered(as_learner(block, "bob")).find_class("nihongo-drill")[0].get("lang") == "en"


def test_switching_while_reading_feedback_translates_the_explanation(drill_factory):
    block = drill_factory()
    answered = default_bank().get(post(block, "next")[1]["item"]["id"])
    assert answer_current(block)["explanation"] == answered.explanation_in("en")
    status, payload = post(block, "set_language", {"language": "vi"})
    assert status == 200
    assert payload["explanation"] == answered.explanation_in("vi")


@pytest.mark.parametrize("body", [{"language": "fr"}, {"language": ""}, {"language": "vi", "x": 1},
                                  ["vi"], {}])
def test_a_bad_language_is_refused_and_changes_nothing(drill_factory, body):
    block = drill_factory()
    post(block, "set_language", {"language": "ja"})
    before = dict(block.drill_state)
    status, payload = post(block, "set_language", body)
    assert status == 400 and "one of en, ja, vi, id, tl, my" in payload["error"]
    again = as_learner(block, "alice")
    assert again.language == "ja" and again.drill_state == before
