"""The drill's cards in the XBlock: 128 small per-group fields instead of one field that grows.

An answer changes one card, so it should write one card's worth, not the learner's whole history.
XBlock runtimes write a block's ``user_state`` fields together (the Open edX LMS keeps them in one
``StudentModule`` row, the workbench in one ``XBlockState`` row), so cards kept there would be
rewritten whole on every answer whatever their encoding: 1,700 cards are some 140 KB. The LMS keeps
``Scope.preferences`` fields one row per field (``XModuleStudentPrefsField``: block type, field name,
user), so the cards live in ``GROUPS`` preference fields, an item always in the same group (a hash
of its ID), each group holding ``{block: {item ID: compact card}}``: an answer writes the block's
small state plus one group, about 1/128 of the cards (benchmarks/xblock_answers.py measures it).

The compact card is FSRS's card as a list, times in microseconds since the epoch: nothing is
rounded, and ``decode(encode(card)) == card`` (the card ID is the item's hash, as ``review.new_card``
makes it). The workbench keeps all preference fields of a block type in one row, so there the
bytes written stay proportional to the history; the benchmark prints both.
"""

from __future__ import annotations

import hashlib
import heapq
from collections.abc import Iterator
from datetime import datetime, timedelta, timezone

from xblock.core import XBlockMixin
from xblock.fields import Dict, Scope

from curriculum.bank import Bank
from curriculum.drill import CardStore

GROUPS = 128
EPOCH = datetime(1970, 1, 1, tzinfo=timezone.utc)
FIELDS = tuple(f"nihongo_cards_{g:03d}" for g in range(GROUPS))
MINUTE = 60_000_000  # microseconds


def group_of(item_id: str) -> str:
    return FIELDS[int(hashlib.sha1(item_id.encode()).hexdigest()[:8], 16) % GROUPS]


def block_key(usage_id: object) -> str:
    """A short, stable key for one block inside a group (usage IDs are long)."""
    return hashlib.sha1(str(usage_id).encode()).hexdigest()[:12]


def _micros(moment: str | None) -> int | None:
    if moment is None:
        return None
    return (datetime.fromisoformat(moment) - EPOCH) // timedelta(microseconds=1)


def _iso(micros: int | None) -> str | None:
    return None if micros is None else (EPOCH + timedelta(microseconds=micros)).isoformat()


def encode(card: dict) -> list:
    return [card["state"], card["step"], card["stability"], card["difficulty"], _micros(card["due"]),
            _micros(card.get("last_review"))]


def decode(item_id: str, packed: list) -> dict:
    state, step, stability, difficulty, due, last = packed
    return {"card_id": int(hashlib.sha1(item_id.encode()).hexdigest()[:12], 16), "state": state,
            "step": step, "stability": stability, "difficulty": difficulty, "due": _iso(due),
            "last_review": _iso(last)}


def _exact(card: dict, item_id: str) -> bool:
    """Whether ``card`` survives the compact form unchanged (cards made by ``review`` always do)."""
    try:
        return decode(item_id, encode(card)) == card
    except (KeyError, TypeError, ValueError):
        return False


#: One preference field per group, and the block's index of them; mixed into the drill block.
CardFields = type("CardFields", (XBlockMixin,), {
    "__doc__": "The drill's cards, one preference field per group (see xblocks/jlpt_drill/cards.py).",
    "card_index": Dict(default={}, scope=Scope.user_state,
                       help="Each card group's earliest due time for this block (cards.FieldCards)."),
    **{name: Dict(default={}, scope=Scope.preferences,
                  help="Drill cards of the items in this group: {block: {item ID: compact FSRS card}}.")
       for name in FIELDS},
})


