"""'Open in a new window': for browsers that block the tool's cookies inside the LMS's iframe.

Two moments. At login: a login that arrives in an iframe (``Sec-Fetch-Dest: iframe``) over HTTPS
first gets a small page that tries a ``SameSite=None; Secure`` cookie; if the browser drops it, the
page offers to run the same login in a new top-level window, where the cookies are first-party.
On an activity page: a button asks for a one-time token (5 minutes, stored in the shared cache with
the launch ID and the browser's PyLTI1p3 session ID); the new window redeems it, gets that session
cookie and resumes the same launch without starting over.
"""

from __future__ import annotations

import secrets

from django.core.cache import cache
from django.utils import translation
from django.utils.translation import gettext_noop

TOKEN_SECONDS = 300
#: PyLTI1p3's per-browser cookie (``lti1p3-`` + the storage's ``session-id``).
SESSION_COOKIE = "lti1p3-session-id"
#: Added to the login URL once the cookie check has run (platforms ignore unknown parameters).
CHECKED_PARAM = "lti_storage_checked"

#: What the learner reads around the button, by the key the templates use; translated by the tool's
#: catalogue (``lti_tool/locale/<lang>/LC_MESSAGES/django.po``) in every help language.
MESSAGES = {
    "open": gettext_noop("Open in a new window"),
    "blocked": gettext_noop("Your browser blocks this activity inside the course page. Open it in its own "
                            "window to keep your progress."),
    "failed": gettext_noop("Could not open a new window: open the activity from your course again."),
    "expired": gettext_noop("This link has expired or was already used. Go back to the course's window and "
                            "press “Open in a new window” again."),
    "checking": gettext_noop("Opening the activity…"),
}


def texts(language: str) -> dict[str, str]:
    """The strings in ``language`` (English for a language without a catalogue)."""
    with translation.override(language):
        return {key: translation.gettext(source) for key, source in MESSAGES.items()}


def _key(token: str) -> str:
    return f"lti-new-window-{token}"


def issue(launch_id: str, session_id: str | None) -> str:
    """A one-time token for ``launch_id`` (and the browser's PyLTI1p3 session, when over HTTPS)."""
    token = secrets.token_urlsafe(32)
    cache.set(_key(token), {"launch_id": launch_id, "session_id": session_id}, TOKEN_SECONDS)
    return token


def redeem(token: str) -> dict | None:
    """What ``issue`` stored, once; None when unknown, expired or already redeemed."""
    if not token or len(token) > 100:
        return None
    data = cache.get(_key(token))
    if data is None or not cache.delete(_key(token)):  # two windows racing: only one deletes it
        return None
    return data


def needs_cookie_check(request) -> bool:
    """A login inside an iframe over HTTPS that has not been checked yet."""
    params = request.GET if request.method == "GET" else request.POST
    return (request.is_secure() and request.headers.get("Sec-Fetch-Dest") == "iframe"
            and CHECKED_PARAM not in params)
