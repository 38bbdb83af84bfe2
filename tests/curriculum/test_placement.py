"""Adaptive placement: the right level in few items, never the same question twice, resumable."""

import copy
import json
import random

import pytest

from curriculum import placement, placement_simulation
from curriculum.bank import Bank
from curriculum.items import Level
from curriculum.placement import MAX_ITEMS, PlacementError

BANK = placement_simulation.simulation_bank()


def run(bank, rng, right, state=None, roundtrip=False):
    """Answer every question with ``right(item)``; return the final state and the items asked."""
    asked = []
    state, item = placement.next_item(state, bank, rng)
    while item is not None:
        asked.append(item.id)
        choice = item.answer if right(item) else (item.answer + 1) % len(item.choices)
        state, _ = placement.answer(state, bank, item.id, choice)
        if roundtrip:
            state = json.loads(json.dumps(state))
        state, item = placement.next_item(state, bank, rng)
    return state, asked


def test_guessing_learners_are_placed_within_20_items():
    """Learners who guess, slip and half-know (tests/benchmarks has the full figures)."""
    report = placement_simulation.simulate(150, random.Random(2026), "typical")
    assert report.accuracy >= 0.85
    assert report.max_items <= 20
    assert report.mean_items < 20, "the test stops early when the level is settled"


def test_a_learner_who_knows_everything_is_placed_at_n2_and_one_who_knows_nothing_below_n5():
    top, _ = run(BANK, random.Random(1), lambda item: True)
    bottom, _ = run(BANK, random.Random(1), lambda item: False)
    assert placement.result(top).level == "N2"
    assert placement.result(bottom).level == placement.BELOW
    assert placement.result(bottom).done and placement.result(bottom).items <= MAX_ITEMS


@pytest.mark.parametrize("level", ["N5", "N4", "N3"])
def test_a_learner_who_knows_exactly_up_to_a_level_is_placed_there(level):
    known = placement.LEVELS[:placement.LEVELS.index(level) + 1]
    state, asked = run(BANK, random.Random(3), lambda item: item.level in known)
    assert placement.result(state).level == level
    assert len(asked) <= MAX_ITEMS


def test_a_question_is_never_asked_twice_even_when_the_bank_runs_out():
    small = Bank(list(BANK)[::40])  # 6 items across the four levels
    state, asked = run(small, random.Random(4), lambda item: item.id.endswith("0"))
    assert len(asked) == len(set(asked)) == len(small)
    assert state["done"] and placement.next_item(state, small, random.Random(4))[1] is None
    _, asked = run(BANK, random.Random(4), lambda item: item.level in ("N5", "N4"))
    assert len(asked) == len(set(asked))


def test_the_state_survives_a_json_round_trip_after_every_answer():
    def right(item):
        return item.level in ("N5", "N4")

    plain, asked = run(BANK, random.Random(5), right)
    again, asked_again = run(BANK, random.Random(5), right, roundtrip=True)
    assert asked_again == asked
    assert placement.result(again) == placement.result(plain)
    assert placement.Placement.from_dict(json.loads(json.dumps(placement.result(plain).to_dict()))) == \
        placement.result(plain)


def test_a_reload_shows_the_same_question_and_the_input_state_is_not_changed():
    state, first = placement.next_item(None, BANK, random.Random(6))
    before = copy.deepcopy(state)
    again, same = placement.next_item(state, BANK, random.Random(99))
    assert same.id == first.id
    after, _ = placement.answer(state, BANK, first.id, first.answer)
    assert state == before and after["responses"] and not state["responses"]


def test_questions_climb_for_a_learner_who_gets_them_right_and_drop_for_one_who_does_not():
    _, up = run(BANK, random.Random(7), lambda item: True)
    _, down = run(BANK, random.Random(7), lambda item: False)
    rank = placement.LEVELS.index
    assert rank(BANK.get(up[0]).level) in (1, 2) and rank(BANK.get(down[0]).level) in (1, 2)
    assert BANK.get(up[-1]).level == "N2" and BANK.get(down[-1]).level == "N5"
    assert [rank(BANK.get(i).level) for i in up] == sorted(rank(BANK.get(i).level) for i in up)


@pytest.mark.parametrize(("item_id", "choice"), [("OTHER", 0), (None, 0), ("PENDING", 4), ("PENDING", "0"),
                                                   ("PENDING", True)])
def test_answers_to_questions_not_served_or_with_bad_choices_are_refused(item_id, choice):
    state, item = placement.next_item(None, BANK, random.Random(8))
    other = next(i.id for i in BANK if i.id != item.id)
    item_id = {"OTHER": other, "PENDING": item.id}.get(item_id, item_id)
    with pytest.raises(PlacementError):
        placement.answer(state, BANK, item_id, choice)


def test_an_answered_question_cannot_be_answered_again():
    state, item = placement.next_item(None, BANK, random.Random(9))
    state, _ = placement.answer(state, BANK, item.id, item.answer)
    with pytest.raises(PlacementError):
        placement.answer(state, BANK, item.id, item.answer)


def test_jft_items_are_not_used_for_placement():
    sim = placement_simulation.simulation_bank(4)
    jft_only = Bank([type(i)(**{**i.__dict__, "level": Level.JFT_A2}) for i in sim], sim.stimuli)
    state, item = placement.next_item(None, jft_only, random.Random(1))
    assert item is None and state["done"]


def test_placement_asks_only_exam_formats_with_japanese_questions():
    """An English meaning to match would test a Vietnamese or Burmese worker on English."""
    from curriculum.bank import default_bank
    from curriculum.item_types import OWN_TYPES

    bank = default_bank()
    for seed in range(3):
        _, asked = run(bank, random.Random(seed), lambda item: item.level in ("N5", "N4"))
        assert asked and not any(bank.get(i).type in OWN_TYPES for i in asked)
