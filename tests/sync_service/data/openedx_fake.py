"""A small Open edX LMS over real HTTP: the token endpoint and the three APIs the sync reads.

Shapes and paging follow Open edX's own code (openedx/openedx-platform):

* token: ``POST /oauth2/access_token`` with client credentials and ``token_type=jwt``
  (openedx/core/djangoapps/oauth_dispatch/views.py, ``AccessTokenView``); calls then carry
  ``Authorization: JWT <token>`` (edx-rest-api-client 6.2.0, auth.py ``SuppliedJwtAuth``).
* enrollments: ``CourseEnrollmentsApiListView`` and ``CourseEnrollmentsApiListSerializer``
  (openedx/core/djangoapps/enrollments/views.py @ 85f323f1, serializers.py @ e57a655d): cursor pages of
  at most 100, items ``{created, mode, is_active, user, course_id}``.
* grades: ``CourseGradesView`` (lms/djangoapps/grades/rest_api/v1/views.py @ e57a655d) with
  ``CourseEnrollmentPagination`` (v1/utils.py @ e57a655d: cursor on ``id``, 50 by default, ``page_size``
  uncapped, active enrollments only), items from ``_serialize_user_grade``; with ``username`` a
  one-element list, unpaged.
* accounts: ``AccountViewSet.list`` / ``retrieve`` (openedx/core/djangoapps/user_api/accounts/views.py)
  serialised as ``UserReadOnlySerializer`` (accounts/serializers.py @ 5c57af55) with the admin fields.
* one enrollment and changing it: ``EnrollmentView.get`` (``GET /api/enrollment/v1/enrollment/
  {username},{course_id}``: the enrollment, or an empty body when there is none) and
  ``EnrollmentListView.post`` (``POST /api/enrollment/v1/enrollment`` with ``user``, ``is_active`` and
  ``course_details.course_id``; views.py @ 85f323f1): 406 for an unknown user, 400 without a course ID
  or with a non-boolean ``is_active``; a real change is an update, anything else goes through
  ``add_enrollment`` (enroll, then set ``is_active``), which ``reactivations`` counts. Every POST body
  is kept in ``enrollment_posts``.
* cursors are encoded as Django REST framework's ``CursorPagination.encode_cursor`` does (base64 of
  ``p=<position>``), and datetimes rendered as DRF's JSON encoder does (ISO 8601, ms, ``Z``).
"""

from __future__ import annotations

import base64
import bisect
import json
import threading
import time
from collections import Counter
from dataclasses import dataclass
from datetime import datetime, timezone
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, unquote, urlencode, urlsplit

TOKEN = "eyJhbGciOiJSUzUxMiJ9.fake.jwt"


@dataclass
class FakeUser:
    id: int
    username: str
    date_joined: datetime
    last_login: datetime | None = None
    percent: float = 0.0
    enrolled: bool = True  # is_active of the enrollment


