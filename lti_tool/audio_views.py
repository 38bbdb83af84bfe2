"""The listening audio for the tool's pages: hash-named files from the core, cached by the browser for a year.

No launch is needed (the audio is open content, like the scripts it reads); the pages get one URL with
the core's placeholder for the file's name (``audio_url()``), as the XBlocks' pages do.
"""

from __future__ import annotations

from django.http import HttpResponse
from django.urls import reverse
from django.views.decorators.http import require_GET

from curriculum.audio import AUDIO_PLACEHOLDER, file_response


def audio_url() -> str:
    return reverse("lti_tool:audio", kwargs={"name": AUDIO_PLACEHOLDER})


@require_GET
def audio(request, name: str):
    status, headers, body = file_response(name, request.headers.get("Range"))
    response = HttpResponse(body, status=status)
    for key, value in headers.items():
        response[key] = value
    return response
