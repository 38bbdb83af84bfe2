"""The drill block's cards in per-group fields: an answer writes one group, old state is kept."""

from datetime import timedelta

from curriculum import drill_api
from curriculum.bank import default_bank
from curriculum.drill import DrillConfig
from xblocks.jlpt_drill import cards

from .conftest import TUESDAY, answer_current, as_learner, post

BANK = default_bank()


def _groups(block) -> dict:
    return {name: getattr(block, name) for name in cards.FIELDS}


def test_a_card_survives_the_compact_form_exactly():
    state, config = None, DrillConfig(item_count=10)
    for n in range(12):
        state, shown = drill_api.present(state, config, BANK, TUESDAY + timedelta(minutes=n))
        if shown["item"] is None:
            state, shown = drill_api.restart(state, config, BANK, TUESDAY)
        item = BANK.get(shown["item"]["id"])
        state, _, _ = drill_api.submit(state, config, BANK, {"item_id": item.id, "choice": n % 4},
                                       TUESDAY + timedelta(minutes=n))
    assert len(state["cards"]) >= 10  # a missed word may come back once due
    for item_id, card in state["cards"].items():
        assert cards.decode(item_id, cards.encode(card)) == card


def test_an_answer_writes_one_group_and_a_small_state(drill_factory):
    block = drill_factory('<jlpt_drill level="N5" item_count="10"/>')
    for _ in range(6):
        answer_current(block)
    block = as_learner(block, "alice")
    before = _groups(block)
    _status, shown = post(block, "next")
    answer_current(block)
    after = _groups(as_learner(block, "alice"))
    changed = [name for name in cards.FIELDS if after[name] != before[name]]
    assert changed == [cards.group_of(shown["item"]["id"])]
    mine = cards.block_key(block.scope_ids.usage_id)
    assert sum(len(group[mine]) for group in after.values() if group) == 7
    assert "cards" not in block.drill_state


def test_cards_kept_inside_the_old_state_move_to_the_groups_and_nothing_is_lost(drill_factory):
    block = drill_factory('<jlpt_drill level="N5" item_count="5"/>')
    state, config = None, DrillConfig(item_count=5)
    for _ in range(3):
        state, shown = drill_api.present(state, config, BANK, TUESDAY)
        item = BANK.get(shown["item"]["id"])
        body = {"item_id": item.id, "choice": item.answer}
        state, _, _ = drill_api.submit(state, config, BANK, body, TUESDAY)
    old_cards = dict(state["cards"])
    block.drill_state = state  # as the block kept it before the groups existed
    block.save()
    block = as_learner(block, "alice")
    status, payload = post(block, "next")
    assert status == 200 and payload["progress"]["answered"] == 3 and payload["progress"]["correct"] == 3
    block = as_learner(block, "alice")
    assert "cards" not in block.drill_state
    moved = cards.FieldCards(block)
    assert {item_id: moved.load(item_id) for item_id in old_cards} == old_cards
    assert payload["item"]["id"] not in old_cards, "met items are not new again"


def test_the_block_drills_as_the_core_and_keeps_reviews_due_per_day(drill_factory, clock):
    """The grouped cards give the drill of the JSON state: the same questions, the same cards, and the
    learner record's reviews due per day kept up to date from the one card each answer changes."""
    from curriculum import weekly_progress

    block = drill_factory('<jlpt_drill level="N5" item_count="10"/>')
    config, state = DrillConfig(level="N5", item_count=10), None
    for step in range(45):
        clock.now = TUESDAY + timedelta(hours=7 * step)
        state, shown = drill_api.present(state, config, BANK, clock.now)
        _status, seen = post(block, "next")
        if shown["item"] is None:
            assert seen["item"] is None
            state, shown = drill_api.restart(state, config, BANK, clock.now)
            _status, seen = post(block, "new_round")
        assert seen["item"]["id"] == shown["item"]["id"], step
        item = BANK.get(shown["item"]["id"])
        wrong = (item.answer + 1) % len(item.choices)
        body = {"item_id": item.id, "choice": item.answer if step % 3 else wrong}
        state, expected, _ = drill_api.submit(state, config, BANK, body, clock.now)
        _status, result = post(block, "answer", body)
        assert result["correct"] == expected["correct"]
    block = as_learner(block, "alice")
    stored = cards.FieldCards(block)
    assert {i: stored.load(i) for i in state["cards"]} == state["cards"]
    usage = str(block.scope_ids.usage_id)
    assert block.nihongo_due[usage] == weekly_progress.due_by_day(state["cards"])
