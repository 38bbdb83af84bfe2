"""What a learner reads when the tool cannot show an activity: in their language, with the way back.

The strings are in the tool's Django catalogue (``lti_tool/locale/<lang>/LC_MESSAGES/django.po``) in every
help language; a refusal the catalogue does not hold (a platform's technical one) stays in English,
under the translated title and way back. The language: the launch's locale when the launch was read,
else the browser's (Accept-Language).
"""

from __future__ import annotations

from django.shortcuts import render
from django.utils import translation
from django.utils.translation import gettext_noop

from .claims import language as our_language
from .programme_port import STOPPED_MESSAGE

EXPIRED_MESSAGE = "This launch has expired: open the activity from your course again."

MESSAGES = {
    "title": gettext_noop("Cannot open this activity"),
    "stopped": gettext_noop(STOPPED_MESSAGE),
    "expired": gettext_noop(EXPIRED_MESSAGE),
    "way_back": gettext_noop("Go back to your course page and open the activity again. If this keeps "
                             "happening, tell your company's learning-support person."),
}


def refuse(request, message: str, status: int = 403, language: str | None = None):
    """The error page in the learner's language (the launch's, else the browser's)."""
    lang = language or our_language(translation.get_language_from_request(request))
    with translation.override(lang):
        return render(request, "lti_tool/error.html", {
            "language": lang, "message": translation.gettext(message),
            "title": translation.gettext(MESSAGES["title"]),
            "way_back": translation.gettext(MESSAGES["way_back"]),
        }, status=status)
