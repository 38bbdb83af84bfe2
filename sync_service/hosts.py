"""``nihongo hosts push``: tell the host LMS what the rules decided (P6: stopped learners lose access).

``rules_run.apply`` stops a suspended company's learners and queues one ``HostAction`` per learner.
The LTI tool refuses stopped learners by itself; Open edX must be told, so each pending or failed
``unenroll`` action is sent for every programme course (``OPENEDX_COURSE_IDS``) through the adapter in
``sources/openedx_actions.py`` (Open edX's Enrollment API; the request shape and permissions are cited
there: openedx/openedx-platform openedx/core/djangoapps/enrollments/views.py @ 85f323f1).

* Idempotent: a done action is never selected again, and the adapter reads each enrollment before
  changing it, so a course already handled by an earlier, partly failed push is not sent twice.
  An enrollment that is missing or already inactive (or a username Open edX does not know) counts
  as done.
* A failure is recorded on the action (``status=failed``, the host's message, ``attempts``) and the
  action is tried again by the next push. Each action is saved as soon as it is decided, so an
  interrupted push keeps what it did.
* Output and stored errors name learners by login ID only (``Learner.__str__``); a host message that
  quotes the Open edX username has it replaced by the login ID.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Protocol

import requests

from programme.models import HostAction, Learner

DONE, FAILED, SKIPPED, WOULD_SEND = "done", "failed", "skipped", "would send"


class HostClient(Protocol):
    course_ids: tuple[str, ...]

    def unenroll(self, username: str, course_id: str) -> str: ...


@dataclass
class ActionResult:
    action_id: int
    login_id: str
    action: str
    outcome: str  # done | failed | skipped | would send
    courses: list[tuple[str, str]] = field(default_factory=list)  # (course ID, what the host said)
    error: str = ""

    def line(self) -> str:
        detail = "; ".join(f"{course}: {said}" for course, said in self.courses)
        if self.error:
            detail = f"{detail}; {self.error}" if detail else self.error
        return f"action {self.action_id:<5} {self.login_id:<12} {self.action:<9} {self.outcome:<10} {detail}"


@dataclass
class PushResult:
    results: list[ActionResult] = field(default_factory=list)
    dry_run: bool = False

    def count(self, outcome: str) -> int:
        return sum(r.outcome == outcome for r in self.results)

    @property
    def failed(self) -> int:
        return self.count(FAILED)

    def summary(self) -> str:
        if self.dry_run:
            return f"{self.count(WOULD_SEND)} actions would be sent (dry run: nothing sent)"
        return (f"{self.count(DONE)} done, {self.failed} failed, {self.count(SKIPPED)} skipped "
                f"of {len(self.results)} actions")


def outstanding():
    """Pending and failed actions, oldest first (a done action is never sent again)."""
    return (HostAction.objects.filter(status__in=[HostAction.Status.PENDING, HostAction.Status.FAILED])
            .select_related("learner").order_by("id"))


def push(client: HostClient | None, now: datetime, dry_run: bool = False,
         course_ids: tuple[str, ...] | None = None) -> PushResult:
    """Send every outstanding action to the host and record what happened.

    With ``dry_run`` nothing is sent or changed (``client`` may be ``None`` then; pass ``course_ids``).
    """
    courses = tuple(course_ids if course_ids is not None else client.course_ids)
    result = PushResult(dry_run=dry_run)
    for action in outstanding():
        learner = action.learner
        if dry_run:
            result.results.append(ActionResult(action.id, learner.login_id, action.action, WOULD_SEND,
                                               [(c, "to send") for c in courses]))
            continue
        result.results.append(_send(client, action, learner, courses, now))
    return result


def _send(client: HostClient, action: HostAction, learner: Learner, courses: tuple[str, ...],
          now: datetime) -> ActionResult:
    found = ActionResult(action.id, learner.login_id, action.action, DONE)
    if learner.status != Learner.Status.STOPPED:  # re-admitted since: unenrolling now would be wrong
        found.outcome, found.error = SKIPPED, "learner is active again: not sent (action left as it was)"
        return found
    action.attempts += 1
    if action.action != "unenroll":
        found.outcome, found.error = FAILED, f"unknown action {action.action!r}"
    elif not courses:
        found.outcome, found.error = FAILED, "no programme courses configured (OPENEDX_COURSE_IDS)"
    else:
        for course_id in courses:
            try:
                found.courses.append((course_id, client.unenroll(learner.lms_user_id, course_id)))
            except requests.RequestException as exc:  # HostRefused, GaveUp, a token refused…
                message = _redact(str(exc), learner)
                found.courses.append((course_id, "failed"))
                found.outcome = FAILED
                found.error = "; ".join(filter(None, [found.error, f"{course_id}: {message}"]))
    if found.outcome == DONE:
        action.status, action.error, action.done_at = HostAction.Status.DONE, "", now
    else:
        action.status, action.error = HostAction.Status.FAILED, found.error
    action.save(update_fields=["status", "error", "done_at", "attempts"])
    return found


def _redact(message: str, learner: Learner) -> str:
    """Host messages may quote the Open edX username: show the login ID instead."""
    if learner.lms_user_id and learner.lms_user_id != learner.login_id:
        message = message.replace(learner.lms_user_id, learner.login_id)
    return message
