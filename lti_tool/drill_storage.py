"""Where the LTI tool keeps a learner's drill: a small state row and one row per card.

The whole interface is ``open(learner)`` (inside a transaction: the learner's row, locked) and then
``state()`` / ``save(state, chosen)``. ``state()`` gives the curriculum's state with a ``CardStore``
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

from .activity_flow import joined, split
from .models import DrillCard, DrillProgress

#: Due cards are read this many at first (then four times as many each time); the drill usually
#: takes the first.
DUE_BATCH = 16


class TableCards(CardStore):
    """The cards of one ``DrillProgress`` in ``DrillCard`` rows."""

    def __init__(self, progress_id: int):
        super().__init__()
        self._rows = DrillCard.objects.filter(progress_id=progress_id)
        self._progress_id = progress_id
        self._stored: set[str] = set()  # cards read, so saving knows an UPDATE from an INSERT

    def load(self, item_id: str) -> dict | None:
        card = self._rows.filter(item_id=item_id).values_list("card", flat=True).first()
        if card is not None:
            self._stored.add(item_id)
        return card

    def known(self, item_ids: list[str]) -> set[str]:
        return set(self._rows.filter(item_id__in=item_ids).values_list("item_id", flat=True))

    def by_due(self, until: datetime | None, latest: bool) -> Iterator[tuple[str, datetime]]:
        rows = self._rows if until is None else self._rows.filter(due__lte=until)
        rows = rows.order_by("-due" if latest else "due", "id").values_list("item_id", "due")
        start, size = 0, DUE_BATCH
        while True:  # batches grow fourfold: a long run of ties or of other links' cards costs few reads
            batch = list(rows[start:start + size])
            yield from batch
            if len(batch) < size:
                return
            start, size = start + size, size * 4

    def met_by_type(self, bank: Bank) -> dict[str, int]:
        met: dict[str, int] = {}
        for item_id in self._rows.values_list("item_id", flat=True).iterator():
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
                self._rows.filter(item_id=item_id).update(card=card, due=due)
            else:
                new.append(DrillCard(progress_id=self._progress_id, item_id=item_id, due=due, card=card))
                self._stored.add(item_id)
        if new:
            DrillCard.objects.bulk_create(new)
        self.changed = {}


class DrillStorage:
    """One learner's drill on one link, its row locked until the transaction ends."""

    def __init__(self, progress: DrillProgress):
        self.progress = progress
        self._saved = json.dumps(progress.state, sort_keys=True)

    def state(self) -> tuple[dict | None, str | None]:
        """The core's state (cards in a ``TableCards``) and the learner's language choice."""
        head, chosen = split(self.progress.state or None)
        return {**(head or {}), "cards": TableCards(self.progress.pk)}, chosen

    def save(self, state: dict, chosen: str | None, context_id: str) -> None:
        """The changed cards, and the state row when it changed (an unchanged reload writes nothing)."""
        cards = state["cards"]
        if isinstance(cards, TableCards):
            cards.save()
        head = joined({k: v for k, v in state.items() if k != "cards"}, chosen)
        if json.dumps(head, sort_keys=True) == self._saved and self.progress.context_id == context_id:
            return
        self.progress.state, self.progress.context_id = head, context_id
        self.progress.save(update_fields=["state", "context_id", "updated_at"])
        self._saved = json.dumps(head, sort_keys=True)


def open_for_update(registration, subject: str, resource_link_id: str, context_id: str) -> DrillStorage:
    """The learner's drill on this link, created on first use; call inside ``transaction.atomic``."""
    progress, _created = DrillProgress.objects.select_for_update().get_or_create(
        registration=registration, subject=subject, resource_link_id=resource_link_id,
        defaults={"context_id": context_id})
    return DrillStorage(progress)


def due_by_day(progress_ids: list[int]) -> dict[str, dict]:
    """Per drill (progress ID): its cards' due times, as ``weekly_progress.due_by_day`` reads cards."""
    cards: dict[str, dict] = {str(pk): {} for pk in progress_ids}
    for pk, item_id, due in DrillCard.objects.filter(progress_id__in=progress_ids).values_list(
            "progress_id", "item_id", "due"):
        cards[str(pk)][item_id] = {"due": due.isoformat()}
    return cards
