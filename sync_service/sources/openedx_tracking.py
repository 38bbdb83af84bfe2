"""Open edX tracking logs (JSON lines, rotated and gzipped) as logins and our blocks' answers.

What a line looks like, read from Open edX (openedx/openedx-platform):

* Every event goes through ``LegacyFieldMappingProcessor`` (common/djangoapps/track/shim.py @ e57a655d):
  ``username`` is lifted to the top, ``data`` becomes ``event``, the name becomes ``event_type`` and the
  timestamp ``time``, written by ``DateTimeJSONEncoder`` as UTC ISO 8601 (track/utils.py).
* A login is ``edx.user.login`` with ``event = {"user_id": <id>, "event_type": "login"}``
  (common/djangoapps/student/models/user.py, ``log_successful_login``). It is emitted inside the
  login request, whose tracking context was taken before the user was known (track/middleware.py,
  ``enter_request_context``): its ``username`` is ``""`` and ``context.user_id`` is null. So a login
  names only a numeric user ID; we learn ID → username from the other lines of the same logs
  (every request of a signed-in user carries both) and hold a login back until its user is known.
* Our XBlock's ``runtime.publish(self, "nihongo.drill.answered", {...})`` reaches the log through
  ``server_track`` (lms/djangoapps/courseware/block_render.py, ``make_track_function``;
  track/views/__init__.py): ``event_type`` is the name, ``event`` the data
  (``{"item_id", "correct", "level"}``, xblocks/NATIVE_API.md), ``username`` the learner.

Subjects are usernames, which are the login IDs for the accounts our issuance created (a username that
is not is linked once by an operator: ``nihongo identities``). Every other event of a signed-in user in a
course (pages, videos, problems) is a ``seen`` event: a learner who stays signed in for weeks and
studies daily is present every day (docs/programme.md, "What counts as a login (P6)").

Files are recognised by their first line, not their name, because rotation renames them
(``tracking.log`` → ``tracking.log.1`` → ``tracking.log.2.gz``) and copytruncate starts a new file under
the old name. The checkpoint keeps, per first line, how many bytes were read up to the last complete
line; a page is at most ``lines_per_page`` lines, committed with its checkpoint.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import time
import zlib
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

from .base import OPENEDX_HOST, ActivityEvent, Page, PagedSource

LOGIN = "edx.user.login"
#: Our blocks' per-item events with the server's verdict (``correct``): each is an answered item.
ANSWERED = frozenset({"nihongo.drill.answered", "nihongo.dialect.answered", "nihongo.placement.answered"})
#: A mock test is judged only when it ends: its ``finished`` event says how many were answered and
#: the grade (percent of the test's items right), so its items count on the day it was finished.
MOCK_FINISHED = "nihongo.mock.finished"
#: A .gz older than this whose start cannot be read is corrupt, not one the rotation is still writing.
SETTLED_SECONDS = 600


class OpenEdxTrackingLogs(PagedSource):
    name = "openedx_tracking"
    subjects_are_usernames = True

    def __init__(self, path: Path | str, lines_per_page: int = 20_000, pattern: str = "tracking.log*",
                 clock=time.time):
        self.path, self.lines_per_page, self.pattern = Path(path), lines_per_page, pattern
        self.clock, self._unreadable = clock, []

    def pages(self, checkpoint: dict) -> Iterator[Page]:
        state = _State.from_dict(checkpoint)
        files = self._files()
        state.forget_files_except({key for key, _ in files})
        unreadable = tuple(self._unreadable)
        if not files:
            yield Page([], state.to_dict(), 1, 1, unreadable)
            return
        for done, (key, path) in enumerate(files, 1):
            problems = unreadable if done == 1 else ()
            try:
                for events in self._read(path, key, state):
                    yield Page(events, state.to_dict(), done - 1, len(files))
            except (OSError, EOFError, zlib.error) as exc:
                # A corrupt rotated file: what was read of it is kept, the other files are read.
                problems += (f"{path.name}: unreadable after byte {state.offsets.get(key, 0)} ({exc}); "
                             "the rest of it is skipped, the other logs were read",)
            yield Page([], state.to_dict(), done, len(files), problems)

    def _files(self) -> list[tuple[str, Path]]:
        """(first-line key, path) of every log with a complete first line, oldest first line first."""
        paths = [self.path] if self.path.is_file() else sorted(self.path.glob(self.pattern))
        found = {}
        self._unreadable = []
        for path in paths:
            first = _first_line(path)
            if first is not None:
                found.setdefault(hashlib.sha256(first).hexdigest()[:32], (_time_of(first), path))
            elif path.suffix == ".gz" and self.clock() - path.stat().st_mtime > SETTLED_SECONDS:
                # Not one being written by the rotation (those are new): a corrupt file, named.
                self._unreadable.append(f"{path.name}: not a readable gzip file; skipped, the other logs "
                                        "were read")
        return [(key, path) for key, (_, path) in sorted(found.items(), key=lambda kv: (kv[1][0], kv[0]))]

    def _read(self, path: Path, key: str, state: _State) -> Iterator[list[ActivityEvent]]:
        offset = state.offsets.get(key, 0)
        events, lines = [], 0
        try:
            with _open(path) as stream:
                stream.seek(offset)  # GzipFile seeks forward by decompressing: no cheaper way in a .gz
                for raw in stream:
                    if not raw.endswith(b"\n"):
                        break  # a line still being written: read it next time
                    offset += len(raw)
                    events.extend(state.events_from(_parse(raw)))
                    lines += 1
                    if lines % self.lines_per_page == 0:
                        state.offsets[key] = offset
                        yield events
                        events = []
        except (OSError, EOFError, zlib.error):
            state.offsets[key] = offset  # the lines before the damage count; the caller names the file
            yield events
            raise
        state.offsets[key] = offset
        if events or lines % self.lines_per_page:
            yield events


class _State:
    """The checkpoint: offsets per file, user IDs learnt, logins waiting for their username."""

    def __init__(self, offsets: dict, users: dict, waiting: list):
        self.offsets, self.users, self.waiting = offsets, users, waiting

    @classmethod
    def from_dict(cls, data: dict) -> _State:
        return cls(dict(data.get("offsets", {})), dict(data.get("users", {})),
                   [list(w) for w in data.get("waiting", [])])

    def to_dict(self) -> dict:
        return {"offsets": dict(self.offsets), "users": dict(self.users), "waiting": list(self.waiting)}

    def forget_files_except(self, keys: set[str]) -> None:
        """Files deleted by log retention never come back; their offsets would only grow the checkpoint."""
        self.offsets = {k: v for k, v in self.offsets.items() if k in keys}

    def events_from(self, line: dict | None) -> list[ActivityEvent]:
        if not line:
            return []
        found = self._learn(line)
        kind, at = line.get("event_type"), _time(line.get("time"))
        if at is None:
            return found
        if kind == LOGIN:
            user_id = str(_data(line).get("user_id") or "")
            if user_id in self.users:
                found.append(ActivityEvent(self.users[user_id], at, "login", issuer=OPENEDX_HOST))
            elif user_id:
                self.waiting.append([user_id, at.isoformat()])
        elif kind in ANSWERED and _username(line):
            correct = _data(line).get("correct")
            found.append(ActivityEvent(_username(line), at, "answer", correct=bool(correct),
                                       issuer=OPENEDX_HOST))
        elif kind == MOCK_FINISHED and _username(line):
            found.extend(_mock_answers(_username(line), at, _data(line)))
        elif _username(line) and (line.get("context") or {}).get("course_id"):
            # Anything else done in a course (a page, a video, a problem): the learner was there.
            found.append(ActivityEvent(_username(line), at, "seen", issuer=OPENEDX_HOST))
        return found

    def _learn(self, line: dict) -> list[ActivityEvent]:
        """Remember who a user ID is; release the logins that were waiting for it."""
        user_id, username = (line.get("context") or {}).get("user_id"), _username(line)
        if user_id in (None, "") or not username or self.users.get(str(user_id)) == username:
            return []
        self.users[str(user_id)] = username
        released = [ActivityEvent(username, datetime.fromisoformat(at), "login", issuer=OPENEDX_HOST)
                    for uid, at in self.waiting if uid == str(user_id)]
        self.waiting = [w for w in self.waiting if w[0] != str(user_id)]
        return released


def _mock_answers(username: str, at: datetime, data: dict) -> list[ActivityEvent]:
    try:
        answered, items, grade = int(data.get("answered") or 0), int(data.get("item_count") or 0), \
            float(data.get("grade") or 0)
    except (TypeError, ValueError):
        return []
    right = min(answered, round(grade * items / 100))
    return [ActivityEvent(username, at, "answer", correct=n < right, issuer=OPENEDX_HOST)
            for n in range(max(answered, 0))]


def _username(line: dict) -> str:
    name = line.get("username") or ""
    return "" if name == "anonymous" else name


def _data(line: dict) -> dict:
    data = line.get("event")
    if isinstance(data, str):  # browser events carry their data JSON-encoded (shim.py)
        try:
            data = json.loads(data)
        except ValueError:
            return {}
    return data if isinstance(data, dict) else {}


def _parse(raw: bytes) -> dict | None:
    start = raw.find(b"{")  # tolerate a syslog-style prefix before the JSON
    if start < 0:
        return None
    try:
        line = json.loads(raw[start:])
    except ValueError:
        return None
    return line if isinstance(line, dict) else None


def _time(value) -> datetime | None:
    try:
        at = datetime.fromisoformat(value)
    except (TypeError, ValueError):
        return None
    return at if at.tzinfo else None


def _time_of(first_line: bytes) -> str:
    at = _time((_parse(first_line) or {}).get("time"))
    return at.isoformat() if at else ""


def _open(path: Path):
    return gzip.open(path, "rb") if path.suffix == ".gz" else path.open("rb")


def _first_line(path: Path) -> bytes | None:
    try:
        with _open(path) as stream:
            line = stream.readline()
    except (OSError, EOFError, zlib.error):
        return None  # a gzip file still being written by the rotation (or a corrupt one: see _files)
    return line if line.endswith(b"\n") else None