class FakeOpenEdx:
    """Start with ``with FakeOpenEdx(users) as lms:``; ``lms.url`` is its base URL."""

    def __init__(self, users: list[FakeUser], course_id: str = "course-v1:Kagoshima+N5+2026",
                 latency: float = 0.0, client_id: str = "nihongo-sync", client_secret: str = "s3cret"):
        self.users, self.course_id, self.latency = {u.username: u for u in users}, course_id, latency
        self.client = (client_id, client_secret)
        self.calls: Counter[str] = Counter()
        self.token_requests: list[dict] = []
        self._faults: list[list] = []  # [route, status, times, retry_after, message]
        self.other_enrollments: dict[tuple[str, str], bool] = {}  # (username, course_id) -> is_active
        self.enrollment_posts: list[dict] = []
        self.reactivations = 0  # POSTs that took add_enrollment's path (re-enrolled, then set inactive)
        self._lock = threading.Lock()

    def fail(self, route: str, status: int, times: int, retry_after: float | None = None,
             message: str = "Request was throttled.") -> None:
        """The next ``times`` calls to ``route`` answer ``status`` (with ``Retry-After`` if given)."""
        self._faults.append([route, status, times, retry_after, message])

    def enroll(self, username: str, course_id: str, active: bool = True) -> None:
        """An enrollment in a course other than ``course_id`` (the main course follows ``FakeUser``)."""
        if course_id == self.course_id:
            self.users[username].enrolled = active
        else:
            self.other_enrollments[(username, course_id)] = active

    def is_active(self, username: str, course_id: str) -> bool | None:
        """The enrollment's ``is_active``, or ``None`` when there is no enrollment."""
        if course_id == self.course_id and username in self.users:
            return self.users[username].enrolled
        return self.other_enrollments.get((username, course_id))

    def recover(self) -> None:
        self._faults.clear()

    def __enter__(self) -> FakeOpenEdx:
        lms = self

        class Handler(_Handler):
            server_lms = lms

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        threading.Thread(target=self._server.serve_forever, args=(0.05,), daemon=True).start()
        self.url = f"http://127.0.0.1:{self._server.server_address[1]}"
        return self

    def __exit__(self, *exc) -> None:
        self._server.shutdown()
        self._server.server_close()

    # What the views answer.

    def fault_for(self, route: str):
        with self._lock:
            for fault in self._faults:
                if fault[0] == route and fault[2] > 0:
                    fault[2] -= 1
                    return fault[1], fault[3], fault[4]
        return None

    def enrollments(self, query: dict, url: str):
        size = min(int(query.get("page_size", 100)), 100)  # CourseEnrollmentsApiListPagination
        rows = [u for u in self._by_id() if query.get("course_id") in (None, self.course_id)]
        page, next_url = _cursor_page(rows, query, size, url)
        return {"next": next_url, "previous": None, "results": [
            {"created": _drf(u.date_joined), "mode": "audit", "is_active": u.enrolled, "user": u.username,
             "course_id": self.course_id} for u in page]}

    def grades(self, query: dict, url: str):
        active = [u for u in self._by_id() if u.enrolled]
        if "username" in query:
            return [self._grade(u) for u in active if u.username == query["username"]] or None
        page, next_url = _cursor_page(active, query, int(query.get("page_size", 50)), url)
        return {"next": next_url, "previous": None, "results": [self._grade(u) for u in page]}

    def accounts(self, usernames: list[str], base: str):
        found = [self._account(self.users[n], base) for n in usernames if n in self.users]
        return found or None  # get_account_settings raises UserNotFound: 404

    def enrollment(self, username: str, course_id: str):
        active = self.is_active(username, course_id)
        return None if active is None else self._enrollment(username, course_id, active)

    def change_enrollment(self, data: dict):
        """``EnrollmentListView.post`` as global staff: (status, body)."""
        self.enrollment_posts.append(data)
        username, course_id = data.get("user"), (data.get("course_details") or {}).get("course_id")
        is_active = data.get("is_active")
        if not course_id:
            return 400, {"message": "Course ID must be specified to create a new enrollment."}
        if username not in self.users:
            return 406, {"message": f"The user {username} does not exist."}
        if is_active is not None and not isinstance(is_active, bool):
            return 400, {"message": f"'{is_active}' is an invalid enrollment activation status."}
        current = self.is_active(username, course_id)
        wanted = True if is_active is None else is_active
        if current is None or current == wanted:
            self.reactivations += 1  # add_enrollment: CourseEnrollment.enroll, then _update_enrollment
        with self._lock:
            self.enroll(username, course_id, wanted)
        return 200, self._enrollment(username, course_id, wanted)

    def _enrollment(self, username: str, course_id: str, active: bool) -> dict:
        user = self.users.get(username)
        return {"created": _drf(user.date_joined) if user else None, "mode": "audit", "is_active": active,
                "user": username, "course_details": {"course_id": course_id}}

    def _by_id(self) -> list[FakeUser]:
        if len(getattr(self, "_sorted", ())) != len(self.users):
            self._sorted = sorted(self.users.values(), key=lambda u: u.id)
        return self._sorted

    def _grade(self, u: FakeUser) -> dict:
        passed = u.percent >= 0.6
        return {"username": u.username, "email": "", "course_id": self.course_id, "passed": passed,
                "percent": u.percent, "letter_grade": "Pass" if passed else None}

    def _account(self, u: FakeUser, base: str) -> dict:
        return {"username": u.username, "url": f"{base}/api/user/v1/accounts/{u.username}",
                "email": f"{u.username}@learners.example", "id": u.id,
                "date_joined": _drf(u.date_joined.replace(microsecond=0)), "last_login": _drf(u.last_login),
                "is_active": True, "bio": None, "country": "VN", "state": None,
                "profile_image": {"has_image": False}, "language_proficiencies": [], "name": "",
                "gender": None, "goals": "", "year_of_birth": None, "level_of_education": None,
                "mailing_address": "", "requires_parental_consent": False, "account_privacy": "private",
                "social_links": [], "extended_profile_fields": None, "phone_number": None,
                "pending_name_change": None, "verified_name": None}


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive, as behind a real LMS's proxy
    disable_nagle_algorithm = True  # headers and body go out at once, not 40 ms apart
    server_lms: FakeOpenEdx

    def log_message(self, *args) -> None:
        pass

    def do_POST(self) -> None:
        lms = self.server_lms
        body = self.rfile.read(int(self.headers.get("Content-Length", 0))).decode()
        if urlsplit(self.path).path.rstrip("/") == "/api/enrollment/v1/enrollment":
            return self._change_enrollment(body)
        form = {k: v[0] for k, v in parse_qs(body).items()}
        lms.calls["token"] += 1
        lms.token_requests.append(form)
        if urlsplit(self.path).path != "/oauth2/access_token":
            return self._send(404, {"detail": "Not found."})
        if (form.get("client_id"), form.get("client_secret")) != lms.client:
            return self._send(401, {"error": "invalid_client"})
        self._send(200, {"access_token": TOKEN, "expires_in": 36000, "token_type": "JWT",
                         "scope": "read write email profile"})

    def do_GET(self) -> None:
        lms = self.server_lms
        if lms.latency:
            time.sleep(lms.latency)
        parts = urlsplit(self.path)
        query = {k: v[0] for k, v in parse_qs(parts.query).items()}
        route, body = self._route(parts.path, query)
        lms.calls[route] += 1
        if self.headers.get("Authorization") != f"JWT {TOKEN}":
            return self._send(401, {"detail": "Authentication credentials were not provided."})
        if self._faulted(route):
            return
        if route == "enrollment":  # Response(None) renders as an empty body
            return self._send(200, body) if body is not None else self._send_empty(200)
        if body is None:
            return self._send(404, {"detail": "Not found."})
        self._send(200, body)

    def _faulted(self, route: str) -> bool:
        fault = self.server_lms.fault_for(route)
        if fault:
            status, retry_after, message = fault
            headers = {"Retry-After": str(retry_after)} if retry_after is not None else {}
            key = "detail" if status in (429, 401, 403) else "message"
            self._send(status, {key: message}, headers)
        return bool(fault)

    def _change_enrollment(self, body: str) -> None:
        lms = self.server_lms
        lms.calls["enrollment_change"] += 1
        if self.headers.get("Authorization") != f"JWT {TOKEN}":
            return self._send(401, {"detail": "Authentication credentials were not provided."})
        if self._faulted("enrollment_change"):
            return
        try:
            data = json.loads(body or "{}")
        except ValueError:
            return self._send(400, {"detail": "JSON parse error"})
        self._send(*lms.change_enrollment(data))

    def _route(self, path: str, query: dict):
        lms, base = self.server_lms, self.server_lms.url
        url = base + self.path
        if path.startswith("/api/enrollment/v1/enrollment/"):
            username, _, course_id = unquote(path[len("/api/enrollment/v1/enrollment/"):]).partition(",")
            return "enrollment", lms.enrollment(username, course_id)
        if path.rstrip("/") == "/api/enrollment/v1/enrollments":
            return "enrollments", lms.enrollments(query, url)
        if path.startswith("/api/grades/v1/courses/"):
            return "grades", lms.grades(query, url)
        if path.rstrip("/") == "/api/user/v1/accounts":
            return "accounts", lms.accounts(query.get("username", "").strip(",").split(","), base)
        if path.startswith("/api/user/v1/accounts/"):
            found = lms.accounts([path.rstrip("/").rsplit("/", 1)[1]], base)
            return "account", found[0] if found else None
        return "unknown", None

    def _send_empty(self, status: int) -> None:
        self.send_response(status)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def _send(self, status: int, body, headers: dict | None = None) -> None:
        data = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(data)


def _cursor_page(rows: list[FakeUser], query: dict, size: int, url: str):
    """DRF CursorPagination on ``id``: the rows after the cursor's position, and the next link."""
    after = -1
    if "cursor" in query:
        tokens = parse_qs(base64.b64decode(query["cursor"]).decode("ascii"))
        after = int(tokens["p"][0])
    start = bisect.bisect_right([u.id for u in rows], after)
    page = rows[start:start + size]
    if start + size >= len(rows):
        return page, None
    parts = urlsplit(url)
    params = {k: v[0] for k, v in parse_qs(parts.query).items()}
    params["cursor"] = base64.b64encode(urlencode({"p": page[-1].id}).encode("ascii")).decode("ascii")
    return page, f"{parts.scheme}://{parts.netloc}{parts.path}?{urlencode(params)}"


def _drf(value: datetime | None) -> str | None:
    """Django REST framework's JSON encoder: ISO 8601, milliseconds, ``Z`` for UTC."""
    if value is None:
        return None
    text = value.astimezone(timezone.utc).isoformat()
    if value.microsecond:
        text = text[:23] + text[26:]
    return text.replace("+00:00", "Z")
