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


@dataclass(frozen=True)
class Page:
    """One page (or file, or slice of a file) of a source, and the checkpoint just after it."""

    events: list[ActivityEvent]
    checkpoint: dict
    done: int  # pages done so far in this run, for the progress bar
    total: int  # the source's best estimate of this run's pages (may grow as it learns)


class PagedSource(ActivitySource):
    """A source that can be committed page by page."""

    @abc.abstractmethod
    def pages(self, checkpoint: dict) -> Iterator[Page]:
        """Pages after ``checkpoint``, in order; each carries the checkpoint to store with it."""

    def events_since(self, checkpoint: dict) -> tuple[Iterator[ActivityEvent], dict]:
        events, last = [], checkpoint
        for page in self.pages(checkpoint):
            events.extend(page.events)
            last = page.checkpoint
        return iter(events), last
