"""Which learner a host's user is: links per (issuer, subject), made from claims or by an operator.

Hosts name their users their own way: Moodle sends its numeric user id as the LTI ``sub``, Canvas an
opaque id, Open edX an anonymous (external) id. None of them is our login ID, so a launch is linked
to a learner by a claim that carries the login ID (``hints``, read by the LTI tool from the launch):

==========================  ==========================================================================
hint                        where it comes from (docs/deployers/identities.md has the settings)
==========================  ==========================================================================
``custom.login_id``         Canvas: a custom field ``login_id=$Canvas.user.loginId`` on the tool
``ext.user_username``       Moodle: its ``ext`` claim carries the Moodle username (our upload CSV sets it)
``lis.person_sourcedid``    Moodle: the user's ID number, sent as the LIS person sourcedid
``preferred_username``      Open edX: the username, when the course shares PII with the tool
==========================  ==========================================================================

A subject whose hints name nobody is kept as *unmatched* for an operator (``nihongo identities``, the
operator page); its activity is held, not dropped, and added to the learner's days once linked.
Hosts we sync from directly (Open edX logs and APIs, CSV files) name users by username: there the
subject is compared with the login ID, as our account issuance makes them equal.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date, datetime

from django.db import transaction

from .models import DailyActivity, Learner, LmsIdentity

#: The claims that may carry a login ID, strongest first (a custom field set to our login ID wins).
HINTS = ("custom.login_id", "ext.user_username", "lis.person_sourcedid", "preferred_username")
#: What else the host said about the user, shown to the operator who reviews an unmatched subject.
REVIEW_HINTS = ("name", "given_name", "family_name", "email", "context_title")
#: The totals held per day for an unmatched subject (the ``DailyActivity`` columns).
COLUMNS = ("logins", "items_answered", "items_correct", "best_score", "minutes", "other_events")


class IdentityError(ValueError):
    """An operator's link that cannot be made (unknown identity or login ID, already linked)."""


def _value(hints: Mapping[str, object], name: str) -> str:
    value = hints.get(name)
    value = value.strip() if isinstance(value, str) else ""
    # Canvas sends the variable's own name when the substitution is not available ("$Canvas.user.loginId").
    return "" if value.startswith("$") else value


def match(hints: Mapping[str, object]) -> tuple[str, Learner] | None:
    """The learner the first usable hint names (login IDs compare case-insensitively: Moodle lowers them)."""
    for name in HINTS:
        value = _value(hints, name)
        if value:
            learner = Learner.objects.filter(login_id__iexact=value).first()
            if learner is not None:
                return name, learner
    return None


def _review(hints: Mapping[str, object]) -> dict:
    return {k: str(v)[:200] for k, v in hints.items() if k in HINTS + REVIEW_HINTS and v}


def identify(issuer: str, subject: str, hints: Mapping[str, object], now: datetime) -> LmsIdentity:
    """The identity of a launch: linked from its hints when they name a learner, else kept for review.

    A link is never moved by a later launch: once linked, the subject stays that learner's (an operator
    unlinks). A hint that names a learner already linked to another subject of the same issuer is not
    trusted: the subject waits for an operator.
    """
    with transaction.atomic():
        row, created = LmsIdentity.objects.select_for_update().get_or_create(
            issuer=issuer, subject=subject, defaults={"first_seen": now, "last_seen": now,
                                                      "hints": _review(hints)})
        row.last_seen = now
        if row.status != LmsIdentity.Status.UNMATCHED:
            row.save(update_fields=["last_seen"])
            return row
        row.hints = _review(hints) or row.hints
        found = match(hints) or _legacy(subject)
        if found is not None:
            via, learner = found
            taken = LmsIdentity.objects.filter(issuer=issuer, learner=learner,
                                               status=LmsIdentity.Status.LINKED).exclude(pk=row.pk)
            if taken.exists():
                row.hints = {**row.hints, "problem": f"{via} names a learner already linked to another user"}
            else:
                _link(row, learner, via, now)
                return row
        row.save()
        return row


def _legacy(subject: str) -> tuple[str, Learner] | None:
    """A learner whose ``lms_user_id`` an operator set to this host's ID."""
    learner = Learner.objects.filter(lms_user_id=subject).first()
    return ("lms_user_id", learner) if learner else None


def _link(row: LmsIdentity, learner: Learner, via: str, now: datetime) -> None:
    row.learner, row.status, row.via, row.linked_at = learner, LmsIdentity.Status.LINKED, via, now
    held, row.held = row.held, {}
    row.save()
    add_days(learner.pk, {date.fromisoformat(day): totals for day, totals in held.items()})


