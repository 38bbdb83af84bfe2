"""What a refusal page says about an exception: plain words, never Python's own text.

PyLTI1p3's and our launch checks raise ``LtiException`` with sentences written for people (see
``launch.explain``); ``LaunchRefused`` is ours. Anything else (a claim of the wrong shape reaching a
library's ``.get``, a missing key) is logged for the operators and shown as one plain sentence.
"""

from __future__ import annotations

import logging

from pylti1p3.exception import LtiException

from .claims import LaunchRefused

log = logging.getLogger(__name__)
MALFORMED = ("The course sent launch data this tool cannot read (a claim is missing or has the wrong "
             "form). Ask the LMS administrator to check the tool's settings.")


def plain(exc: BaseException) -> str:
    if isinstance(exc, (LtiException, LaunchRefused)):
        return str(exc)
    log.warning("LTI launch refused on malformed data: %s", type(exc).__name__)
    return MALFORMED
