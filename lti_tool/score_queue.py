"""Scores on their way to the platform: every score is queued, tried at once, and retried with backoff.

A platform that is down loses nothing: the score stays ``pending`` with its own AGS claim (scopes and
line item URLs), so ``nihongo lti retry-scores`` can send it later with a fresh access token from the
registration alone, without the launch. Timestamps strictly increase per learner and link (platforms
refuse a score not newer than the last); a newer score supersedes an older one still waiting.
"""

from __future__ import annotations

import hashlib
import logging
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

import requests
from django.core.cache import cache
from django.db.models import Min
from pylti1p3.assignments_grades import AssignmentsGradesService
from pylti1p3.exception import LtiServiceException
from pylti1p3.grade import Grade as AgsGrade
from pylti1p3.lineitem import LineItem
from pylti1p3.service_connector import ServiceConnector

from . import services, statements
from .models import LaunchRecord, PlatformRegistration, ScoreRecord
from .tool_config import DbToolConf

log = logging.getLogger(__name__)

AGS_CLAIM = "https://purl.imsglobal.org/spec/lti-ags/claim/endpoint"
FIRST_BACKOFF = timedelta(minutes=1)
MAX_BACKOFF = timedelta(hours=6)
#: Tries before a score is given up (about a day and a half with the backoff above).
MAX_ATTEMPTS = 12
#: While one try is under way, no other worker picks the score (longer than a try can take).
LEASE = timedelta(minutes=2)
#: Scores claimed together and then tried one after another: their tries must end within ``LEASE``.
CLAIMED_AT_ONCE = 10
#: An access token is reused until this long before the platform said it expires.
TOKEN_MARGIN_SECONDS = 60
#: Statuses worth another try: the platform is busy, down or its token was refused.
TRANSIENT_STATUSES = frozenset({401, 408, 425, 429})
FINAL = ("Completed", "FullyGraded")
IN_PROGRESS = ("InProgress", "Pending")
State = ScoreRecord.State


class NoGradeService(LookupError):
    """The launch carried no usable AGS claim: nothing to send the score to."""


def backoff(attempts: int) -> timedelta:
    """The wait after the ``attempts``-th failed try: 1 min, 2, 4 … up to 6 h."""
    return min(FIRST_BACKOFF * 2 ** max(attempts - 1, 0), MAX_BACKOFF)


def is_transient(exc: Exception) -> bool:
    """Network trouble, 5xx and the statuses above are retried; any other refusal is final."""
    if isinstance(exc, requests.RequestException):
        return True
    status = getattr(getattr(exc, "response", None), "status_code", None)
    return status is not None and (status >= 500 or status in TRANSIENT_STATUSES)


def describe(exc: Exception) -> str:
    """A readable reason (PyLTI1p3's HTTP errors already name the URL, status and body)."""
    return f"{type(exc).__name__}: {exc}"[:1000]


