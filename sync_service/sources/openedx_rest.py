"""Open edX REST APIs (enrollments, accounts, course grades) as logins and scores, page by page.

Read from Open edX (openedx/openedx-platform; docs/architecture.md, Sources: Open edX):

* ``GET /api/enrollment/v1/enrollments?course_id=`` (openedx/core/djangoapps/enrollments/views.py @ 85f323f1,
  ``CourseEnrollmentsApiListView``): staff only, cursor-paged, at most 100 a page, throttled at 120 calls
  a minute for staff. Items ``{created, mode, is_active, user, course_id}``; ``user`` is the username.
* ``GET /api/user/v1/accounts?username=a,b,…`` (user_api/accounts/views.py, ``AccountViewSet.list``): a
  plain list; staff see ``date_joined`` and ``last_login`` (accounts/serializers.py @ 5c57af55,
  ``UserReadOnlySerializer``). There is no "all users" call, so each enrollment page becomes one
  accounts call: requests grow with pages, not learners.
* ``GET /api/grades/v1/courses/{course_id}/`` (lms/djangoapps/grades/rest_api/v1/views.py @ e57a655d,
  ``CourseGradesView``): cursor-paged (``CourseEnrollmentPagination``: 50 by default, ``page_size`` not
  capped; we ask 100), items ``{username, email, course_id, passed, percent, letter_grade}``.

Neither API says what changed since a date, so the checkpoint remembers the last ``last_login`` and
grade seen per user: an event is emitted only for a change, which makes reruns change nothing. A
``last_login`` within a minute of ``date_joined`` is the account's creation, not a visit: Open edX
signs a new account in as it registers it (user_authn/views/register.py, ``authenticate_new_user``),
and our account issuance registers learners through the API. Grades carry no date: a changed grade
is recorded at the time of the sync that saw it. ``last_login`` alone misses learners who stay signed
in (four-week sessions): use the tracking logs too where the host lets us read them.

Subjects are usernames, which are the login IDs for the accounts our issuance created. A login this
source reads that the tracking logs already counted (same learner, within two minutes) counts once.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta

import requests

from .base import OPENEDX_HOST, ActivityEvent, Page, PagedSource
from .retry import Backoff, RateLimit, get_json

ENROLLMENTS = "/api/enrollment/v1/enrollments"
ACCOUNTS = "/api/user/v1/accounts"
GRADES = "/api/grades/v1/courses/{course_id}/"
PAGE_SIZE = 100  # the enrollment list's max_page_size; the grades list accepts it too
REGISTRATION_LOGIN = timedelta(minutes=1)
STAGES = ("enrollments", "grades")
#: Course keys the sync reads: a course run, or a company's CCX on it (opaque_keys' CourseLocator and
#: ccx_keys' CCXLocator string forms).
_PART = r"[\w.~-]+"
COURSE_KEY = re.compile(rf"(course-v1:{_PART}\+{_PART}\+{_PART}|ccx-v1:{_PART}\+{_PART}\+{_PART}\+ccx@\d+)")
#: Answers that are about one course (unknown id, no rights on it, malformed id), not the LMS as a whole.
COURSE_REFUSALS = frozenset({400, 403, 404})


@dataclass(frozen=True)
class OpenEdxApiConfig:
    """Where the LMS is and the OAuth2 client-credentials application the sync signs in with.

    The application's user must be global staff (``is_staff``): the enrollment list is
    ``IsAdminUser`` and staff see other users' ``last_login``. Create it with
    ``./manage.py lms create_dot_application nihongo-sync <service user>`` (client-credentials).
    """

    base_url: str
    client_id: str
    client_secret: str
    course_ids: tuple[str, ...]

    @classmethod
    def from_env(cls, env=os.environ) -> OpenEdxApiConfig:
        missing = [k for k in ("OPENEDX_BASE_URL", "OPENEDX_CLIENT_ID", "OPENEDX_CLIENT_SECRET",
                               "OPENEDX_COURSE_IDS") if not env.get(k)]
        if missing:
            raise ValueError(f"set {', '.join(missing)} to sync from the Open edX APIs")
        courses = tuple(c.strip() for c in env["OPENEDX_COURSE_IDS"].split(",") if c.strip())
        bad = [c for c in courses if not COURSE_KEY.fullmatch(c)]
        if bad:
            raise ValueError(f"OPENEDX_COURSE_IDS: {', '.join(bad)} is not a course key "
                             "(course-v1:Org+Course+Run, or a company's CCX ccx-v1:Org+Course+Run+ccx@N)")
        return cls(env["OPENEDX_BASE_URL"].rstrip("/"), env["OPENEDX_CLIENT_ID"],
                   env["OPENEDX_CLIENT_SECRET"], courses)


def oauth_session(config: OpenEdxApiConfig) -> requests.Session:
    """edx-rest-api-client's session: client-credentials JWT, cached in Django's cache, refreshed early,
    and also when the LMS refuses it (401: revoked, keys rotated, the LMS's clock ahead)."""
    from edx_django_utils.cache import TieredCache
    from edx_rest_api_client.client import OAuthAPIClient, _get_oauth_url

    class RefreshingClient(OAuthAPIClient):
        def _token_key(self) -> str:
            # The library's own cache key (edx_rest_api_client.client.get_and_cache_oauth_access_token).
            url = _get_oauth_url(self._base_url if not self.oauth_uri else self._base_url + self.oauth_uri)
            return f"edx_rest_api_client.access_token.jwt.client_credentials.{self._client_id}.{url}"

        def request(self, method, url, headers=None, **kwargs):
            response = super().request(method, url, headers=headers, **kwargs)
            if response.status_code == 401:  # the cached token is no longer good: forget it, ask once more
                TieredCache.delete_all_tiers(self._token_key())
                response = super().request(method, url, headers=headers, **kwargs)
            return response

    return RefreshingClient(config.base_url, config.client_id, config.client_secret)


class OpenEdxRestApi(PagedSource):
    name = "openedx_api"
    subjects_are_usernames = True

    def __init__(self, config: OpenEdxApiConfig, now: datetime, session: requests.Session | None = None,
                 backoff: Backoff | None = None, sleep: Callable[[float], None] | None = None,
                 page_size: int = PAGE_SIZE):
        self.config, self.now, self.page_size = config, now, page_size
        self.session = session or oauth_session(config)
        self.backoff = backoff or Backoff()
        self.enrollment_limit = RateLimit(120, 60.0, sleep=sleep) if sleep else RateLimit(120, 60.0)
        self._sleep_kw = {"sleep": sleep} if sleep else {}

    def pages(self, checkpoint: dict) -> Iterator[Page]:
        state = _State.from_dict(checkpoint)
        if not self.config.course_ids:
            return
        if state.run["course"] >= len(self.config.course_ids):  # the course list was shortened
            state.run = {"course": 0, "stage": STAGES[0], "next": None}
        done = 0
        while state.run is not None:
            course_id = self.config.course_ids[state.run["course"]]
            url = state.run["next"] or self._first_url(state.run["stage"], course_id)
            try:
                data = self._get(url, stage=state.run["stage"])
            except requests.HTTPError as exc:
                refused = exc.response.status_code if exc.response is not None else None
                if refused not in COURSE_REFUSALS:
                    raise
                # One unknown or closed course must not stall the others: named, skipped, next course.
                problem = (f"course {course_id}: the LMS answered {refused} to the {state.run['stage']} "
                           "list; skipped (check OPENEDX_COURSE_IDS and the service user's staff rights)")
                state.skip_course(len(self.config.course_ids))
                done += 1
                yield Page([], state.to_dict(), done, done + (state.run is not None), (problem,))
                continue
            if state.run["stage"] == "enrollments":
                events = state.visits(self._accounts(data.get("results", [])))
            else:
                events = state.scores(course_id, data.get("results", []), self.now)
            state.advance(data.get("next"), len(self.config.course_ids))
            done += 1
            yield Page(events, state.to_dict(), done, done + (state.run is not None))

    def _first_url(self, stage: str, course_id: str) -> str:
        base, size = self.config.base_url, self.page_size
        if stage == "enrollments":
            url, params = base + ENROLLMENTS, {"course_id": course_id, "page_size": size}
        else:
            url, params = base + GRADES.format(course_id=course_id), {"page_size": size}
        return requests.Request("GET", url, params=params).prepare().url

    def _get(self, url: str, stage: str = "", params: dict | None = None, ok_missing: bool = False):
        limit = self.enrollment_limit if stage == "enrollments" else None
        return get_json(self.session, url, params=params, backoff=self.backoff, limit=limit,
                        ok_missing=ok_missing, **self._sleep_kw)

    def _accounts(self, enrollments: list[dict]) -> list[dict]:
        """The accounts of a page's active enrollments: one call for the whole page."""
        usernames = sorted({e["user"] for e in enrollments if e.get("is_active") and e.get("user")})
        if not usernames:
            return []
        return self._get(self.config.base_url + ACCOUNTS, params={"username": ",".join(usernames)},
                         ok_missing=True) or []


class _State:
    """The checkpoint: where the run is, and the last login and grade seen per user."""

    def __init__(self, run: dict | None, logins: dict, grades: dict):
        self.run, self.logins, self.grades = run, logins, grades

    @classmethod
    def from_dict(cls, data: dict) -> _State:
        run = data.get("run") or {"course": 0, "stage": STAGES[0], "next": None}
        return cls(dict(run), _unpack(data.get("logins", "")),
                   {course: {k: float(v) for k, v in _unpack(seen).items()}
                    for course, seen in data.get("grades", {}).items()})

    def to_dict(self) -> dict:
        # Written with every page: one string per map, not a 10,000-key object, keeps that cheap.
        data = {"logins": _pack(self.logins), "grades": {c: _pack(s) for c, s in self.grades.items()}}
        if self.run is not None:
            data["run"] = dict(self.run)
        return data

    def advance(self, next_url: str | None, courses: int) -> None:
        """Follow the host's ``next`` link, or move to the next stage, course, or the end of the run."""
        if next_url:
            self.run["next"] = next_url
            return
        stage = STAGES.index(self.run["stage"]) + 1
        if stage < len(STAGES):
            self.run = {"course": self.run["course"], "stage": STAGES[stage], "next": None}
        elif self.run["course"] + 1 < courses:
            self.run = {"course": self.run["course"] + 1, "stage": STAGES[0], "next": None}
        else:
            self.run = None

    def skip_course(self, courses: int) -> None:
        """On to the next course (or the end of the run), whatever stage this one was in."""
        course = self.run["course"] + 1
        self.run = {"course": course, "stage": STAGES[0], "next": None} if course < courses else None

    def visits(self, accounts: list[dict]) -> list[ActivityEvent]:
        """A login for each ``last_login`` not seen before."""
        events = []
        for account in accounts:
            at = _visit(account)
            if at is not None and self.logins.get(account["username"]) != at.isoformat():
                self.logins[account["username"]] = at.isoformat()
                events.append(ActivityEvent(account["username"], at, "login", issuer=OPENEDX_HOST))
        return events

    def scores(self, course_id: str, grades: list[dict], now: datetime) -> list[ActivityEvent]:
        seen = self.grades.setdefault(course_id, {})
        events = []
        for grade in grades:
            username, percent = grade.get("username"), grade.get("percent")
            if not username or percent is None or seen.get(username) == percent:
                continue
            if percent > 0 or username in seen:
                events.append(ActivityEvent(username, now, "score", score=float(percent),
                                            issuer=OPENEDX_HOST))
            seen[username] = percent
        return events


def _pack(seen: dict) -> str:
    """``{username: value}`` as ``username\tvalue`` lines (Open edX usernames have no tabs or newlines)."""
    return "\n".join(f"{k}\t{v}" for k, v in seen.items())


def _unpack(text: str) -> dict:
    return dict(line.split("\t", 1) for line in text.splitlines() if line)


def _visit(account: dict) -> datetime | None:
    """The account's ``last_login`` if it is a visit (not the registration's own sign-in)."""
    last_login, joined = _parse(account.get("last_login")), _parse(account.get("date_joined"))
    if last_login is None or (joined is not None and last_login - joined < REGISTRATION_LOGIN):
        return None
    return last_login


def _parse(value) -> datetime | None:
    try:
        at = datetime.fromisoformat(value)
    except (TypeError, ValueError):
        return None
    return at if at.tzinfo else None
