"""What the tool reads from a validated launch: pure functions over the id_token's claims."""

from __future__ import annotations

from dataclasses import dataclass

from curriculum import activities
from curriculum.activity import SettingsError
from curriculum.languages import LANGUAGES

LTI = "https://purl.imsglobal.org/spec/lti/claim/"
#: The activities a resource link can name in its ``activity`` custom parameter, each rendered by its
#: module in ``lti_tool.activities``.
ACTIVITIES = activities.NAMES
#: The settings a link may carry (as custom parameters, or in the launch URL's query).
LINK_PARAMETERS = ("activity", "level", "item_count", "types", "form", "form_version", "lesson",
                   "weekly_goal_days", "grammar_points")
#: Locale tags platforms send for our languages under another code.
LANGUAGE_ALIASES = {"fil": "tl", "in": "id"}


class LaunchRefused(ValueError):
    """A launch we validated but cannot serve (unknown activity, bad custom parameters)."""


@dataclass(frozen=True)
class Launch:
    """The parts of a launch the tool acts on."""

    issuer: str
    client_id: str
    subject: str
    name: str
    context_id: str
    resource_link_id: str
    title: str
    is_instructor: bool
    activity: str
    language: str
    #: The link's custom parameters as strings, for activities that read their own settings.
    custom: tuple[tuple[str, str], ...] = ()

    def setting(self, name: str, default: str = "") -> str:
        """One custom parameter of the link (``default`` when absent or empty)."""
        return dict(self.custom).get(name) or default


MEMBERSHIP = "http://purl.imsglobal.org/vocab/lis/v2/membership"
#: Course (context) roles whose holders teach the course: the manager's view is theirs.
TEACHING_ROLES = frozenset({"Instructor", "Administrator"})


def _context_role(role: object) -> tuple[str, str] | None:
    """(principal, sub-role) of a course role, or None for institution/system roles and unknown URIs.

    ``membership#Instructor`` -> ("Instructor", ""); ``membership/Instructor#TeachingAssistant`` ->
    ("Instructor", "TeachingAssistant"); the short names LTI 1.3 allows for course roles ("Learner").
    """
    if not isinstance(role, str):
        return None
    if role.startswith(MEMBERSHIP + "#"):
        return role[len(MEMBERSHIP) + 1:], ""
    if role.startswith(MEMBERSHIP + "/"):
        principal, _, sub = role[len(MEMBERSHIP) + 1:].partition("#")
        return principal, sub
    if role.isalpha():  # a short course role name ("Instructor", "Learner")
        return role, ""
    return None


def is_instructor(roles: list) -> bool:
    """The manager's view only for the course's teaching staff; everyone else, the drill.

    Only course (context) roles count: an institution or system Administrator/Instructor who is a
    Learner in this course (Canvas sends both) studies. A course Learner role always means a learner,
    whatever teaching sub-role comes with it (Open edX sends discussion moderators
    ``membership#Learner`` beside ``membership/Instructor#TeachingAssistant``).
    """
    course = [r for r in map(_context_role, roles if isinstance(roles, list) else []) if r]
    if any(principal == "Learner" for principal, _ in course):
        return False
    return any(principal in TEACHING_ROLES for principal, _ in course)


def language(locale: object) -> str:
    """Our UI language for a BCP 47 locale ("vi-VN", "fil_PH"); English when we have none."""
    if not isinstance(locale, str) or not locale:
        return "en"
    code = locale.replace("_", "-").split("-")[0].lower()
    code = LANGUAGE_ALIASES.get(code, code)
    return code if code in LANGUAGES else "en"


def activity_settings(custom: dict) -> tuple[str, object]:
    """The activity and its settings (the core's ``settings`` of that activity) from the custom
    parameters; refused when they make no sense, with the core's message for the author."""
    activity = str(custom.get("activity") or "jlpt_drill")
    if activity not in ACTIVITIES:
        raise LaunchRefused(f"Unknown activity {activity!r}: this tool offers {', '.join(ACTIVITIES)}.")
    try:
        return activity, activities.get(activity).settings(custom)
    except SettingsError as exc:
        raise LaunchRefused(str(exc)) from None


