"""A drill: practice with immediate feedback and spaced repetition, in rounds of N items.

The state is a plain JSON-safe dict, so the XBlock keeps it in a ``Dict`` field. Its ``cards``
(one per item met) are either a dict inside it, or a ``CardStore``: cards a host keeps in its own
table (the LTI tool), of which the drill reads only the few it needs (one card, the next due, the
first unmet item of each type) and writes only the one it changed. Then the rest of the state is
small and bounded (the round, this week's study days, counters), whatever the learner's history.
Every function returns a new state and never mutates its input (a store records writes instead).
Items of the mock-test forms B and C are never served (``forms.held_out``): those tests stay unseen.
"""

from __future__ import annotations

import copy
import hashlib
import weakref
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta

from . import forms, review
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


class CardStore:
    """A learner's cards kept by the host, read a few at a time; what the drill changes is in ``changed``.

    A host subclasses it over its storage, passes it as ``state["cards"]``, and after the call writes
    ``changed`` (item ID -> card) beside the rest of the state. Reads see the stored cards only.
    """

    def __init__(self):
        self.changed: dict[str, dict] = {}

    # -- what a host implements ---------------------------------------------------------------

    def load(self, item_id: str) -> dict | None:
        """The stored card of ``item_id``, or None."""
        raise NotImplementedError

    def known(self, item_ids: list[str]) -> set[str]:
        """Which of ``item_ids`` have a stored card."""
        raise NotImplementedError

    def by_due(self, until: datetime | None, latest: bool) -> Iterator[tuple[str, datetime]]:
        """(item ID, due) of stored cards due by ``until`` (None: any), earliest first (``latest``:
        latest first). Read lazily: the drill usually stops after the first few."""
        raise NotImplementedError

    def met_by_type(self, bank: Bank) -> dict[str, int]:
        """Cards per item type (items in ``bank``): only for a state kept before the counter existed."""
        raise NotImplementedError

    # -- what the drill uses ------------------------------------------------------------------

    def get(self, item_id: str, default=None):
        if item_id in self.changed:
            return self.changed[item_id]
        card = self.load(item_id)
        return default if card is None else card

    def __contains__(self, item_id: object) -> bool:
        return isinstance(item_id, str) and self.get(item_id) is not None

    def __setitem__(self, item_id: str, card: dict) -> None:
        self.changed[item_id] = card


@dataclass(frozen=True)
class _Layout:
    """A drill's candidates as the bank orders them, grouped by item type, and a fingerprint of both."""

    items: list[Item]
    position: dict[str, int]
    by_type: dict[str, list[str]]
    key: str


_LAYOUTS: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def _layout(bank: Bank, config: DrillConfig) -> _Layout:
    """Computed once per bank and settings (the bank never changes once loaded)."""
    cached = _LAYOUTS.setdefault(bank, {})
    key = (config.level, config.skills, config.types, config.grammar_points)
    if key not in cached:
        held = forms.held_out(bank)  # mock-test forms B and C: never practised (curriculum.forms)
        items = [i for i in bank.select(config.level, config.skills)
                 if i.id not in held and (not config.types or i.type.value in config.types)
                 and (not config.grammar_points or i.grammar_point in config.grammar_points)]
        by_type: dict[str, list[str]] = {}
        for item in items:
            by_type.setdefault(item.type.value, []).append(item.id)
        digest = hashlib.sha1("\n".join(i.id for i in items).encode()).hexdigest()[:16]
        cached[key] = _Layout(items, {i.id: n for n, i in enumerate(items)}, by_type, digest)
    return cached[key]


def _known(cards, item_ids: list[str]) -> set[str]:
    if isinstance(cards, CardStore):
        return cards.known(item_ids) if item_ids else set()
    return {i for i in item_ids if i in cards}


def _first_due(cards, until: datetime | None, latest: bool, position: dict[str, int],
               seen: set[str]) -> str | None:
    """The earliest due card among the candidates not seen this round (``latest``: the latest due),
    due by ``until`` (None: any); cards due at the same moment go in bank order."""
    if not isinstance(cards, CardStore):
        found = None
        for item_id, card in cards.items():
            pos = position.get(item_id)
            if pos is None or item_id in seen or (until is not None and not review.is_due(card, until)):
                continue
            due = review.due_at(card)
            key = (-due.timestamp(), pos) if latest else (due, pos)
            if found is None or key < found[0]:
                found = (key, item_id)
        return found[1] if found else None
    best = None
    for item_id, due in cards.by_due(until, latest):
        pos = position.get(item_id)
        if pos is None or item_id in seen:
            continue
        if best is None:
            best = (due, pos, item_id)
        elif due != best[0]:
            break
        elif pos < best[1]:
            best = (due, pos, item_id)
    return best[2] if best else None


def _unmet(state: dict, cards, layout: _Layout) -> dict[str, str]:
    """The first item of each type without a card (new items come in bank order within a type).

    With a ``CardStore`` the state keeps, per type, how far the items are known to be met (valid for
    these settings and this bank only, hence the fingerprint). Only new items are met through the drill,
    always at their type's frontier (``_advance``), so a kept frontier is trusted without a read; one that
    is not (new settings, a new bank, a state written before frontiers) is found by one read of which
    candidates are met. Should a kept frontier ever point at a met item, answering it moves the frontier
    on (``answer``): the learner meets it once more as a review, nothing worse.
    """
    if not isinstance(cards, CardStore):
        firsts = {}
        for kind, ids in layout.by_type.items():
            first = next((i for i in ids if i not in cards), None)
            if first is not None:
                firsts[kind] = first
        return firsts
    kept = state.get("frontier") or {}
    at = dict(kept.get("at") or {}) if kept.get("key") == layout.key else None
    if at is None:  # new settings or a new bank: one read of which candidates are met, then kept
        met = _known(cards, [i.id for i in layout.items])
        at = {kind: next((n for n, i in enumerate(ids) if i not in met), len(ids))
              for kind, ids in layout.by_type.items()}
        state["frontier"] = {"key": layout.key, "at": at}
    return {kind: ids[at.get(kind, 0)] for kind, ids in layout.by_type.items() if at.get(kind, 0) < len(ids)}


