"""The port every connector implements."""

from __future__ import annotations

import abc
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True)
class ActivityEvent:
    """One thing a learner did in a host, as the sync needs it."""

    subject: str  # the learner's user ID in that host
    at: datetime  # aware
    kind: str  # "login" | "answer" | "score"
    correct: bool | None = None
    score: float | None = None  # 0–1, for "score"


class ActivitySource(abc.ABC):
    """A host's records, read incrementally from a checkpoint."""

    name: str

    @abc.abstractmethod
    def events_since(self, checkpoint: dict) -> tuple[Iterator[ActivityEvent], dict]:
        """Events recorded after ``checkpoint`` and the checkpoint to store once they are applied."""
