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
    kind: str  # "login" | "answer" | "score" | "seen" (anything else done in the course)
    correct: bool | None = None
    score: float | None = None  # 0–1, for "score"
    issuer: str = ""  # the host: an LTI issuer, or a synced host's name (``openedx``); "" for old callers


#: The ``nihongo sync --source`` names and the names their runs are recorded under.
SOURCE_NAMES = {"lti": "lti_tool", "openedx-logs": "openedx_tracking", "openedx-api": "openedx_api",
                "csv": "csv"}
#: The host name of the Open edX sources: their logs and APIs see the same users and the same logins.
OPENEDX_HOST = "openedx"


class ActivitySource(abc.ABC):
    """A host's records, read incrementally from a checkpoint."""

    name: str
    #: The host names users by username, which is the login ID for accounts we issued.
    subjects_are_usernames: bool = False

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
    #: What the source skipped and why (a corrupt file, an unknown course): named, never silent.
    problems: tuple[str, ...] = ()


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
