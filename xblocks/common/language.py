"""The learner's help language, shared by our blocks and their LTI pages: the runtime's by default,
with a switch on the block.

The runtime's language is asked through its i18n service with ``PROBE``, a string each block's
catalogue (``translations/<lang>/LC_MESSAGES/text.po``) translates to its own language code. A runtime
without our catalogue answers with the probe itself: English then.
"""

from __future__ import annotations

from curriculum.languages import LANGUAGE_NAMES, LANGUAGES  # noqa: F401  (the blocks read them here)

#: The runtime's language, asked through its i18n service: each catalogue translates it to its code.
PROBE = "nihongo:language-code"
#: What every block's catalogue holds besides the block's own ``TEXT``: the probe and the switch's label.
SWITCH_STRINGS = (PROBE, "Language")
#: Where the LTI tool keeps a learner's choice inside an activity's stored state (the core never sees it).
STATE_KEY = "ui_language"


def runtime_language(block) -> str:
    """The LMS's language for this learner, through the block's i18n service; English without one."""
    service = block.runtime.service(block, "i18n")
    code = service.gettext(PROBE) if service is not None else "en"
    return code if code in LANGUAGES else "en"


class LanguageError(ValueError):
    """A switch posted something other than one of our languages (a 400 for the host)."""


def chosen(data: object) -> str:
    """The code a switch posted (``{"language": "vi"}``); ``LanguageError`` with a message otherwise."""
    code = data.get("language") if isinstance(data, dict) else None
    if not isinstance(data, dict) or set(data) != {"language"} or code not in LANGUAGES:
        raise LanguageError(f'Send {{"language": "<code>"}} with one of {", ".join(LANGUAGES)}.')
    return code


def split(state: dict | None) -> tuple[dict | None, str | None]:
    """A stored activity state without the learner's choice, and the choice (None when never made)."""
    if not state or STATE_KEY not in state:
        return state, None
    rest = {key: value for key, value in state.items() if key != STATE_KEY}
    return rest or None, state[STATE_KEY]


def joined(state: dict, code: str | None) -> dict:
    """The core's new state with the learner's choice put back (unchanged when there is none)."""
    return state if code is None else {**state, STATE_KEY: code}
