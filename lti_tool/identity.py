"""What a launch says about who the user is, beyond the platform's own ID (``sub``): pure.

Platforms send their own user IDs, never the programme's login ID; these claims can carry it. Real shapes:

* Moodle (mod/lti, LTI 1.3): ``sub`` is the numeric user id ("27"); the ``…/claim/ext`` claim holds
  ``{"user_username": "k26-0001", "lms": "moodle-2"}`` and ``…/claim/lis`` holds ``person_sourcedid``
  (the user's ID number) when the tool may receive names.
* Canvas: ``sub`` is an opaque id ("535fa085f22b4655f48cd5a36a9215f64c062838"); a custom field
  ``login_id=$Canvas.user.loginId`` on the tool arrives as ``…/claim/custom: {"login_id": "k26-0001"}``.
* Open edX (lti-consumer-xblock): ``sub`` is the external user id (a UUID); with the course's PII sharing
  on and "send username" ticked, ``preferred_username`` is the Open edX username, and ``name``, ``email``.
"""

from __future__ import annotations

from .claims import LTI

EXT = LTI + "ext"
LIS = LTI + "lis"
CUSTOM = LTI + "custom"
CONTEXT = LTI + "context"


def _text(value: object) -> str:
    return value.strip()[:255] if isinstance(value, str) else ""


def hints(body: dict) -> dict[str, str]:
    """The claims that may name the learner (login ID, username) and, for an operator's review, the name."""
    def claim(name: str) -> dict:
        value = body.get(name)
        return value if isinstance(value, dict) else {}

    found = {
        "custom.login_id": _text(claim(CUSTOM).get("login_id")),
        "ext.user_username": _text(claim(EXT).get("user_username")),
        "lis.person_sourcedid": _text(claim(LIS).get("person_sourcedid")),
        "preferred_username": _text(body.get("preferred_username")),
        "name": _text(body.get("name")),
        "given_name": _text(body.get("given_name")),
        "family_name": _text(body.get("family_name")),
        "email": _text(body.get("email")),
        "context_title": _text(claim(CONTEXT).get("title")),
    }
    return {k: v for k, v in found.items() if v}
