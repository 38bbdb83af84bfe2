"""Mock tests: the real exam's shape and clock, a bank that runs short, grading on the server."""

import copy
import json
import random
from datetime import datetime, timedelta, timezone

import pytest

from curriculum import mock_test
from curriculum.bank import Bank
from curriculum.item_types import TYPES, ItemType, Stimulus
from curriculum.items import Item, Level, Skill
from curriculum.mock_test import FORMS, MockTestError
from curriculum.scoring import LANGUAGE_KNOWLEDGE, LISTENING, LK_READING, READING

NOW = datetime(2026, 12, 6, 1, 0, tzinfo=timezone.utc)  # exam-day morning in Kagoshima
INSTRUCTION = {code: "-" for code in ("ja", "en", "vi", "id", "tl", "my")}
KANA = ("ア", "イ", "ウ", "エ")


def make_item(item_id: str, level: str, item_type: ItemType, stimulus: str | None = None) -> Item:
    info = TYPES[item_type]
    return Item(id=item_id, level=Level(level), skill=Skill(info.skill), type=item_type,
                prompt=f"問い {item_id}", choices=KANA[:info.choices], answer=1, explanation="-",
                instruction=INSTRUCTION, source="test", licence="CC0", stimulus=stimulus)


def bank_for(level: str, extra: int = 0, leave_out: tuple[ItemType, ...] = (), per_passage: int = 2) -> Bank:
    """Every 大問 of ``level``'s form, with ``extra`` spare items per type; passages hold two questions."""
    form = mock_test.form_for(level)
    items, stimuli = [], {}
    for section in form.sections:
        for part in section.parts:
            if part.type in leave_out:
                continue
            kind = TYPES[part.type].stimulus
            for k in range(part.count + extra):
                stimulus = None
                if kind is not Stimulus.NONE:
                    stimulus = f"{part.type.value}-s{k // per_passage}"
                    stimuli[stimulus] = {"id": stimulus, "kind": kind.value, "text": "本文"}
                items.append(make_item(f"{part.type.value}-{k}", form.bank_levels[-1], part.type, stimulus))
    return Bank(items, stimuli)


@pytest.mark.parametrize(("level", "minutes", "items"), [
    ("N5", (20, 40, 30), 67), ("N4", (25, 55, 35), 85), ("N3", (30, 70, 40), 102), ("N2", (105, 50), 107),
])
def test_each_jlpt_form_uses_the_current_timings_and_item_counts(level, minutes, items):
    form = FORMS[level]
    assert tuple(s.minutes for s in form.sections) == minutes
    assert form.item_count == items and form.minutes == sum(minutes)


def test_jft_basic_is_about_50_items_in_60_minutes_with_no_limit_per_section():
    form = FORMS["JFT-Basic"]
    assert [s.name for s in form.sections] == ["文字と語彙", "会話と表現", "聴解", "読解"]
    assert form.item_count == 50 and form.minutes == 60
    assert all(s.minutes is None for s in form.sections) and not form.timed_by_section
    assert mock_test.form_for("JFT-A2") is form


@pytest.mark.parametrize(("level", "expected"), [
    ("N5", {"vocabulary": {LK_READING}, "grammar_reading": {LK_READING}, "listening": {LISTENING}}),
    ("N4", {"vocabulary": {LK_READING}, "grammar_reading": {LK_READING}, "listening": {LISTENING}}),
    ("N3", {"vocabulary": {LANGUAGE_KNOWLEDGE}, "grammar_reading": {LANGUAGE_KNOWLEDGE, READING},
            "listening": {LISTENING}}),
    ("N2", {"language_knowledge_reading": {LANGUAGE_KNOWLEDGE, READING}, "listening": {LISTENING}}),
])
def test_papers_feed_the_scoring_sections_the_real_report_shows(level, expected):
    assert {s.key: {p.scoring for p in s.parts} for s in FORMS[level].sections} == expected
    grammar = {p.type: p.scoring for s in FORMS[level].sections for p in s.parts}
    if level == "N3":
        assert grammar[ItemType.GRAMMAR_FORM] == LANGUAGE_KNOWLEDGE
        assert grammar[ItemType.COMPREHENSION_MID] == READING