def _stamp(moment: datetime) -> datetime:
    return moment.replace(microsecond=moment.microsecond // 1000 * 1000)


def next_timestamp(registration: PlatformRegistration, subject: str, resource_link_id: str,
                   now: datetime) -> datetime:
    """``now`` to the millisecond, or 1 ms after this learner's last score on this link if that is later."""
    last = statements.last_score_timestamp(registration.pk, subject, resource_link_id)
    stamp = _stamp(now)
    return stamp if last is None or stamp > last else last + timedelta(milliseconds=1)


def enqueue(record: LaunchRecord, earned: int, possible: int, now: datetime, ags: dict | None,
            progress: tuple[str, str] = FINAL, label: str = "",
            writes: statements.Writes | None = None) -> ScoreRecord:
    """A new pending score for the launch's learner and link; older waiting ones are superseded (at once,
    or with ``writes``). With ``writes`` on PostgreSQL the score itself waits for them too: its ``id`` is
    set once they have run."""
    key = {"registration": record.registration, "subject": record.subject,
           "resource_link_id": record.resource_link_id}
    score = ScoreRecord(**key, earned=earned, possible=possible, sent_at=now, ags=ags or {},
                        activity=record.activity[:32], label=label[:200],
                        activity_progress=progress[0], grading_progress=progress[1],
                        state=State.PENDING, next_try_at=now)
    if writes is not None and statements.batches():  # one statement among the caller's writes, one trip
        statements.insert_score(score, _stamp(now), State.SUPERSEDED.value, writes)
        return score
    score.timestamp = next_timestamp(now=now, **key)
    score.save()
    statements.supersede_scores(record.registration_id, record.subject, record.resource_link_id, score.id,
                                State.PENDING.value, State.SUPERSEDED.value, writes)
    return score


def ags_grade(score: ScoreRecord) -> AgsGrade:
    """The AGS score (LMSs publish only ``FullyGraded`` ones)."""
    return (AgsGrade().set_score_given(score.earned).set_score_maximum(score.possible)
            .set_user_id(score.subject).set_timestamp(score.timestamp.isoformat(timespec="milliseconds"))
            .set_activity_progress(score.activity_progress).set_grading_progress(score.grading_progress))


def line_item(score: ScoreRecord) -> LineItem:
    """The line item of this activity link, for platforms that let the tool create it."""
    label = score.label or score.activity or "Japanese practice"
    return (LineItem().set_tag(score.activity or "jlpt_drill").set_resource_link_id(score.resource_link_id)
            .set_label(label).set_score_maximum(score.possible))


def send(score: ScoreRecord, connector: ServiceConnector) -> None:
    """Put the score: to the launch's line item (Open edX's default, no line-item scope needed), or to
    the link's own line item, found or created through the line-items service."""
    claim = score.ags or {}
    if not claim.get("lineitem") and not claim.get("lineitems"):
        raise NoGradeService("the platform offered no grade service (AGS) in this launch")
    service = AssignmentsGradesService(connector, {**claim, "scope": list(claim.get("scope") or [])})
    if claim.get("lineitem"):
        service.put_grade(ags_grade(score))
        return
    item = service.find_or_create_lineitem(line_item(score), find_by="resource_link_id")
    service.put_grade(ags_grade(score), item)


def attempt(score: ScoreRecord, connector: ServiceConnector, now: datetime) -> ScoreRecord:
    """One try; records the outcome and, after a transient failure, when to try again. Never raises."""
    _try(score, connector, now)
    return score


def _try(score: ScoreRecord, connector: ServiceConnector, now: datetime) -> Exception | None:
    """``attempt``, telling what went wrong (None: delivered)."""
    score.attempts += 1
    failure = None
    try:
        send(score, connector)
    except Exception as exc:  # network, token, HTTP refusal: all recorded, the score stays in the table
        failure, score.error = exc, describe(exc)
        if isinstance(exc, NoGradeService):
            score.state, score.next_try_at = State.NOT_GRADED, None
        elif is_transient(exc) and score.attempts < MAX_ATTEMPTS:
            score.state, score.next_try_at = State.PENDING, now + backoff(score.attempts)
        else:
            score.state, score.next_try_at = State.FAILED, None
        log.warning("AGS score %s for %s not delivered (try %d, %s): %s", score.id, score.registration,
                    score.attempts, score.state, score.error)
    else:
        score.state, score.delivered, score.error, score.next_try_at = State.DELIVERED, True, "", None
    score.save()
    return failure


class TokenReusingConnector(ServiceConnector):
    """PyLTI1p3's connector, with its access tokens kept in the shared cache until they expire.

    PyLTI1p3 keeps a token for the life of one connector object, and never looks at ``expires_in``.
    Here every worker reuses a token until ``TOKEN_MARGIN_SECONDS`` before it expires; the key names
    the registration, its client ID and the signing key, so a rotated key or another client gets its
    own; a token the platform refuses (401) is dropped and one fresh token is asked for at once.
    """

    def _token_key(self, scopes) -> str:
        reg = self._registration
        raw = "|".join([reg.get_issuer() or "", reg.get_client_id() or "", reg.get_kid() or "",
                        reg.get_auth_token_url() or "", *sorted(scopes)])
        return "lti-ags-token-" + hashlib.sha256(raw.encode()).hexdigest()

    def get_access_token(self, scopes) -> str:
        """The token for ``scopes``: this connector's (one message's scores share it), else the cache's,
        else a fresh one."""
        key = self._token_key(scopes)
        held = self.__dict__.setdefault("_held", {})
        if key not in held:
            held[key] = cache.get(key) or self._fetch_token(scopes)
        return held[key]

    def _fetch_token(self, scopes) -> str:
        """PyLTI1p3's client-credentials grant (a signed client assertion), keeping ``expires_in``."""
        reg = self._registration
        now = int(time.time())
        assertion = self.encode_jwt(
            {"iss": reg.get_client_id(), "sub": reg.get_client_id(),
             "aud": reg.get_auth_audience() or reg.get_auth_token_url(), "iat": now - 5, "exp": now + 60,
             "jti": f"lti-service-token-{uuid.uuid4()}"},
            reg.get_tool_private_key(), {"kid": reg.get_kid()} if reg.get_kid() else {})
        response = self._requests_session.post(reg.get_auth_token_url(), data={
            "grant_type": "client_credentials",
            "client_assertion_type": "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
            "client_assertion": assertion, "scope": " ".join(sorted(scopes))})
        if not response.ok:
            raise LtiServiceException(response)
        body = response.json()
        token = body["access_token"]
        try:
            lifetime = int(body.get("expires_in") or 0)
        except (TypeError, ValueError):
            lifetime = 0
        if lifetime > TOKEN_MARGIN_SECONDS:
            cache.set(self._token_key(scopes), token, timeout=lifetime - TOKEN_MARGIN_SECONDS)
        return token

    def make_service_request(self, scopes, url, *args, **kwargs):
        try:
            return super().make_service_request(scopes, url, *args, **kwargs)
        except LtiServiceException as exc:
            if getattr(getattr(exc, "response", None), "status_code", None) != 401:
                raise
            cache.delete(self._token_key(scopes))  # refused: revoked or expired early
            self.__dict__.get("_held", {}).pop(self._token_key(scopes), None)
            return super().make_service_request(scopes, url, *args, **kwargs)


def connector_for(registration: PlatformRegistration) -> ServiceConnector:
    """A service connector from the registration alone (tokens reused until they expire)."""
    return TokenReusingConnector(DbToolConf().registration(registration), services.http_session())


def _claimed(score_id: int, now: datetime) -> bool:
    """Whether the score waited and its time had come; then it is held for ``LEASE``, so no other try
    sends it too."""
    return bool(ScoreRecord.objects.filter(pk=score_id, state=State.PENDING, delivered=False,
                                           next_try_at__lte=now).update(next_try_at=now + LEASE))


@dataclass(frozen=True)
class RetryRun:
    tried: int
    delivered: int
    waiting: int
    failed: int


def retry_due(now: datetime, include_failed: bool = False) -> RetryRun:
    """Try every pending score whose time has come (``include_failed``: failed ones too, once more)."""
    if include_failed:
        ScoreRecord.objects.filter(state=State.FAILED, delivered=False).update(
            state=State.PENDING, next_try_at=now, attempts=0)
    due = list(ScoreRecord.objects.filter(state=State.PENDING, delivered=False, next_try_at__lte=now)
               .order_by("next_try_at", "id").values_list("id", flat=True))
    outcomes = []
    for start in range(0, len(due), CLAIMED_AT_ONCE):  # each claimed shortly before its try (``LEASE``)
        outcomes += [state for state in send_now(due[start:start + CLAIMED_AT_ONCE], lambda: now)
                     if state != NOT_WAITING]
    return RetryRun(tried=len(outcomes), delivered=outcomes.count(State.DELIVERED),
                    waiting=outcomes.count(State.PENDING),
                    failed=len(outcomes) - outcomes.count(State.DELIVERED) - outcomes.count(State.PENDING))


#: ``send_now``'s word for a score it left alone: another try holds it, or it no longer waits.
NOT_WAITING = "not waiting"


def send_now(score_ids: list[int], clock: Callable[[], datetime]) -> list[str]:
    """Try each score of ``score_ids`` that waits and is due, in order, each claimed (``_claimed``, the time
    from ``clock``) just before its try; their states after it, ``NOT_WAITING`` for the others. One
    connector per platform: its access token and HTTP connection serve all its scores. Once a platform
    cannot be reached, its other scores here are left waiting for the minute's retry rather than each
    waiting out the timeout too."""
    scores = ScoreRecord.objects.select_related("registration").in_bulk(score_ids)
    connectors: dict[int, ServiceConnector] = {}
    unreachable: set[int] = set()
    states = []
    for score_id in score_ids:
        score, now = scores.get(score_id), clock()
        if score is None or score.registration_id in unreachable or not _claimed(score_id, now):
            states.append(NOT_WAITING)
            continue
        if score.registration_id not in connectors:
            connectors[score.registration_id] = connector_for(score.registration)
        failure = _try(score, connectors[score.registration_id], now)
        if isinstance(failure, (requests.ConnectionError, requests.Timeout)):
            unreachable.add(score.registration_id)
        states.append(score.state)
    return states


@dataclass(frozen=True)
class QueueSummary:
    pending: int
    failed: int
    oldest_pending: datetime | None
    next_try: datetime | None
    last_error: str


def summary() -> QueueSummary:
    """What ``nihongo status`` shows: scores waiting, scores given up."""
    pending = ScoreRecord.objects.filter(state=State.PENDING, delivered=False)
    failed = ScoreRecord.objects.filter(state=State.FAILED, delivered=False)
    times = pending.aggregate(oldest=Min("sent_at"), next=Min("next_try_at"))
    last = (ScoreRecord.objects.filter(delivered=False, state__in=[State.PENDING, State.FAILED])
            .exclude(error="").order_by("-id").values_list("error", flat=True).first())
    return QueueSummary(pending.count(), failed.count(), times["oldest"], times["next"], last or "")


#: A due retry this late means ``nihongo lti retry-scores`` is not scheduled.
RETRY_OVERDUE = timedelta(minutes=30)


def status_line(now: datetime) -> tuple[str, list[str]]:
    """The ``nihongo status`` line about grades, and its problems (each with the fix)."""
    queue = summary()
    line = f"LTI scores: {queue.pending} waiting for the platform, {queue.failed} failed"
    if queue.pending:
        line += f" (oldest {queue.oldest_pending:%Y-%m-%d %H:%M}, next try {queue.next_try:%Y-%m-%d %H:%M})"
    problems = []
    if queue.failed:
        problems.append(f"{queue.failed} LTI score(s) not delivered (last error: {queue.last_error[:200]}): "
                        "fix the platform or its registration, then "
                        "`nihongo lti retry-scores --include-failed`")
    if queue.next_try and now - queue.next_try > RETRY_OVERDUE:
        problems.append("LTI scores are overdue for a retry: "
                        "schedule `nihongo lti retry-scores` (every 5 min)")
    return line, problems
