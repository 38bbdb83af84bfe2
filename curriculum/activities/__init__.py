"""The learner activities, one module each, every one implementing ``curriculum.activity``'s contract
(``ACTIVITY``) and describing its one page (``PAGE``). Both hosts find them here by name."""

from __future__ import annotations

from importlib import import_module

#: The activities, by the name both hosts use (the LTI link's ``activity``).
NAMES = ("jlpt_drill", "mock_test", "placement_test", "dialect_lesson", "progress", "grammar_notes")
_MODULES = {"jlpt_drill": "drill"}


def module(name: str):
    """The activity's module (``KeyError`` for a name we do not have)."""
    if name not in NAMES:
        raise KeyError(name)
    return import_module(f"{__name__}.{_MODULES.get(name, name)}")


def get(name: str):
    """The activity's contract (``ACTIVITY``)."""
    return module(name).ACTIVITY
