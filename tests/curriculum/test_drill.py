"""Drill behaviour: what a learner sees, in any host."""

from datetime import datetime, timedelta, timezone

import pytest

from curriculum import drill, drill_api
from curriculum.bank import default_bank
from curriculum.drill import DrillConfig, DrillError

NOW = datetime(2026, 11, 27, 9, 0, tzinfo=timezone.utc)  # a Friday, 18:00 in Kagoshima
BANK = default_bank()


def answer_current(state, config, now, right=True):
    state, shown = drill_api.present(state, config, BANK, now)
    item = BANK.get(shown["item"]["id"])
    choice = item.answer if right else (item.answer + 1) % len(item.choices)
    return drill_api.submit(state, config, BANK, {"item_id": item.id, "choice": choice}, now)


def test_the_browser_never_sees_the_answer_before_answering():
    _, shown = drill_api.present(None, DrillConfig(), BANK, NOW)
    assert set(shown["item"]) == {"id", "level", "type", "prompt", "prompt_lang", "choices", "instruction"}
    assert "answer" not in str(shown["item"]) and "explanation" not in shown["item"]


def test_a_reload_shows_the_same_question():
    state, first = drill_api.present(None, DrillConfig(), BANK, NOW)
    _, again = drill_api.present(state, DrillConfig(), BANK, NOW + timedelta(minutes=5))
    assert again["item"]["id"] == first["item"]["id"]


def test_feedback_says_right_or_wrong_and_explains():
    _, payload, _ = answer_current(None, DrillConfig(), NOW, right=False)
    assert payload["correct"] is False
    assert payload["explanation"] and payload["progress"]["answered"] == 1


def test_a_round_ends_with_a_grade_and_the_best_round_counts():
    config = DrillConfig(item_count=3)
    state, grades = None, []
    for right in (True, True, False):
        state, _, grade = answer_current(state, config, NOW, right)
        grades.append(grade)
    assert grades[:2] == [None, None] and grades[2] == drill.Grade(2, 3)
    state, shown = drill_api.present(state, config, BANK, NOW)
    assert shown["item"] is None and shown["round_complete"]
    state, shown = drill_api.restart(state, config, BANK, NOW)
    assert shown["item"] and shown["progress"]["answered"] == 0
    for _ in range(3):
        state, _, grade = answer_current(state, config, NOW, right=False)
    assert grade == drill.Grade(2, 3), "a worse round does not lower the grade"


def test_a_missed_word_comes_back_before_new_words_once_due():
    config = DrillConfig(item_count=10)
    state, shown = drill_api.present(None, config, BANK, NOW)
    missed = shown["item"]["id"]
    state, _, _ = answer_current(state, config, NOW, right=False)
    state, _ = drill_api.restart(drill.start_new_round(state, config), config, BANK, NOW)
    later = NOW + timedelta(minutes=15)
    state["pending"] = None
    state["round"] = {"answered": 0, "correct": 0, "seen": []}
    _, shown = drill_api.present(state, config, BANK, later)
    assert shown["item"]["id"] == missed


@pytest.mark.parametrize("data", [
    {"item_id": "n5-mw-unknown", "choice": 0},
    {"choice": 1},
    {"item_id": None, "choice": 1},
    {"item_id": "PENDING", "choice": 9},
    {"item_id": "PENDING", "choice": "1"},
    {"item_id": "PENDING", "choice": True},
    {"item_id": "PENDING", "choice": 1, "score": 10},
    ["not", "an", "object"],
])
def test_forged_or_malformed_answers_are_refused_and_change_nothing(data):
    state, shown = drill_api.present(None, DrillConfig(), BANK, NOW)
    if isinstance(data, dict) and data.get("item_id") == "PENDING":
        data = dict(data, item_id=shown["item"]["id"])
    before = repr(state)
    with pytest.raises(DrillError):
        drill_api.submit(state, DrillConfig(), BANK, data, NOW)
    assert repr(state) == before


def test_an_answer_cannot_be_replayed():
    state, shown = drill_api.present(None, DrillConfig(), BANK, NOW)
    body = {"item_id": shown["item"]["id"], "choice": 0}
    state, _, _ = drill_api.submit(state, DrillConfig(), BANK, body, NOW)
    with pytest.raises(DrillError):
        drill_api.submit(state, DrillConfig(), BANK, body, NOW)


def test_days_studied_count_the_japanese_week():
    config = DrillConfig(item_count=50)
    monday_jst = datetime(2026, 11, 22, 15, 30, tzinfo=timezone.utc)  # Monday 00:30 in Japan
    sunday_utc_eve = datetime(2026, 11, 22, 14, 0, tzinfo=timezone.utc)  # still Sunday in Japan
    state = None
    for when in (sunday_utc_eve, monday_jst, monday_jst + timedelta(hours=2), NOW):
        state, _, _ = answer_current(state, config, when)
    assert drill.days_studied_this_week(state, NOW) == 2  # Monday and Friday; Sunday was last week