def resolve(pairs: Iterable[tuple[str, str]], now: datetime, *, by_login_id: bool = False
            ) -> dict[tuple[str, str], LmsIdentity]:
    """The identity of every (issuer, subject) the sync read; new ones are linked or kept for review.

    ``by_login_id``: the host names users by username, which is the login ID for accounts we issued
    (Open edX, CSV files). LTI subjects are never compared with login IDs: only claims link them.
    """
    pairs = set(pairs)
    found: dict[tuple[str, str], LmsIdentity] = {}
    for issuer in {i for i, _ in pairs}:
        subjects = {s for i, s in pairs if i == issuer}
        for row in LmsIdentity.objects.filter(issuer=issuer, subject__in=subjects):
            found[(issuer, row.subject)] = row
    missing = pairs - found.keys()
    if not missing:
        return found
    subjects = {s for _, s in missing}
    legacy = {lr.lms_user_id: lr for lr in Learner.objects.filter(lms_user_id__in=subjects)}
    by_login = ({lr.login_id.lower(): lr for lr in Learner.objects.filter(
        login_id__in=subjects | {s.lower() for s in subjects})} if by_login_id else {})
    for issuer, subject in sorted(missing):
        learner, via = by_login.get(subject.lower()), "username = login ID"
        if learner is None:
            learner, via = legacy.get(subject), "lms_user_id"
        row, _ = LmsIdentity.objects.get_or_create(
            issuer=issuer, subject=subject,
            defaults={"first_seen": now, "last_seen": now, "learner": learner, "via": via if learner else "",
                      "status": LmsIdentity.Status.LINKED if learner else LmsIdentity.Status.UNMATCHED,
                      "linked_at": now if learner else None})
        found[(issuer, subject)] = row
    return found


def hold(row: LmsIdentity, days: Mapping[date, Mapping[str, float | int | None]], now: datetime) -> None:
    """Keep an unmatched subject's day totals until it is linked (called by the sync)."""
    held = dict(row.held)
    for day, totals in days.items():
        held[day.isoformat()] = _merged(held.get(day.isoformat()) or {}, totals)
    LmsIdentity.objects.filter(pk=row.pk).update(held=held, last_seen=now)
    row.held = held


def _merged(current: Mapping, extra: Mapping) -> dict:
    scores = [s for s in (current.get("best_score"), extra.get("best_score")) if s is not None]
    out = {c: (current.get(c) or 0) + (extra.get(c) or 0)
           for c in COLUMNS if c not in ("best_score", "minutes")}
    out["minutes"] = round((current.get("minutes") or 0) + (extra.get("minutes") or 0), 2)
    out["best_score"] = max(scores) if scores else None
    return out


def add_days(learner_id: int, days: Mapping[date, Mapping]) -> int:
    """Add day totals to a learner's daily activity; the number of rows written."""
    written = 0
    for day, totals in days.items():
        row = (DailyActivity.objects.select_for_update().filter(learner_id=learner_id, day=day).first()
               or DailyActivity(learner_id=learner_id, day=day))
        merged = _merged({c: getattr(row, c) for c in COLUMNS}, totals)
        for column, value in merged.items():
            setattr(row, column, value)
        row.save()
        written += 1
    return written


def link(identity_id: int, login_id: str, by: str, now: datetime) -> LmsIdentity:
    """An operator links an unmatched (or ignored) subject to a learner; its held activity is added."""
    with transaction.atomic():
        row = LmsIdentity.objects.select_for_update().filter(pk=identity_id).first()
        if row is None:
            raise IdentityError(f"no identity #{identity_id}: see `nihongo identities list`")
        if row.status == LmsIdentity.Status.LINKED:
            raise IdentityError(f"identity #{identity_id} is already linked to {row.learner}")
        learner = Learner.objects.filter(login_id__iexact=login_id.strip()).first()
        if learner is None:
            raise IdentityError(f"no learner with login ID {login_id!r}")
        other = LmsIdentity.objects.filter(issuer=row.issuer, learner=learner,
                                           status=LmsIdentity.Status.LINKED)
        if other.exists():
            raise IdentityError(f"{learner} is already linked to another user of {row.issuer} "
                                f"(#{other.first().pk}); unlink that one first")
        _link(row, learner, f"operator {by}", now)
        return row


def ignore(identity_id: int, by: str, now: datetime) -> LmsIdentity:
    """Not a learner of the programme (a teacher, a test account): kept out of the review list."""
    row = LmsIdentity.objects.filter(pk=identity_id, status=LmsIdentity.Status.UNMATCHED).first()
    if row is None:
        raise IdentityError(f"no unmatched identity #{identity_id}")
    row.status, row.via, row.held = LmsIdentity.Status.IGNORED, f"ignored by {by}", {}
    row.save()
    return row


def unmatched() -> list[LmsIdentity]:
    return list(LmsIdentity.objects.filter(status=LmsIdentity.Status.UNMATCHED).order_by("first_seen", "id"))


def subjects_of(issuer: str, subjects: Iterable[str]) -> dict[str, Learner]:
    """Subject → learner for the linked ones (the LTI tool's questions about its users)."""
    rows = LmsIdentity.objects.filter(issuer=issuer, subject__in=set(subjects),
                                      status=LmsIdentity.Status.LINKED)
    found = {row.subject: row.learner for row in rows.select_related("learner")}
    for learner in Learner.objects.filter(lms_user_id__in=set(subjects) - found.keys()):
        if not LmsIdentity.objects.filter(issuer=issuer, subject=learner.lms_user_id).exists():
            found[learner.lms_user_id] = learner
    return found
