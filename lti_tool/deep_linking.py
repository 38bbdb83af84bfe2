"""Deep linking (LTI Deep Linking 2.0): a course author picks an activity, the platform gets a link.

The flow: an ``LtiDeepLinkingRequest`` launch shows the picker; the author's choice comes back to
``choose`` (validated here, clear messages); ``response_jwt`` signs the ``LtiDeepLinkingResponse``
with one ``ltiResourceLink`` per choice, carrying the ``custom`` parameters ``claims`` reads and a
``lineItem`` for graded activities. What PyLTI1p3 2.0.0 leaves out, we do: refuse a request with no
return URL or that does not accept resource links, and echo ``data`` only when the request had it
(PyLTI1p3 sends ``null``).
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass, field

from curriculum import activities
from curriculum.activities import grammar_notes
from curriculum.activity import SettingsError
from curriculum.grammar import LEVELS as GRAMMAR_LEVELS
from curriculum.item_types import TYPES
from curriculum.items import Level

from . import services
from .claims import ACTIVITIES, LTI, is_instructor

DL = "https://purl.imsglobal.org/spec/lti-dl/claim/"
SETTINGS_CLAIM = DL + "deep_linking_settings"
RESOURCE_LINK = "ltiResourceLink"

#: The picker's names of the activities; any other activity of the core is offered by its page's title.
NAMED = {
    "jlpt_drill": "JLPT / JFT drill",
    "mock_test": "Mock test",
    "placement_test": "Placement test",
    "dialect_lesson": "Kagoshima dialect lesson",
    "progress": "My progress (not graded)",
    "grammar_notes": "Grammar notes (not graded)",
}
ACTIVITY_NAMES = {name: NAMED.get(name) or activities.get(name).page.default_title for name in ACTIVITIES}
#: Activities that send no score (no gradebook column).
NOT_GRADED = ("progress", "grammar_notes")
MOCK_FORMS = ("N5", "N4", "N3", "N2", "JFT")
#: Which of a test's stored forms a link gives ("next": each learner's next form; curriculum.forms).
MOCK_VERSIONS = ("A", "B", "C")
#: Skills a drill can be limited to, in the picker's order ("" = every skill).
SKILLS = ("vocabulary", "kanji", "grammar", "reading", "listening", "conversation")
#: The gradebook maximum of activities other than the drill (their scores carry their own maximum).
SCORE_MAXIMUM = 100
#: Used when curriculum/dialect.py has no ``lessons()`` (see curriculum/content/dialect/README.md).
DIALECT_LESSON_IDS = ("greetings", "responses", "work", "praise_criticism", "safety", "health_care",
                      "farm_food", "weather", "people", "false_friends")
TITLE_MAX = 200


class DeepLinkRefused(ValueError):
    """A deep-linking request the tool cannot answer (the message says why)."""


class ChoiceError(ValueError):
    """A picker choice that does not make sense (the message says what to change)."""


@dataclass(frozen=True)
class Request:
    """What the platform's ``deep_linking_settings`` ask for."""

    return_url: str
    accept_multiple: bool
    title: str
    has_data: bool
    data: object = None


@dataclass(frozen=True)
class Choice:
    """One link to create: its title, custom parameters and (graded activities) line item."""

    activity: str
    title: str
    custom: dict[str, str] = field(default_factory=dict)
    score_maximum: int | None = None
    resource_id: str = ""

    def content_item(self, launch_url: str) -> dict:
        """The ``ltiResourceLink`` content item (LTI DL 2.0 §3.2)."""
        item = {"type": RESOURCE_LINK, "title": self.title, "url": launch_url, "custom": dict(self.custom)}
        if self.score_maximum is not None:
            item["lineItem"] = {"scoreMaximum": self.score_maximum, "label": self.title,
                                "resourceId": self.resource_id, "tag": self.activity}
        return item


def _flag(value: object, default: bool) -> bool:
    if value is None:
        return default
    if isinstance(value, bool):
        return value
    return str(value).strip().lower() == "true"


def gives_each_item_a_link(body: dict) -> bool:
    """False for a platform that puts every item of one response behind one link (Open edX's LTI block says
    ``accept_multiple`` but keeps one resource link, so a whole course there would share one progress row).
    Operators name such platforms' issuers in ``NIHONGO_SINGLE_LINK_ISSUERS`` (docs/deployers)."""
    from django.conf import settings as django_settings

    issuers = getattr(django_settings, "NIHONGO_SINGLE_LINK_ISSUERS", ())
    return str(body.get("iss", "")).rstrip("/") not in {i.rstrip("/") for i in issuers}