def test_item_count_is_bounded():
    with pytest.raises(ValueError):
        DrillConfig(item_count=0)


def _study_new_words(count, when):
    """A learner who met ``count`` words (all missed) on one day."""
    config = DrillConfig(item_count=count)
    state = None
    for _ in range(count):
        state, _, _ = answer_current(state, config, when, right=False)
    return drill.start_new_round(state, config)


def test_a_review_backlog_fills_at_most_half_a_round():
    state = _study_new_words(30, NOW)
    config = DrillConfig(item_count=10)
    later = NOW + timedelta(days=3)
    reviewed = 0
    for _ in range(10):
        state, shown = drill_api.present(state, config, BANK, later)
        reviewed += shown["item"]["id"] in state["cards"]
        body = {"item_id": shown["item"]["id"], "choice": 0}
        state, _, _ = drill_api.submit(state, config, BANK, body, later)
    assert reviewed == 5, "30 overdue cards, yet half the round is new words"


def test_after_an_absence_the_freshest_overdue_cards_come_first():
    config = DrillConfig(item_count=3)
    state = _study_new_words(3, NOW)
    day2 = NOW + timedelta(days=2)
    for _ in range(3):
        state, _, _ = answer_current(state, config, day2, right=False)
    state = drill.start_new_round(state, config)
    due = {item_id: card["due"] for item_id, card in state["cards"].items()}
    assert min(due.values()) < max(due.values())
    _, soon = drill_api.present(state, config, BANK, day2 + timedelta(days=1))
    assert due[soon["item"]["id"]] == min(due.values()), "normally the most overdue card comes first"
    _, back = drill_api.present(state, config, BANK, day2 + timedelta(days=30))
    assert due[back["item"]["id"]] == max(due.values()), "after a month away, the freshest comes first"


def test_skills_and_types_narrow_the_drill():
    config = DrillConfig(item_count=5, skills=("vocabulary",), types=("meaning_to_word",))
    _, shown = drill_api.present(None, config, BANK, NOW)
    assert shown["item"]["type"] == "meaning_to_word"
    _, shown = drill_api.present(None, DrillConfig(skills=("listening",), level="N5", types=("nothing",)),
                                 BANK, NOW)
    assert shown["item"] is None


class _Cards(drill.CardStore):
    """Cards in memory, read through the port as a host's table is; counts the reads of ``known``."""

    def __init__(self):
        super().__init__()
        self.rows: dict[str, dict] = {}
        self.known_reads = 0

    def commit(self):
        self.rows.update(self.changed)
        self.changed = {}

    def load(self, item_id):
        return self.rows.get(item_id)

    def known(self, item_ids):
        self.known_reads += 1
        return {i for i in item_ids if i in self.rows}

    def by_due(self, until, latest):
        from curriculum import review

        pairs = sorted(((review.due_at(c), i) for i, c in self.rows.items()
                        if until is None or review.due_at(c) <= until), reverse=latest)
        return ((i, due) for due, i in pairs)

    def met_by_type(self, bank):
        return {}


def test_new_items_come_from_the_kept_frontier_without_reading_which_are_met():
    config, cards = DrillConfig(item_count=10), _Cards()
    state = {**drill.empty_state(), "cards": cards}
    state, _, _ = answer_current(state, config, NOW)  # the first: one read of which items are met
    cards.commit()
    reads = cards.known_reads
    for n in range(5):
        state, payload, _ = answer_current(state, config, NOW + timedelta(minutes=n + 1))
        cards.commit()
        assert payload["next"]["item"]  # the next question came with the answer
    assert cards.known_reads == reads  # then none: the frontier is trusted
    # a card met behind the drill's back at a frontier (a state restored from elsewhere, say): served as
    # new, it is answered as the review it is, and the frontier moves past it
    frontier = state["frontier"]["at"]
    layout = drill._layout(BANK, config)
    kind, ids = next((k, v) for k, v in layout.by_type.items() if frontier.get(k, 0) < len(v))
    stale = ids[frontier.get(kind, 0)]
    cards.rows[stale] = drill.review.new_card(stale, NOW - timedelta(days=9))
    assert drill._unmet(state, cards, layout)[kind] == stale
    reviews = state["round"]["reviews"]
    state = {**state, "pending": stale}
    later = NOW + timedelta(hours=1)
    state, _outcome = drill.answer(state, config, BANK, stale, BANK.get(stale).answer, later)
    assert state["round"]["reviews"] == reviews + 1
    assert state["frontier"]["at"][kind] == frontier.get(kind, 0) + 1
    assert drill._unmet(state, cards, layout)[kind] != stale
