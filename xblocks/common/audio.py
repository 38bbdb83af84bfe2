"""The listening audio (``curriculum/content/audio``) served by each block, for both hosts' pages.

Open edX: the block's ``audio`` handler, the file's name as the suffix. The names carry a hash of the
bytes, so the answer is cacheable for a year (a learner downloads each file once); Range requests are
answered, as phones' media players ask for them. The page gets one URL with ``AUDIO_PLACEHOLDER``
in place of the name (``data-audio-url``) and the scripts fill the name in.
"""

from __future__ import annotations

from webob import Response
from xblock.core import XBlock

from curriculum.audio import AUDIO_PLACEHOLDER, file_response


class AudioMixin:
    """Adds the ``audio`` handler and ``audio_url()`` to a block whose items may have listening audio."""

    @XBlock.handler
    def audio(self, request, suffix=""):
        status, headers, body = file_response(suffix, request.headers.get("Range"))
        response = Response(body=body, status=status)
        for key, value in headers.items():
            response.headers[key] = value
        return response

    def audio_url(self) -> str:
        return self.runtime.handler_url(self, "audio", AUDIO_PLACEHOLDER)
