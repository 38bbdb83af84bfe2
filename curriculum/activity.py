"""The one contract every learner activity implements, whichever host serves it.

An activity (the drill, the mock test, the placement test, My week, a dialect lesson) is a module of
``curriculum/activities/`` exposing ``ACTIVITY``, an object with:

- ``name``: the tag used by both hosts (the XBlock's entry point, the LTI link's ``activity``);
- ``page``: its ``Page`` — where its template, CSS, JS and catalogue are, its UI strings, and
  ``context``, the one function that turns a screen into what the template prints (both hosts call it);
- ``errors``: the exceptions its methods raise for bad input (a host answers them with a 400 and saves
  nothing);
- ``settings(raw)``: the author's settings (an XBlock's fields, an LTI link's custom parameters, as
  strings) parsed into the activity's typed settings, or ``SettingsError`` with a message for the author;
- ``present``, ``answer``, ``restart``, ``change_language``: each takes the learner's saved state (or
  None the first time), the settings and a ``Context``, and returns a ``Step``.

A host stores ``Step.state`` as it is (JSON), sends ``Step.screen`` to the page, records
``Step.answered``, publishes ``Step.grade`` and keeps ``Step.finished``. The state belongs to the
activity's module: a host never reads inside it. Time, randomness, the language and the item bank come
in through the ``Context``; nothing here reads a clock or a global.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Protocol

from .bank import Bank
from .drill import Grade
from .languages import LANGUAGES

#: A learner's saved state, as the activity's module writes it (JSON-able; hosts store it untouched).
State = dict[str, Any]


class SettingsError(ValueError):
    """Settings an author gave that the activity cannot run with (the message says what to change)."""


class LanguageError(ValueError):
    """A language switch posted something other than one of our languages (a 400 for the host)."""


def chosen_language(data: object) -> str:
    """The code a switch posted (``{"language": "vi"}``); ``LanguageError`` with a message otherwise."""
    code = data.get("language") if isinstance(data, dict) else None
    if not isinstance(data, dict) or set(data) != {"language"} or code not in LANGUAGES:
        raise LanguageError(f'Send {{"language": "<code>"}} with one of {", ".join(LANGUAGES)}.')
    return code


@dataclass(frozen=True)
class Context:
    """What an activity may use besides the learner's state: passed in, never read from globals."""

    now: datetime
    language: str = "en"
    bank: Bank | None = None
    rng: random.Random = field(default_factory=random.Random, compare=False, repr=False)

    def __post_init__(self):
        if self.now.tzinfo is None:
            raise ValueError("now must be timezone-aware")
        if self.language not in LANGUAGES:
            raise ValueError(f"language must be one of {', '.join(LANGUAGES)}, not {self.language!r}")


@dataclass(frozen=True)
class Answered:
    """One answer the server checked: what the hosts record (LTI answer rows, Open edX events)."""

    item_id: str
    correct: bool


@dataclass(frozen=True)
class Finished:
    """An attempt that has just ended: what a manager's view and the learner's record keep.

    ``summary`` holds no personal data and no answer key (a level and plan, a mock test's report).
    """

    score: float
    passed: bool | None = None
    summary: Mapping[str, Any] = field(default_factory=dict)

    def __post_init__(self):
        if not 0.0 <= self.score <= 1.0:
            raise ValueError("score is a fraction from 0 to 1")


@dataclass(frozen=True)
class Step:
    """What one call of the contract returns."""

    state: State
    screen: dict[str, Any]
    answered: tuple[Answered, ...] = ()
    grade: Grade | None = None
    finished: Finished | None = None


@dataclass(frozen=True)
class Page:
    """The activity's one page, the same in every host.

    ``package`` holds ``templates/<template>``, ``css``, ``js`` and ``translations/`` (the XBlock's own
    static assets and gettext catalogue, which Open edX serves and loads from there); ``text`` maps the
    keys the template and the JS read to English source strings; ``context(title, screen, text, urls,
    language)`` is what the template gets, given ``text`` already translated. ``handlers`` maps each
    endpoint the page's JS calls (an XBlock handler, an LTI URL of the same name) to the contract's call
    that answers it (``present``, ``answer``, ``restart``, ``change_language`` or an activity's own
    action). ``init`` is the JS initializer Open edX calls; ``mount`` the JS object whose ``mount(root)``
    other hosts call on the element of class ``root``.
    """

    package: str
    template: str
    css: str
    js: str | None
    init: str | None
    mount: str | None
    root: str
    default_title: str
    text: Mapping[str, str]
    handlers: Mapping[str, str]
    context: Callable[..., dict]


class Activity(Protocol):
    """What ``curriculum/activities/<name>.py`` exposes as ``ACTIVITY``."""

    name: str
    page: Page
    errors: tuple[type[Exception], ...]

    def settings(self, raw: Mapping[str, str]) -> Any: ...

    def present(self, state: State | None, settings: Any, ctx: Context) -> Step: ...

    def answer(self, state: State | None, settings: Any, data: object, ctx: Context) -> Step: ...

    def restart(self, state: State | None, settings: Any, ctx: Context) -> Step: ...

    def change_language(self, state: State | None, settings: Any, ctx: Context) -> Step: ...