def url_settings(target: object) -> dict:
    """Link settings in the signed target_link_uri's query (the custom parameters win over them)."""
    from urllib.parse import parse_qsl

    if not isinstance(target, str) or "?" not in target:
        return {}
    return {k: v for k, v in parse_qsl(target.partition("?")[2]) if k in LINK_PARAMETERS}


def client_id_of(body: dict) -> str | None:
    """The client the token is for: ``azp`` when it is one of the audiences, else the (first) audience."""
    aud, azp = body.get("aud"), body.get("azp")
    if isinstance(aud, list):
        if isinstance(azp, str) and azp in aud:
            return azp
        return aud[0] if aud else None
    return aud


#: LTI 1.3 caps user, context and resource link IDs at 255 characters (our columns' size too).
MAX_ID = 255
#: What the tool keeps of a display name or a link title (longer ones are legal: they are cut).
MAX_NAME = 200


def _id(value: object, what: str, required: bool = True) -> str:
    if isinstance(value, (dict, list)) or (required and value in (None, "")):
        raise LaunchRefused(f"The course sent no usable {what}: ask the LMS administrator to check the link.")
    text = "" if value is None else str(value)
    if len(text) > MAX_ID:
        raise LaunchRefused(f"The course sent a {what} longer than the 255 characters LTI allows: ask the "
                            "LMS administrator to check the link.")
    return text


def _text(value: object, limit: int = MAX_NAME) -> str:
    return value[:limit] if isinstance(value, str) else ""


def _object(body: dict, claim: str) -> dict:
    value = body.get(LTI + claim)
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise LaunchRefused(f"The course sent its {claim} claim in a form LTI does not use: ask the LMS "
                            "administrator to check the tool's settings.")
    return value


def display_name(body: dict) -> str:
    """``name``, else ``given_name`` and ``family_name`` (OIDC Core §5.1; Moodle sends all three)."""
    name = _text(body.get("name"))
    if name.strip():
        return name.strip()
    return " ".join(_text(body.get(k)).strip() for k in ("given_name", "family_name")
                    if _text(body.get(k)).strip())


def read_launch(body: dict, browser_language: str = "") -> Launch:
    """The launch as the tool sees it; ``body`` is the validated id_token payload.

    The language is the launch's locale; a platform that sends none (Open edX's LTI block) leaves it
    to the browser's (``browser_language``: Accept-Language, as Django read it).

    Refused (``LaunchRefused``, a 4xx page in plain words) when an ID is missing, not text, or longer
    than LTI allows; names and titles longer than we keep are cut, so every database stores them.
    """
    if not body.get("sub"):
        raise LaunchRefused("This activity keeps your progress, so it needs a signed-in user (no sub claim).")
    subject = _id(body.get("sub"), "user ID (sub)")
    resource_link = _object(body, "resource_link")
    resource_link_id = _id(resource_link.get("id"), "activity link ID (resource_link id)")
    context_id = _id(_object(body, "context").get("id"), "course ID (context id)", required=False)
    presentation = _object(body, "launch_presentation")
    custom = body.get(LTI + "custom") or {}
    from_url = url_settings(body.get(LTI + "target_link_uri"))
    custom = {**from_url, **(custom if isinstance(custom, dict) else {})}
    roles = body.get(LTI + "roles") or []
    if is_instructor(roles):  # the dashboard: a link's settings only matter to its learners
        activity = activity_settings({"activity": custom.get("activity")})[0]
    else:
        activity = activity_settings(custom)[0]
    return Launch(
        issuer=body["iss"],
        client_id=client_id_of(body),
        subject=subject,
        name=display_name(body),
        context_id=context_id,
        resource_link_id=resource_link_id,
        title=_text(resource_link.get("title")),
        is_instructor=is_instructor(roles),
        activity=activity,
        language=language(presentation.get("locale") or browser_language),
        custom=tuple(sorted((str(k), str(v)) for k, v in custom.items() if isinstance(v, (str, int, float)))),
    )