def test_usage_is_not_on_the_n5_paper_and_word_formation_only_on_n2():
    types = {lv: {p.type for s in FORMS[lv].sections for p in s.parts} for lv in ("N5", "N4", "N3", "N2")}
    assert ItemType.USAGE not in types["N5"] and ItemType.USAGE in types["N4"]
    assert [lv for lv, t in types.items() if ItemType.WORD_FORMATION in t] == ["N2"]


@pytest.mark.parametrize("level", ["N5", "N4", "N3", "N2", "JFT-Basic"])
def test_a_full_bank_gives_a_full_form_with_each_type_in_its_number(level):
    bank = bank_for(level, extra=3)
    mock = mock_test.assemble(level, bank, random.Random(1))
    assert mock.complete and mock.message == "A full-length form."
    for (key, ids), section in zip(mock.sections, FORMS[level].sections, strict=True):
        assert key == section.key
        counts = {p.type: 0 for p in section.parts}
        for item_id in ids:
            counts[bank.get(item_id).type] += 1
        assert counts == {p.type: p.count for p in section.parts}
        assert len(set(ids)) == len(ids)


def test_the_same_seed_gives_the_same_form_and_another_seed_another():
    bank = bank_for("N5", extra=5)
    first = mock_test.assemble("N5", bank, random.Random(3))
    assert mock_test.assemble("N5", bank, random.Random(3)) == first
    assert mock_test.assemble("N5", bank, random.Random(4)) != first


def test_a_bank_short_of_some_types_still_gives_a_test_and_says_what_is_missing():
    bank = bank_for("N4", leave_out=(ItemType.QUICK_RESPONSE, ItemType.USAGE))
    mock = mock_test.assemble("N4", bank, random.Random(1))
    assert not mock.complete
    assert {(s.type, s.wanted, s.found) for s in mock.shortfalls} == {
        (ItemType.QUICK_RESPONSE, 8, 0), (ItemType.USAGE, 4, 0)}
    assert "12 items short" in mock.message and "quick_response (0/8)" in mock.message
    assert sum(len(ids) for _, ids in mock.sections) == 85 - 12


def test_an_empty_bank_gives_an_empty_form_not_a_crash():
    mock = mock_test.assemble("N2", Bank([]), random.Random(1))
    assert sum(len(ids) for _, ids in mock.sections) == 0
    assert "107 items short" in mock.message
    assert mock_test.MockTest.from_dict(json.loads(json.dumps(mock.to_dict()))) == mock


def test_questions_on_one_passage_stay_together():
    bank = bank_for("N3", extra=4, per_passage=2)
    mock = mock_test.assemble("N3", bank, random.Random(5))
    ids = dict(mock.sections)["grammar_reading"]
    mid = [bank.get(i) for i in ids if bank.get(i).type is ItemType.COMPREHENSION_MID]
    assert len(mid) == 6
    stimuli = [i.stimulus for i in mid]
    assert all(stimuli.count(s) == 2 for s in stimuli)
    assert stimuli[0::2] == stimuli[1::2], "both questions on a passage sit next to each other"


def test_an_unknown_level_is_refused():
    with pytest.raises(MockTestError):
        mock_test.assemble("N1", Bank([]), random.Random(1))


# --- the session ---------------------------------------------------------------------------------


@pytest.fixture
def n5():
    bank = bank_for("N5")
    mock = mock_test.assemble("N5", bank, random.Random(1))
    return bank, mock, mock_test.start(mock, NOW)


def section_ids(state, key):
    return next(s["items"] for s in state["sections"] if s["key"] == key)


