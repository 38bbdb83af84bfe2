"""Spaced repetition with FSRS (the ``fsrs`` package): one card per item and learner."""

from __future__ import annotations

import hashlib
from datetime import datetime, timezone

from fsrs import Card, Rating, Scheduler

# Fuzzing draws from the global random generator; intervals must be reproducible, so it is off.
_SCHEDULER = Scheduler(enable_fuzzing=False)


def new_card(item_id: str, now: datetime) -> dict:
    """A card for an item the learner has not seen, due now."""
    card_id = int(hashlib.sha1(item_id.encode()).hexdigest()[:12], 16)
    return Card(card_id=card_id, due=now).to_dict()


def review(card: dict, correct: bool, now: datetime) -> dict:
    """The card after one answer: Good when right, Again when wrong. Returns a new dict."""
    rating = Rating.Good if correct else Rating.Again
    updated, _log = _SCHEDULER.review_card(Card.from_dict(card), rating, review_datetime=now)
    return updated.to_dict()


def due_at(card: dict) -> datetime:
    return datetime.fromisoformat(card["due"])


def is_due(card: dict, now: datetime) -> bool:
    """Cheap: fsrs writes UTC ISO times, which compare as strings in time order."""
    due = card["due"]
    if due.endswith("+00:00"):
        return due <= now.astimezone(timezone.utc).isoformat()
    return due_at(card) <= now
