"""What the LTI tool needs of the programme, as a port: the tool never imports the programme's models.

The composition root wires an implementation in settings (``NIHONGO_PROGRAMME_PORT``, a dotted path to a
``ProgrammePort`` subclass); without one, the tool runs standalone: everyone may study, nobody has a status.
"""

from __future__ import annotations

import abc
from dataclasses import dataclass, field
from datetime import date
from functools import cache

from django.conf import settings
from django.utils.module_loading import import_string

STOPPED_MESSAGE = ("Your place in the Kagoshima Nihongo programme has ended. "
                   "Please talk to your company's learning-support person.")


@dataclass(frozen=True)
class CompanyStatus:
    """Where the learners' company stands with the weekly rule (P6): for the manager's banner."""

    warnings: int = 0  # warnings the company received (one per week with a learner who did not study)
    last_warning_week: date | None = None  # Monday of the last week warned about
    watch_ends: date | None = None  # a warning's two-month watch runs until this day
    stopped_on: date | None = None  # the company's learners were stopped on this day


@dataclass(frozen=True)
class ProgrammeStatus:
    """The programme's view of some learners, by their LMS subject: warnings received, who is stopped,
    and their company's standing."""

    warnings: dict[str, int] = field(default_factory=dict)
    stopped: frozenset[str] = frozenset()
    company: CompanyStatus | None = None


class ProgrammePort(abc.ABC):
    """The programme's answers to the tool's questions."""

    def identify(self, issuer: str, subject: str, hints: dict[str, str]) -> None:
        """A learner launched: link the platform's user to the programme's learner, from the claims
        that can name them (``lti_tool.identity.hints``); the programme keeps the ones it cannot."""
        return None

    @abc.abstractmethod
    def may_study(self, issuer: str, subject: str) -> bool:
        """False when the programme stopped this learner (PROGRAMME P6); unknown users may study."""

    @abc.abstractmethod
    def status_of(self, issuer: str, subjects: set[str]) -> ProgrammeStatus:
        """Warnings and stops for these LMS subjects, and their company's standing (the manager's view)."""

    def record_access(self, *, issuer: str, viewer: str, subjects: set[str], what: str, where: str) -> None:
        """Note that ``viewer`` saw or downloaded these learners' names and progress (the programme's audit of
        personal-data access); a tool without a programme records nothing."""
        return None


class Standalone(ProgrammePort):
    """No programme behind the tool: every launch may study, nobody is warned."""

    def may_study(self, issuer: str, subject: str) -> bool:
        return True

    def status_of(self, issuer: str, subjects: set[str]) -> ProgrammeStatus:
        return ProgrammeStatus()


@cache
def _port_class(path: str) -> type[ProgrammePort]:
    found = import_string(path)
    if not (isinstance(found, type) and issubclass(found, ProgrammePort)):
        raise TypeError(f"NIHONGO_PROGRAMME_PORT={path!r} is not a ProgrammePort subclass")
    return found


def programme() -> ProgrammePort:
    """The port wired in settings."""
    path = getattr(settings, "NIHONGO_PROGRAMME_PORT", "")
    return _port_class(path)() if path else Standalone()