def test_a_session_is_json_and_the_functions_never_change_their_input(n5):
    bank, _, state = n5
    assert json.loads(json.dumps(state)) == state
    before = copy.deepcopy(state)
    first = section_ids(state, "vocabulary")[0]
    after = mock_test.answer(state, bank, first, 2, NOW)
    mock_test.flag(after, first, NOW)
    assert state == before and after["answers"] == {first: 2}
    assert state["sections"][0]["deadline"] == (NOW + timedelta(minutes=20)).isoformat()


def test_the_next_paper_cannot_be_answered_before_it_starts(n5):
    bank, _, state = n5
    with pytest.raises(MockTestError, match="not started"):
        mock_test.answer(state, bank, section_ids(state, "listening")[0], 1, NOW)


def test_answers_are_refused_once_the_section_time_is_up_and_the_next_paper_opens(n5):
    bank, _, state = n5
    vocab, grammar = section_ids(state, "vocabulary"), section_ids(state, "grammar_reading")
    state = mock_test.answer(state, bank, vocab[0], 1, NOW + timedelta(minutes=19, seconds=59))
    late = NOW + timedelta(minutes=20)
    with pytest.raises(MockTestError, match="Time is up"):
        mock_test.answer(state, bank, vocab[1], 1, late)
    state = mock_test.answer(state, bank, grammar[0], 1, late)
    opened = next(s for s in state["sections"] if s["key"] == "grammar_reading")
    assert opened["deadline"] == (NOW + timedelta(minutes=60)).isoformat()
    assert mock_test.remaining_seconds(state, late) == 40 * 60


def test_a_learner_who_leaves_finds_the_clock_ran_on(n5):
    bank, _, state = n5
    back = NOW + timedelta(minutes=75)  # vocabulary (20) and grammar/reading (40) are over
    with pytest.raises(MockTestError, match="Time is up"):
        mock_test.answer(state, bank, section_ids(state, "grammar_reading")[0], 1, back)
    assert mock_test.remaining_seconds(state, back) == 15 * 60
    assert mock_test.remaining_seconds(state, NOW + timedelta(minutes=91)) == 0


def test_moving_on_early_opens_the_next_paper_with_its_full_time_and_no_way_back(n5):
    bank, _, state = n5
    state = mock_test.next_section(state, NOW + timedelta(minutes=5))
    assert mock_test.remaining_seconds(state, NOW + timedelta(minutes=5)) == 40 * 60
    with pytest.raises(MockTestError):
        mock_test.go_to(state, section_ids(state, "vocabulary")[0], NOW + timedelta(minutes=6))


def test_a_jlpt_learner_moves_freely_within_the_open_paper_only(n5):
    _, _, state = n5
    vocab = section_ids(state, "vocabulary")
    assert state["position"] == vocab[0]
    state = mock_test.go_to(state, vocab[-1], NOW)
    state = mock_test.go_to(state, vocab[2], NOW)
    assert state["position"] == vocab[2]
    with pytest.raises(MockTestError):
        mock_test.go_to(state, section_ids(state, "grammar_reading")[0], NOW)


def test_a_jft_learner_moves_freely_across_the_whole_test_until_60_minutes():
    bank = bank_for("JFT-Basic")
    state = mock_test.start(mock_test.assemble("JFT-Basic", bank, random.Random(1)), NOW)
    reading = section_ids(state, "reading")[-1]
    state = mock_test.answer(state, bank, reading, 0, NOW + timedelta(minutes=1))
    state = mock_test.go_to(state, section_ids(state, "script_vocabulary")[0], NOW + timedelta(minutes=59))
    with pytest.raises(MockTestError, match="Time is up"):
        mock_test.answer(state, bank, reading, 1, NOW + timedelta(minutes=60))
    with pytest.raises(MockTestError):
        mock_test.next_section(state, NOW)