def read_request(body: dict) -> Request:
    """The request's settings; ``DeepLinkRefused`` when we cannot answer it."""
    if not is_instructor(body.get(LTI + "roles") or []) and not _is_content_developer(body):
        raise DeepLinkRefused("Only teachers and course authors can add activities (deep linking).")
    settings = body.get(SETTINGS_CLAIM)
    if not isinstance(settings, dict):
        raise DeepLinkRefused("The deep-linking request has no deep_linking_settings.")
    return_url = settings.get("deep_link_return_url")
    if not isinstance(return_url, str) or not return_url.startswith(("https://", "http://")):
        raise DeepLinkRefused("The deep-linking request has no return URL (deep_link_return_url), "
                              "so the tool could not send your choice back. Ask the LMS administrator "
                              "to check the tool's deep-linking settings.")
    accept_types = settings.get("accept_types")
    if not isinstance(accept_types, list) or RESOURCE_LINK not in accept_types:
        raise DeepLinkRefused("This place in the course does not accept LTI resource links "
                              f"(accept_types {accept_types!r}); add the activity from the course's "
                              "activity chooser instead.")
    return Request(return_url=return_url,
                   accept_multiple=(_flag(settings.get("accept_multiple"), True)
                                    and gives_each_item_a_link(body)),
                   title=str(settings.get("title") or ""), has_data="data" in settings,
                   data=settings.get("data"))


def _is_content_developer(body: dict) -> bool:
    roles = body.get(LTI + "roles") or []
    return any(isinstance(r, str) and "ContentDeveloper" in r for r in roles)


def dialect_lessons() -> tuple[str, ...]:
    """Lesson ids from ``curriculum.dialect.lessons()`` when it exists, else the documented ones."""
    try:
        lessons = importlib.import_module("curriculum.dialect").lessons()
    except (ImportError, AttributeError):
        return DIALECT_LESSON_IDS
    ids = tuple(str(getattr(lesson, "id", lesson)) for lesson in lessons)
    return ids or DIALECT_LESSON_IDS


def grammar_point_choices() -> list[tuple[str, str]]:
    """(ID, "N5 pattern") of every grammar point with questions, for the picker's suggestions."""
    from curriculum import grammar
    from curriculum.furigana import plain

    return [(p.id, f"{p.level} {plain(p.pattern)}") for p in grammar.points() if p.item_ids]


def types_for(level: str, skill: str) -> tuple[str, ...]:
    """The item types of ``skill`` the exam uses at ``level`` (empty skill: every type, i.e. ``()``)."""
    if not skill:
        return ()
    return tuple(t.value for t, info in TYPES.items() if info.skill == skill and level in info.levels)


def _bank_count(level: str, types: tuple[str, ...]) -> int:
    from curriculum.bank import default_bank

    return sum(1 for item in default_bank().select(level)
               if not types or item.type.value in types)


def _count(value: object) -> int:
    try:
        count = int(str(value or "10").strip())
    except ValueError:
        raise ChoiceError("Questions per round must be a whole number from 1 to 100.") from None
    if not 1 <= count <= 100:
        raise ChoiceError("Questions per round must be from 1 to 100.")
    return count


def _grammar_points(value: object, level: str) -> tuple[str, ...]:
    """The picker's grammar points (IDs separated by commas; empty: no limit), checked as the drill does."""
    from curriculum.activities import drill
    from curriculum.activity import SettingsError

    try:
        return drill.grammar_points(value, level)
    except SettingsError as exc:
        raise ChoiceError(str(exc)) from None


def _drill(data, title: str) -> Choice:
    level = str(data.get("level") or "N5")
    if level not in {lv.value for lv in Level}:
        raise ChoiceError(f"Choose a level: {', '.join(lv.value for lv in Level)}.")
    skill = str(data.get("skill") or "")
    if skill and skill not in SKILLS:
        raise ChoiceError(f"Unknown skill {skill!r}: choose one of {', '.join(SKILLS)}, or every skill.")
    types = types_for(level, skill)
    if skill and not types:
        raise ChoiceError(f"The {level} exam has no {skill} questions: choose another skill or level.")
    count = _count(data.get("item_count"))
    if _bank_count(level, types) == 0:
        raise ChoiceError(f"The question bank has no {level} {skill or ''} questions yet: "
                          "choose another skill or level.".replace("  ", " "))
    custom = {"activity": "jlpt_drill", "level": level, "item_count": str(count)}
    if types:
        custom["types"] = ",".join(types)
    points = _grammar_points(data.get("grammar_points"), level)
    if points:
        custom["grammar_points"] = ",".join(points)
    default = f"{level} {skill or 'drill'}{' drill' if skill else ''} ({count} questions)"
    return Choice("jlpt_drill", title or default, custom, score_maximum=count,
                  resource_id=f"jlpt_drill:{level}:{skill or 'all'}")