def _advance(state: dict, layout: _Layout, item: Item) -> None:
    """A new item was met: if it is its type's next new item, the frontier moves past it."""
    kept = state.get("frontier") or {}
    at = kept.get("at") or {}
    ids = layout.by_type.get(item.type.value, [])
    n = at.get(item.type.value, 0)
    if kept.get("key") == layout.key and n < len(ids) and ids[n] == item.id:
        state["frontier"] = {"key": layout.key, "at": {**at, item.type.value: n + 1}}


def _met_by_type(state: dict, cards, bank: Bank) -> dict[str, int]:
    """Cards per item type: counted in a dict of cards, kept as a counter beside a ``CardStore``."""
    if isinstance(cards, CardStore):
        if "met" not in state:
            state["met"] = cards.met_by_type(bank)
        return state["met"]
    met: dict[str, int] = {}
    for item_id in cards:
        if item_id in bank:
            kind = bank.get(item_id).type.value
            met[kind] = met.get(kind, 0) + 1
    return met


def empty_state() -> dict:
    return {"cards": {}, "pending": None, "round": _new_round(), "best": 0,
            "rounds_completed": 0, "study_days": []}


def _new_round() -> dict:
    return {"answered": 0, "correct": 0, "seen": [], "reviews": 0}


def _copy(state: dict | None) -> dict:
    """A copy the caller may change. Cards are replaced, never edited in place, so the card map is
    copied shallowly (a deep copy of a thousand cards would cost more than the whole answer)."""
    cards = (state or {}).get("cards")
    if not state or "round" not in state:  # a new learner (a store may come with no other state)
        new = empty_state()
        if isinstance(cards, CardStore):
            new["cards"], new["met"] = cards, {}
        return new
    new = dict(state)
    new["cards"] = cards if isinstance(cards, CardStore) else dict(cards)
    new["round"] = copy.deepcopy(state["round"])
    new["study_days"] = list(state.get("study_days", []))
    return new


def round_complete(state: dict, config: DrillConfig) -> bool:
    return state["round"]["answered"] >= config.item_count


def _fits(item: Item, config: DrillConfig, bank: Bank) -> bool:
    """Whether an item belongs to the drill as the author set it now (settings may change), and is not
    held out for a mock-test form."""
    return (item.level.value == config.level and item.id not in forms.held_out(bank)
            and (not config.skills or item.skill.value in config.skills)
            and (not config.types or item.type.value in config.types)
            and (not config.grammar_points or item.grammar_point in config.grammar_points))


def _choose(state: dict, config: DrillConfig, bank: Bank, now: datetime) -> Item | None:
    """Due reviews first, up to the round's review cap, then new items in bank order.

    Normally the most overdue card comes first. After an absence the least overdue comes first:
    those are the ones the learner still half remembers, so the restart feels like progress.
    New items take turns by type (reading, then orthography, then meaning…), each in bank order,
    so a learner meets the level's variety instead of hundreds of one format in a row.
    """
    layout = _layout(bank, config)
    cards, seen = state["cards"], set(state["round"]["seen"])
    unmet = _unmet(state, cards, layout)
    reviews_done = state["round"].get("reviews", 0)
    if reviews_done < config.review_cap or not unmet:
        last = state.get("last_study")
        away = last is not None and now - datetime.fromisoformat(last) >= ABSENCE
        due = _first_due(cards, now, away, layout.position, seen)
        if due:
            return bank.get(due)
    if unmet:
        met = _met_by_type(state, cards, bank)
        return bank.get(min(unmet.values(), key=lambda i: (met.get(bank.get(i).type.value, 0),
                                                           layout.position[i])))
    rest = _first_due(cards, None, False, layout.position, seen)
    return bank.get(rest) if rest else None


def next_item(state: dict | None, config: DrillConfig, bank: Bank,
              now: datetime) -> tuple[dict, Item | None]:
    """The question to show now. A pending question comes back unchanged (reload, lost tab)."""
    state = _copy(state)
    if state["pending"] and state["pending"] in bank and _fits(bank.get(state["pending"]), config, bank):
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
    cards = state["cards"]
    card = cards.get(item_id)
    was_review = card is not None
    cards[item_id] = review.review(card or review.new_card(item_id, now), result.correct, now)
    if not was_review and isinstance(cards, CardStore):
        met = dict(_met_by_type(state, cards, bank))
        met[item.type.value] = met.get(item.type.value, 0) + 1
        state["met"] = met
    if isinstance(cards, CardStore):  # a new item, or a kept frontier that pointed at a met one
        _advance(state, _layout(bank, config), item)
    state["pending"] = None
    rnd = state["round"]
    rnd["answered"] += 1
    rnd["correct"] += int(result.correct)
    rnd["seen"].append(item_id)
    rnd["reviews"] = rnd.get("reviews", 0) + int(was_review)
    state["last_study"] = now.isoformat()
    day = japan_date(now).isoformat()
    # Only this week's days are ever shown (days_studied_this_week): the list stays a week long.
    week = monday(japan_date(now)).isoformat()
    state["study_days"] = [d for d in state["study_days"] if d >= week]
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
