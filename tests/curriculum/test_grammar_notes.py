"""Grammar notes (文法ノート) in the core: a level's list, search, a lesson in the learner's language."""

from datetime import datetime, timezone

import pytest

from curriculum import grammar
from curriculum.activities import grammar_notes
from curriculum.activity import Context

NOTES = grammar_notes.ACTIVITY
N5 = grammar_notes.settings({"level": "N5"})
NOW = datetime(2026, 7, 14, 3, 0, tzinfo=timezone.utc)


def ctx(language="en"):
    return Context(NOW, language)


def test_the_list_is_the_levels_points_with_their_meaning_in_the_learners_language():
    screen = NOTES.present(None, N5, ctx("vi")).screen
    n5 = grammar.points("N5")
    assert [p["id"] for p in screen["points"]] == [p.id for p in n5] and screen["total"] == len(n5)
    assert screen["points"][0]["meaning"] == n5[0].meaning["vi"] and screen["lesson"] is None


@pytest.mark.parametrize(("query", "expected"), [("てもいい", "n5-temo-ii"), ("temo", "n5-temo-ii"),
                                                 ("permission", "n5-temo-ii")])
def test_search_finds_a_point_by_its_pattern_its_romaji_or_its_meaning(query, expected):
    step = NOTES.search(None, N5, {"query": query}, ctx())
    ids = [p["id"] for p in step.screen["points"]]
    assert expected in ids and len(ids) < step.screen["total"]
    assert step.state["query"] == query
    assert NOTES.present(step.state, N5, ctx()).screen == step.screen  # a reload keeps the search


def test_a_search_that_finds_nothing_says_so():
    screen = NOTES.search(None, N5, {"query": "zzzz"}, ctx()).screen
    text = grammar_notes.shown(grammar_notes.TEXT, screen)
    assert screen["points"] == [] and text["status"] == "No grammar point matches “zzzz”."


def test_a_lesson_has_the_pattern_meaning_formation_register_examples_with_furigana_and_related_links():
    point = grammar.point("n5-temo-ii")
    screen = NOTES.open(None, N5, {"point": point.id}, ctx("id")).screen
    lesson = screen["lesson"]
    assert lesson["pattern"] and lesson["meaning"] == point.meaning["id"] and not lesson["fallback"]
    assert lesson["notes"] == point.notes["id"] and lesson["mistakes"] == point.mistakes["id"]
    assert len(lesson["formation"]) == len(point.formation) and lesson["register"] == point.register
    assert [e["translation"] for e in lesson["examples"]] == [e.translations["id"] for e in point.examples]
    assert any(reading for e in lesson["examples"] for _base, reading in e["ruby"]), "no furigana"
    assert [r["id"] for r in lesson["related"]] == list(point.related)
    back = NOTES.open({"query": "", "point": point.id}, N5, {"point": None}, ctx()).screen
    assert back["lesson"] is None and back["points"]


def test_japanese_learners_read_the_english_notes_and_are_told_so():
    lesson = NOTES.open(None, N5, {"point": "n5-temo-ii"}, ctx("ja")).screen["lesson"]
    assert lesson["meaning"] == grammar.point("n5-temo-ii").meaning["en"] and lesson["fallback"]


def test_a_related_point_of_another_level_opens_from_this_levels_page():
    n4 = grammar.points("N4")[0]
    assert NOTES.open(None, N5, {"point": n4.id}, ctx()).screen["lesson"]["level"] == "N4"


@pytest.mark.parametrize("data", [{"point": "n5-nope"}, {"point": 3}, {"query": "x"}, ["n5-wa"], None])
def test_a_point_that_does_not_exist_or_a_malformed_body_is_refused(data):
    with pytest.raises(grammar_notes.GrammarNotesError):
        NOTES.open(None, N5, data, ctx())


@pytest.mark.parametrize("data", [{"query": "x" * 61}, {"query": 5}, {"q": "wa"}])
def test_a_malformed_search_is_refused(data):
    with pytest.raises(grammar_notes.GrammarNotesError):
        NOTES.search(None, N5, data, ctx())


def test_a_unit_that_lists_a_few_points_shows_only_them_and_searches_only_them():
    week = grammar_notes.settings({"level": "n5", "grammar_points": "n5-temo-ii, n5-wa"})
    assert week == grammar_notes.Selection("N5", ("n5-temo-ii", "n5-wa"))
    screen = NOTES.present(None, week, ctx()).screen
    assert [p["id"] for p in screen["points"]] == ["n5-wa", "n5-temo-ii"] and screen["total"] == 2
    found = NOTES.search(None, week, {"query": "permission"}, ctx()).screen
    assert [p["id"] for p in found["points"]] == ["n5-temo-ii"]
    assert NOTES.search(None, week, {"query": "desu"}, ctx()).screen["points"] == []
    # a related point outside the unit still opens
    assert NOTES.open(None, week, {"point": "n5-desu"}, ctx()).screen["lesson"]["id"] == "n5-desu"


@pytest.mark.parametrize(("value", "message"), [
    ("n5-nope", "Unknown grammar points n5-nope"), ("n4-plain-form", "are not N5 points")])
def test_grammar_notes_refuse_points_of_another_level_or_none_at_all(value, message):
    from curriculum.activity import SettingsError

    with pytest.raises(SettingsError, match=message):
        grammar_notes.settings({"level": "N5", "grammar_points": value})


# -- the drill set to a few points, and the way from an item to its lesson ---------------------------

def test_a_drill_set_to_two_points_serves_only_their_items_and_links_each_to_its_lesson():
    from curriculum.activities import drill
    from curriculum.bank import default_bank

    chosen = ("n5-temo-ii", "n5-wa")
    config = drill.settings({"level": "N5", "item_count": "8", "grammar_points": " n5-temo-ii, n5-wa"})
    assert config.grammar_points == chosen
    expected = {i.id for i in grammar.items_for(chosen)}
    bank, activity, served, state = default_bank(), drill.ACTIVITY, [], None
    context = Context(NOW, "vi", bank)
    for _ in range(config.item_count):
        step = activity.present(state, config, context)
        item = bank.get(step.screen["item"]["id"])
        served.append(item.id)
        step = activity.answer(step.state, config, {"item_id": item.id, "choice": item.answer}, context)
        pattern = grammar_notes.plain(grammar.point(item.grammar_point).pattern)
        assert step.screen["grammar"] == {"id": item.grammar_point, "pattern": pattern}
        state = step.state
    assert set(served) <= expected and {bank.get(i).grammar_point for i in served} == set(chosen)
    lesson = activity.lesson(state, config, {"point": "n5-wa"}, context)
    assert lesson.state == state
    assert lesson.screen["lesson"]["meaning"] == grammar.point("n5-wa").meaning["vi"]


def test_a_vocabulary_item_has_no_grammar_link():
    from curriculum.activities import drill
    from curriculum.bank import default_bank

    config = drill.settings({"level": "N5", "types": "kanji_reading"})
    step = drill.ACTIVITY.present(None, config, ctx())
    item = default_bank().get(step.screen["item"]["id"])
    answered = drill.ACTIVITY.answer(step.state, config, {"item_id": item.id, "choice": 0}, ctx())
    assert "grammar" not in answered.screen


@pytest.mark.parametrize(("value", "message"), [
    ("n5-nope", "Unknown grammar points n5-nope"), ("n4-plain-form", "are not N5 points")])
def test_a_drill_refuses_grammar_points_it_cannot_serve(value, message):
    from curriculum.activities import drill
    from curriculum.activity import SettingsError

    with pytest.raises(SettingsError, match=message):
        drill.settings({"level": "N5", "grammar_points": value})