def choose(data) -> Choice:
    """The link for the picker's form ``data``; ``ChoiceError`` with what to change."""
    activity = str(data.get("activity") or "")
    if activity not in ACTIVITIES:
        raise ChoiceError("Choose an activity.")
    title = " ".join(str(data.get("title") or "").split())
    if len(title) > TITLE_MAX:
        raise ChoiceError(f"The title is too long: at most {TITLE_MAX} characters.")
    if activity == "jlpt_drill":
        return _drill(data, title)
    if activity == "mock_test":
        form = str(data.get("form") or "")
        if form not in MOCK_FORMS:
            raise ChoiceError(f"Choose the mock test's form: {', '.join(MOCK_FORMS)}.")
        version = str(data.get("form_version") or "next")
        if version not in (*MOCK_VERSIONS, "next"):
            raise ChoiceError("Choose which form of the test: A, B, C or each learner's next form.")
        custom = {"activity": activity, "form": form}
        if version != "next":  # a link without it gives each learner's next form
            custom["form_version"] = version
        name = f"Mock test {form}" + (f" (form {version})" if version != "next" else "")
        return Choice(activity, title or name, custom, SCORE_MAXIMUM,
                      f"mock_test:{form}" + (f":{version}" if version != "next" else ""))
    if activity == "dialect_lesson":
        lesson = str(data.get("lesson") or "")
        if lesson not in dialect_lessons():
            raise ChoiceError("Choose a dialect lesson from the list.")
        label = lesson.replace("_", " ")
        return Choice(activity, title or f"Kagoshima dialect: {label}",
                      {"activity": activity, "lesson": lesson}, SCORE_MAXIMUM, f"dialect_lesson:{lesson}")
    if activity == "placement_test":
        return Choice(activity, title or "Placement test", {"activity": activity}, SCORE_MAXIMUM,
                      "placement_test")
    if activity == "grammar_notes":
        level = str(data.get("level") or "N5")
        if level not in GRAMMAR_LEVELS:
            raise ChoiceError(f"Grammar notes have the levels {', '.join(GRAMMAR_LEVELS)}: "
                              "choose one of them.")
        custom = {"activity": activity, "level": level}
        try:
            points = grammar_notes.point_ids(data.get("grammar_points"), level)
        except SettingsError as exc:
            raise ChoiceError(str(exc)) from None
        if points:
            custom["grammar_points"] = ",".join(points)
        return Choice(activity, title or f"Grammar notes {level}", custom)
    if activity in NOT_GRADED:
        return Choice(activity, title or "My progress", {"activity": activity})
    # any other activity: no settings to choose, its default title, a score out of 100
    return Choice(activity, title or activities.get(activity).page.default_title, {"activity": activity},
                  SCORE_MAXIMUM, activity)


def course_plans() -> dict[str, str]:
    """Course ID → title of the course plans (``curriculum.course_plan``)."""
    from curriculum import course_plan as plans

    return {course_id: plans.plan(course_id).title for course_id in plans.courses()}


def _course(data) -> list[Choice]:
    from curriculum import course_plan as plans

    course_id = str(data.get("course") or "")
    if course_id not in plans.courses():
        raise ChoiceError("Choose a course.")
    course = plans.plan(course_id)
    choices = []
    for activity in course.activities:
        points = course.points(activity)
        maximum = None if points is None else (int(points) if float(points).is_integer() else points)
        choices.append(Choice(activity.lti_activity, activity.title, activity.lti_custom(), maximum,
                              f"{course_id}:{activity.url_name}"))
    return choices


def choose_all(data, accept_multiple: bool) -> list[Choice]:
    """The links for the picker's form: one activity, or a whole course plan when the platform takes many."""
    if str(data.get("activity") or "") == "course":
        if not accept_multiple:
            raise ChoiceError("This place in the course takes one activity at a time: choose one activity.")
        return _course(data)
    return [choose(data)]


def response_message(ml, choices: list[Choice], request: Request) -> dict:
    """The ``LtiDeepLinkingResponse`` claims (PyLTI1p3's, with ``data`` only when asked to echo it)."""
    if len(choices) > 1 and not request.accept_multiple:
        raise ChoiceError("This place in the course takes one activity at a time.")
    launch_url = services.tool_url("launch")
    deep_link = ml.get_deep_link()
    message = deep_link.get_message_jwt([])
    message[DL + "content_items"] = [c.content_item(launch_url) for c in choices]
    if request.has_data:
        message[DL + "data"] = request.data
    else:
        message.pop(DL + "data", None)
    return message


def response_jwt(ml, choices: list[Choice], request: Request) -> str:
    """The signed response (header ``kid``: the tool's signing key)."""
    return ml.get_deep_link().encode_jwt(response_message(ml, choices, request))
