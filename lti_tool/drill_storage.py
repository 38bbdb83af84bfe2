"""Where the LTI tool keeps a learner's drill: a small state row and one row per card.

The whole interface is ``open(learner)`` (inside a transaction: the learner's row, locked, with the
card of the item being answered) and then ``state()`` / ``save(state, chosen)`` / ``flush()`` (what
was saved, to the database in one go). ``state()`` gives the curriculum's state with a ``CardStore``
as its cards, so the core reads the few cards it needs (the answered one, the next due through the
index on ``due``, the first unmet item of each type) and an answer writes its own card only. The
cost of an answer does not grow with the learner's history (benchmarks/lti_answers.py measures it).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import datetime

from curriculum.bank import Bank
from curriculum.drill import CardStore

from . import statements
from .activity_flow import joined, split
from .models import DrillCard, DrillProgress

#: Due cards are read this many at first (then four times as many each time); the drill usually
#: takes the first.
DUE_BATCH = 16


class TableCards(CardStore):
    """The cards of one ``DrillProgress`` in ``DrillCard`` rows (read and written by ``statements``)."""

    def __init__(self, progress_id: int, writes: statements.Writes | None = None,
                 read: dict[str, dict | None] | None = None):
        super().__init__()
        self._progress_id = progress_id
        self._writes = writes  # None: each write at once
        self._read = dict(read or {})  # cards already read with the state row (the answered item's)
        self._stored: set[str] = set()  # cards read, so saving knows an UPDATE from an INSERT

    def load(self, item_id: str) -> dict | None:
        if item_id in self._read:
            card = self._read.pop(item_id)
        else:
            card = statements.card(self._progress_id, item_id)
        if card is not None:
            self._stored.add(item_id)
        return card

    def known(self, item_ids: list[str]) -> set[str]:
        return statements.known(self._progress_id, item_ids)

    def by_due(self, until: datetime | None, latest: bool) -> Iterator[tuple[str, datetime]]:
        start, size = 0, DUE_BATCH
        while True:  # batches grow fourfold: a long run of ties or of other links' cards costs few reads
            batch = statements.by_due(self._progress_id, until, latest, start, size)
            yield from batch
            if len(batch) < size:
                return
            start, size = start + size, size * 4

    def met_by_type(self, bank: Bank) -> dict[str, int]:
        met: dict[str, int] = {}
        rows = DrillCard.objects.filter(progress_id=self._progress_id)  # a state older than the counter: once
        for item_id in rows.values_list("item_id", flat=True).iterator():
            if item_id in bank:
                kind = bank.get(item_id).type.value
                met[kind] = met.get(kind, 0) + 1
        return met

    def save(self) -> None:
        """One UPDATE per changed card (one per answer), one INSERT for the new ones."""
        new = []
        for item_id, card in self.changed.items():
            due = datetime.fromisoformat(card["due"])
            if item_id in self._stored:
                statements.update_card(self._progress_id, item_id, card, due, self._writes)
            else:
                new.append((item_id, card, due))
                self._stored.add(item_id)
        statements.insert_cards(self._progress_id, new, self._writes)
        self.changed = {}


class DrillStorage:
    """One learner's drill on one link, its row locked until the transaction ends.

    What a use case writes (cards, the state row, the answer record, a round end's score) waits in
    ``writes`` until ``flush``, the use case's last step inside its transaction: on PostgreSQL it all
    goes to the database in one round trip (``statements.Writes``)."""

    def __init__(self, progress_id: int, state: dict, context_id: str,
                 read: dict[str, dict | None] | None = None):
        self.progress_id = progress_id
        self._state, self._context_id = state, context_id
        self._saved = json.dumps(state, sort_keys=True)
        self._read = read or {}
        self.writes = statements.Writes()

    def state(self) -> tuple[dict | None, str | None]:
        """The core's state (cards in a ``TableCards``) and the learner's language choice."""
        head, chosen = split(self._state or None)
        return {**(head or {}), "cards": TableCards(self.progress_id, self.writes, self._read)}, chosen

    def flush(self) -> None:
        """Everything written since the last flush, to the database (call before the transaction ends)."""
        self.writes.run()

    def save(self, state: dict, chosen: str | None, context_id: str) -> None:
        """The changed cards, and the state row when it changed (an unchanged reload writes nothing)."""
        cards = state["cards"]
        if isinstance(cards, TableCards):
            cards.save()
        head = joined({k: v for k, v in state.items() if k != "cards"}, chosen)
        saved = json.dumps(head, sort_keys=True)
        if saved == self._saved and self._context_id == context_id:
            return
        statements.save_progress(self.progress_id, head, context_id, self.writes)
        self._state, self._context_id, self._saved = head, context_id, saved


def open_for_update(registration, subject: str, resource_link_id: str, context_id: str,
                    item_id: str | None = None) -> DrillStorage:
    """The learner's drill on this link, created on first use; call inside ``transaction.atomic``.
    ``item_id``: the item about to be answered, whose card is read in the same statement."""
    row = statements.progress_row(registration.pk, subject, resource_link_id, item_id=item_id)
    if row is None:  # first use: the ORM's get_or_create (two learners' tabs racing are both served)
        progress, _created = DrillProgress.objects.select_for_update().get_or_create(
            registration=registration, subject=subject, resource_link_id=resource_link_id,
            defaults={"context_id": context_id})
        return DrillStorage(progress.pk, progress.state, progress.context_id)
    progress_id, state, stored_context, card = row
    return DrillStorage(progress_id, state, stored_context, {} if item_id is None else {item_id: card})


def record_answer(storage: DrillStorage, record, item_id: str, correct: bool, now: datetime) -> None:
    """The ``AnswerRecord`` of one accepted answer on the launch ``record``'s link (written at ``flush``)."""
    statements.insert_answer(record.registration_id, record.subject, record.context_id,
                             record.resource_link_id, item_id, correct, now, storage.writes)


def due_by_day(progress_ids: list[int]) -> dict[str, dict]:
    """Per drill (progress ID): its cards' due times, as ``weekly_progress.due_by_day`` reads cards."""
    cards: dict[str, dict] = {str(pk): {} for pk in progress_ids}
    for pk, item_id, due in DrillCard.objects.filter(progress_id__in=progress_ids).values_list(
            "progress_id", "item_id", "due"):
        cards[str(pk)][item_id] = {"due": due.isoformat()}
    return cards