def test_flags_mark_questions_for_review_and_can_be_removed(n5):
    _, _, state = n5
    first, second = section_ids(state, "vocabulary")[:2]
    state = mock_test.flag(mock_test.flag(state, first, NOW), second, NOW)
    state = mock_test.flag(state, first, NOW)
    assert state["flags"] == [second, first]
    assert mock_test.unflag(state, first, NOW)["flags"] == [second]


@pytest.mark.parametrize(("item_id", "choice"), [
    ("not-in-test", 1), (None, 1), ("PAPER1", 4), ("PAPER1", "1"), ("PAPER1", True)])
def test_forged_answers_are_refused(n5, item_id, choice):
    bank, _, state = n5
    item_id = section_ids(state, "vocabulary")[0] if item_id == "PAPER1" else item_id
    with pytest.raises(MockTestError):
        mock_test.answer(state, bank, item_id, choice, NOW)


def test_the_browser_sees_questions_of_the_open_paper_without_answers(n5):
    bank, _, state = n5
    shown = mock_test.view(state, bank, NOW)
    assert [i["id"] for i in shown["items"]] == section_ids(state, "vocabulary")
    assert all("answer" not in i and "explanation" not in i for i in shown["items"])
    assert [s["open"] for s in shown["sections"]] == [True, False, False]
    assert shown["remaining_seconds"] == 20 * 60


def test_finishing_grades_the_last_choice_of_each_question_against_the_bank(n5):
    bank, _, state = n5
    when = NOW
    for key in ("vocabulary", "grammar_reading", "listening"):
        for item_id in section_ids(state, key):
            state = mock_test.answer(state, bank, item_id, 0, when)  # wrong first…
            state = mock_test.answer(state, bank, item_id, bank.get(item_id).answer, when)  # …then right
        state = mock_test.next_section(state, when)
        when += timedelta(minutes=1)
    state, result = mock_test.finish(state, bank, when)
    assert (result.report.total, result.report.passed) == (180, True)
    assert result.answered == result.item_count == 67
    with pytest.raises(MockTestError, match="finished"):
        mock_test.answer(state, bank, section_ids(state, "listening")[0], 1, when)
    assert mock_test.finish(state, bank, when + timedelta(hours=1))[1] == result
    assert mock_test.MockResult.from_dict(json.loads(json.dumps(result.to_dict()))) == result


def test_unanswered_questions_count_as_wrong_and_weak_listening_fails_the_test(n5):
    bank, _, state = n5
    for item_id in section_ids(state, "vocabulary"):
        state = mock_test.answer(state, bank, item_id, bank.get(item_id).answer, NOW)
    state = mock_test.next_section(state, NOW)
    for item_id in section_ids(state, "grammar_reading"):
        state = mock_test.answer(state, bank, item_id, bank.get(item_id).answer, NOW)
    _, result = mock_test.finish(state, bank, NOW + timedelta(minutes=10))
    report = result.report
    assert [s.score for s in report.sections] == [120, 0]
    assert report.passed is False and report.reasons == ("聴解: 0 is below the sectional minimum 19 of 60.",)
    assert report.estimate is True
    assert {t.type for t in report.study_next} <= {t.value for t in (
        ItemType.TASK_LISTENING, ItemType.POINT_LISTENING, ItemType.UTTERANCE_EXPRESSION,
        ItemType.QUICK_RESPONSE)}
    assert report.study_next[0].type == ItemType.TASK_LISTENING.value  # the most items to gain


def test_a_short_form_is_scored_on_what_it_held_and_says_so():
    bank = bank_for("N5", leave_out=tuple(p.type for p in FORMS["N5"].sections[2].parts))
    state = mock_test.start(mock_test.assemble("N5", bank, random.Random(1)), NOW)
    state, result = mock_test.finish(state, bank, NOW)
    assert result.report.passed is None and "聴解" in result.report.reasons[0]
    assert "24 items short" in result.shortfall_message
