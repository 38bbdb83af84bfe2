"""The survey form's own words (buttons, messages) in the six help languages.

Survey content lives in ``catalogue.py``; these are the few strings around it. The English source is
here; the translations are gettext catalogues beside it (``locale/<lang>/LC_MESSAGES/django.po``, which a
translator edits; ``python -m xblocks.common.catalogue`` compiles the ``.mo``). They are read on their
own, not through Django's merged catalogue, so another app's "Send" never replaces ours. A test checks
every language is complete and every ``.mo`` current.
"""

from __future__ import annotations

import gettext
from collections.abc import Mapping
from functools import cache
from pathlib import Path

from curriculum import languages

LOCALE = Path(__file__).resolve().parent / "locale"

#: The form's words by key, in English (the catalogues' source).
SOURCE: dict[str, str] = {
    "optional": "optional",
    "send": "Send",
    "fix_below": "Some answers need fixing: see the red messages below.",
    "pick_scale": "Choose a number from 1 to 5.",
    "pick_one": "Choose one answer.",
    "write": "Please write an answer.",
    "too_long": "Please shorten this to {max} characters or fewer (now {n}).",
    "thanks_title": "Thank you!",
    "thanks": "Your answers were received.",
    "already": "Your answers were already received. You do not need to send them again.",
}


@cache
def words(language: str) -> dict[str, str]:
    """The form's words in ``language`` (English for a language without a catalogue)."""
    catalogue = gettext.translation("django", localedir=str(LOCALE), languages=[language], fallback=True)
    return {key: catalogue.gettext(source) for key, source in SOURCE.items()}


class _ByLanguage(Mapping):
    """``UI[language][key]``: the form's words in each help language."""

    def __getitem__(self, language: str) -> dict[str, str]:
        if language not in languages.LANGUAGES:
            raise KeyError(language)
        return words(language)

    def __iter__(self):
        return iter(languages.LANGUAGES)

    def __len__(self) -> int:
        return len(languages.LANGUAGES)


UI = _ByLanguage()

LANGUAGE_NAMES = dict(languages.LANGUAGE_NAMES)
