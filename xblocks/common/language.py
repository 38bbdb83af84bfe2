"""The learner's help language in our blocks: the runtime's by default, with a switch on the block.

The runtime's language is asked through its i18n service with ``PROBE``, a string each block's
catalogue (``translations/<lang>/LC_MESSAGES/text.po``) translates to its own language code. A runtime
without our catalogue answers with the probe itself: English then. The languages themselves are declared
once, in ``curriculum/languages.py``; what a switch may post is checked by the core
(``curriculum.activity.chosen_language``), the same in both hosts.
"""

from __future__ import annotations

from curriculum.activity import LanguageError  # noqa: F401  (the blocks' handlers catch it here)
from curriculum.activity import chosen_language as chosen  # noqa: F401
from curriculum.languages import LANGUAGE_NAMES, LANGUAGES  # noqa: F401  (the blocks read them here)

#: The runtime's language, asked through its i18n service: each catalogue translates it to its code.
PROBE = "nihongo:language-code"
#: What every block's catalogue holds besides the block's own ``TEXT``: the probe and the switch's label.
SWITCH_STRINGS = (PROBE, "Language")


def runtime_language(block) -> str:
    """The LMS's language for this learner, through the block's i18n service; English without one."""
    service = block.runtime.service(block, "i18n")
    code = service.gettext(PROBE) if service is not None else "en"
    return code if code in LANGUAGES else "en"
