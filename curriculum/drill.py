"""A drill: practice with immediate feedback and spaced repetition, in rounds of N items.

The state is a plain JSON-safe dict, so the XBlock keeps it in a ``Dict`` field and the LTI
tool in a ``JSONField``. Every function returns a new state and never mutates its input.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass
from datetime import datetime, timedelta

from . import review
from .bank import Bank
from .grading import AnswerError, Result, grade
from .items import Item
from .japan_time import japan_date, monday


class DrillError(ValueError):
    """A submission the drill refuses (not served, replayed, malformed). Nothing changes."""


#: After this long without study, overdue cards come back freshest first (a gentle restart).
ABSENCE = timedelta(days=7)


@dataclass(frozen=True)
class DrillConfig:
    level: str = "N5"
    item_count: int = 10
    skills: tuple[str, ...] = ()  # empty: every skill
    types: tuple[str, ...] = ()  # empty: every item type
    #: Grammar point IDs (curriculum.grammar): only their items (``grammar.items_for``); empty: no limit.
    grammar_points: tuple[str, ...] = ()

    def __post_init__(self):
        if not 1 <= self.item_count <= 100:
            raise ValueError("item_count must be between 1 and 100")

    @property
    def review_cap(self) -> int:
        """At most half a round is reviews while new items remain: a backlog never walls off progress."""
        return max(1, self.item_count // 2)


@dataclass(frozen=True)
class Grade:
    """What a host publishes: Open edX ``grade`` events, LTI AGS scores."""

    earned: int
    possible: int


@dataclass(frozen=True)
class Outcome:
    result: Result
    answered: int
    correct: int
    item_count: int
    round_complete: bool
    grade: Grade | None

    def to_dict(self) -> dict:
        return {
            "correct": self.result.correct,
            "correct_index": self.result.correct_index,
            "explanation": self.result.explanation,
            "answered": self.answered,
            "correct_count": self.correct,
            "item_count": self.item_count,
            "round_complete": self.round_complete,
        }


def empty_state() -> dict:
    return {"cards": {}, "pending": None, "round": _new_round(), "best": 0,
            "rounds_completed": 0, "study_days": []}


def _new_round() -> dict:
    return {"answered": 0, "correct": 0, "seen": [], "reviews": 0}


def _copy(state: dict | None) -> dict:
    """A copy the caller may change. Cards are replaced, never edited in place, so the card map is
    copied shallowly (a deep copy of a thousand cards would cost more than the whole answer)."""
    if not state:
        return empty_state()
    new = dict(state)
    new["cards"] = dict(state["cards"])
    new["round"] = copy.deepcopy(state["round"])
    new["study_days"] = list(state.get("study_days", []))
    return new


def round_complete(state: dict, config: DrillConfig) -> bool:
    return state["round"]["answered"] >= config.item_count


def _fits(item: Item, config: DrillConfig) -> bool:
    """Whether an item belongs to the drill as the author set it now (settings may change)."""
    return (item.level.value == config.level and (not config.skills or item.skill.value in config.skills)
            and (not config.types or item.type.value in config.types)
            and (not config.grammar_points or item.grammar_point in config.grammar_points))


def _candidates(state: dict, config: DrillConfig, bank: Bank) -> list[Item]:
    seen = set(state["round"]["seen"])
    return [i for i in bank.select(config.level, config.skills)
            if i.id not in seen and (not config.types or i.type.value in config.types)
            and (not config.grammar_points or i.grammar_point in config.grammar_points)]


def _next_new(fresh: list[Item], cards: dict, bank: Bank) -> Item:
    """New items take turns by type (reading, then orthography, then meaning…), each in bank order,
    so a learner meets the level's variety instead of hundreds of one format in a row."""
    met: dict[str, int] = {}
    for item_id in cards:
        if item_id in bank:
            kind = bank.get(item_id).type.value
            met[kind] = met.get(kind, 0) + 1
    return min(enumerate(fresh), key=lambda pair: (met.get(pair[1].type.value, 0), pair[0]))[1]


def _choose(state: dict, config: DrillConfig, bank: Bank, now: datetime) -> Item | None:
    """Due reviews first, up to the round's review cap, then new items in bank order.

    Normally the most overdue card comes first. After an absence the least overdue comes first:
    those are the ones the learner still half remembers, so the restart feels like progress.
    """
    candidates = _candidates(state, config, bank)
    cards = state["cards"]
    due = [i for i in candidates if i.id in cards and review.is_due(cards[i.id], now)]
    fresh = [i for i in candidates if i.id not in cards]
    reviews_done = state["round"].get("reviews", 0)
    if due and (reviews_done < config.review_cap or not fresh):
        last = state.get("last_study")
        away = last is not None and now - datetime.fromisoformat(last) >= ABSENCE
        pick = max if away else min
        return pick(due, key=lambda i: review.due_at(cards[i.id]))
    if fresh:
        return _next_new(fresh, cards, bank)
    if candidates:
        return min(candidates, key=lambda i: review.due_at(cards[i.id]))
    return None


def next_item(state: dict | None, config: DrillConfig, bank: Bank,
              now: datetime) -> tuple[dict, Item | None]:
    """The question to show now. A pending question comes back unchanged (reload, lost tab)."""
    state = _copy(state)
    if state["pending"] and state["pending"] in bank and _fits(bank.get(state["pending"]), config):
        return state, bank.get(state["pending"])
    if round_complete(state, config):
        return state, None
    item = _choose(state, config, bank, now)
    state["pending"] = item.id if item else None
    return state, item


def start_new_round(state: dict | None, config: DrillConfig) -> dict:
    """Begin another round once the current one is complete; otherwise nothing changes."""
    state = _copy(state)
    if round_complete(state, config):
        state["round"] = _new_round()
        state["pending"] = None
    return state


def answer(state: dict | None, config: DrillConfig, bank: Bank, item_id: object,
           choice: object, now: datetime) -> tuple[dict, Outcome]:
    """Check the learner's choice for the served item and schedule its next review."""
    state = _copy(state)
    if not isinstance(item_id, str) or item_id != state["pending"]:
        raise DrillError("This question was not served to you, or it was already answered.")
    item = bank.get(item_id)
    try:
        result = grade(item, choice)
    except AnswerError as exc:
        raise DrillError(str(exc)) from None
    was_review = item_id in state["cards"]
    card = state["cards"].get(item_id) or review.new_card(item_id, now)
    state["cards"][item_id] = review.review(card, result.correct, now)
    state["pending"] = None
    rnd = state["round"]
    rnd["answered"] += 1
    rnd["correct"] += int(result.correct)
    rnd["seen"].append(item_id)
    rnd["reviews"] = rnd.get("reviews", 0) + int(was_review)
    state["last_study"] = now.isoformat()
    day = japan_date(now).isoformat()
    if day not in state["study_days"]:
        state["study_days"].append(day)
    done = round_complete(state, config)
    grade_ = None
    if done:
        state["best"] = max(state["best"], rnd["correct"])
        state["rounds_completed"] += 1
        grade_ = Grade(earned=state["best"], possible=config.item_count)
    return state, Outcome(result, rnd["answered"], rnd["correct"], config.item_count, done, grade_)


def days_studied_this_week(state: dict | None, now: datetime) -> int:
    """Days with at least one answer in the current Monday-to-Sunday week, Japan time."""
    today = japan_date(now)
    first = monday(today).toordinal()
    days = (state or {}).get("study_days", [])
    return sum(1 for d in days if first <= datetime.fromisoformat(d).date().toordinal() <= today.toordinal())