class FieldCards(CardStore):
    """The cards of one drill block for one learner, in the block's group fields.

    ``block.card_index`` (a small ``user_state`` field) keeps each group's earliest due time, so the
    next due card is found by reading the one or two groups that can hold it, not all of them.
    """

    def __init__(self, block):
        super().__init__()
        self._block = block
        self._key = block_key(block.scope_ids.usage_id)
        self.read: dict[str, dict | None] = {}  # the cards as they were before this request changed them

    def _mine(self, field: str) -> dict:
        return getattr(self._block, field).get(self._key, {})

    def load(self, item_id: str) -> dict | None:
        packed = self._mine(group_of(item_id)).get(item_id)
        card = None if packed is None else packed if isinstance(packed, dict) else decode(item_id, packed)
        self.read.setdefault(item_id, card)
        return card

    def known(self, item_ids: list[str]) -> set[str]:
        return {i for i in item_ids if i in self._mine(group_of(i))}

    def _all(self) -> Iterator[tuple[str, object]]:
        for field in FIELDS:
            yield from self._mine(field).items()

    def _due(self, packed) -> datetime:
        if isinstance(packed, dict):
            return datetime.fromisoformat(packed["due"])
        return EPOCH + timedelta(microseconds=packed[4])

    def _index(self) -> list:
        """Each group's earliest due minute (a lower bound; None: no card of this block there), built
        once for a block that has none: ``{"block": key, "first": [128 minutes]}``, some 1.2 KB."""
        index = self._block.card_index
        if index.get("block") != self._key or len(index.get("first") or ()) != GROUPS:
            first = []
            for field in FIELDS:
                dues = [self._micros_of(packed) for packed in self._mine(field).values()]
                first.append(min(dues) // MINUTE if dues else None)
            index = {"block": self._key, "first": first}
            self._block.card_index = index
        return list(index["first"])

    def _micros_of(self, packed) -> int:
        return (self._due(packed) - EPOCH) // timedelta(microseconds=1)

    def by_due(self, until: datetime | None, latest: bool) -> Iterator[tuple[str, datetime]]:
        """Earliest first: groups are read in the order of their earliest card, only while they can
        still hold the next one. Latest first (after an absence) reads them all."""
        if latest:
            found = [(item_id, self._due(packed)) for item_id, packed in self._all()]
            if until is not None:
                found = [(i, due) for i, due in found if due <= until]
            yield from sorted(found, key=lambda pair: pair[1], reverse=True)
            return
        limit = None if until is None else (until - EPOCH) // timedelta(microseconds=1)
        groups = sorted((first * MINUTE, FIELDS[n]) for n, first in enumerate(self._index())
                        if first is not None)
        ready: list[tuple[int, str]] = []
        for first, field in groups:
            while ready and ready[0][0] < first:
                micros, item_id = heapq.heappop(ready)
                yield item_id, EPOCH + timedelta(microseconds=micros)
            if limit is not None and first > limit:
                break
            for item_id, packed in self._mine(field).items():
                micros = self._micros_of(packed)
                if limit is None or micros <= limit:
                    heapq.heappush(ready, (micros, item_id))
        while ready:
            micros, item_id = heapq.heappop(ready)
            yield item_id, EPOCH + timedelta(microseconds=micros)

    def met_by_type(self, bank: Bank) -> dict[str, int]:
        met: dict[str, int] = {}
        for item_id, _packed in self._all():
            if item_id in bank:
                kind = bank.get(item_id).type.value
                met[kind] = met.get(kind, 0) + 1
        return met

    def due_days_changed(self, by_day: dict[str, int]) -> dict[str, int]:
        """``weekly_progress.due_by_day`` after this request's changes, from its value before them:
        each changed card leaves its old due day and counts on its new one (no other card is read)."""
        from curriculum.japan_time import japan_date

        by_day = dict(by_day)
        for item_id, card in self.changed.items():
            old = self.read.get(item_id)
            if old is not None:
                day = japan_date(datetime.fromisoformat(old["due"])).isoformat()
                by_day[day] = by_day.get(day, 0) - 1
                if by_day[day] <= 0:
                    del by_day[day]
            day = japan_date(datetime.fromisoformat(card["due"])).isoformat()
            by_day[day] = by_day.get(day, 0) + 1
        return by_day

    def due_view(self) -> dict[str, dict]:
        """Every card's due time, as ``weekly_progress.due_by_day`` reads cards."""
        return {item_id: {"due": self._due(packed).isoformat()} for item_id, packed in self._all()}

    def adopt(self, cards: dict) -> None:
        """Take the cards of an older state (one dict in ``drill_state``) into the groups: none dropped."""
        self.changed.update(cards)
        self.save()

    def save(self) -> None:
        """Write the groups of the changed cards, and only those."""
        by_field: dict[str, dict] = {}
        for item_id, card in self.changed.items():
            field = group_of(item_id)
            if field not in by_field:
                group = getattr(self._block, field)
                by_field[field] = {**group, self._key: dict(group.get(self._key, {}))}
            by_field[field][self._key][item_id] = encode(card) if _exact(card, item_id) else card
        first = self._index()
        for field, group in by_field.items():
            setattr(self._block, field, group)
            dues = [self._micros_of(packed) for packed in group[self._key].values()]
            first[FIELDS.index(field)] = min(dues) // MINUTE
        if by_field:
            self._block.card_index = {"block": self._key, "first": first}
        self.changed = {}
