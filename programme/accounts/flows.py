"""Issuing and resetting accounts (P5). Passwords exist only in memory and in the encrypted packet.

``issue`` gives every approved, active learner of a company and its managers a login (username =
login ID, no e-mail) with a random first password that must be changed at first sign-in, records
who issued what, and returns the packet and its password for the operator to hand over separately.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime

from django.contrib.auth import get_user_model
from django.db import transaction

from programme import audit, quota
from programme.contacts import support_email  # noqa: F401  (re-exported)
from programme.models import Company, Learner, Manager
from programme.outbox.encryption import new_password

from . import host_files, packet
from .models import Account, IssueRecord

HOSTS = ("none", "moodle", "canvas", "openedx")


class AccountsRefused(ValueError):
    """Nothing was changed; the message says why and what to do."""


@dataclass(frozen=True)
class Issued:
    record: IssueRecord
    rows: list[packet.Row]
    packet: bytes
    password: str
    host_packet: bytes | None = None  # upload files for the host, in their own encrypted zip


def _first_password(rng: secrets.SystemRandom) -> str:
    """Ten characters a person types once, from the same unambiguous alphabet as the zip passwords."""
    return new_password(rng, length=10)


def login_url() -> str:
    from django.conf import settings

    return getattr(settings, "NIHONGO_BASE_URL", "").rstrip("/") + "/accounts/login/"


def _create(login_id: str, name: str, kind: str, company: Company, now: datetime, rng,
            learner: Learner | None = None, manager: Manager | None = None) -> packet.Row:
    password = _first_password(rng)
    user_model = get_user_model()
    if user_model.objects.filter(username=login_id).exists():
        raise AccountsRefused(f"A user {login_id} exists already: use `nihongo accounts reset {login_id}`.")
    user = user_model.objects.create_user(username=login_id, password=password)
    Account.objects.create(user=user, kind=kind, company=company, learner=learner, manager=manager,
                           issued_at=now)
    return packet.Row(login_id, kind, name, password)


def _host_files(company: Company, rows: list[packet.Row], host: str, course: str) -> dict[str, bytes]:
    if host == "moodle":
        return {"moodle/users.csv": host_files.moodle_users_csv(rows, course, f"company-{company.pk}")}
    if host == "canvas":
        return host_files.canvas_sis_csvs(rows, course, f"company-{company.pk}")
    return {}


def _ensure_manager(company: Company, now: datetime) -> None:
    """The company's learning-support person from its application becomes its manager (once)."""
    from curriculum.japan_time import japan_date
    from programme.contacts import confirmed_contact
    from programme.login_ids import manager_login_id

    application = confirmed_contact(company)
    if application is None or company.managers.exists():
        return
    login_id = manager_login_id(company.pk, japan_date(now))
    Manager.objects.create(company=company, login_id=login_id, display_name=application.support_name,
                           lms_user_id=login_id)


def issue(company_id: int, *, by: str, now: datetime, host: str = "none", course: str = "",
          rng: secrets.SystemRandom | None = None, provision=None) -> Issued:
    """Accounts for everyone of the company who has none yet; all or nothing.

    ``provision(rows)`` (Open edX) runs inside the transaction: if the host refuses, no account is
    kept here either, and the operator can run the command again once the cause is fixed.
    """
    rng = rng or secrets.SystemRandom()
    if host not in HOSTS:
        raise AccountsRefused(f"Unknown host {host!r}: use one of {', '.join(HOSTS)}.")
    if host != "none" and not course:
        raise AccountsRefused(f"--course is needed for {host} (the course the accounts are enrolled in).")
    with transaction.atomic():
        company = Company.objects.select_for_update().filter(pk=company_id).first()
        if company is None:
            raise AccountsRefused(f"There is no company {company_id}: `nihongo status` lists them.")
        _ensure_manager(company, now)
        rows = [_create(m.login_id, m.display_name, "manager", company, now, rng, manager=m)
                for m in company.managers.filter(account__isnull=True).order_by("login_id")]
        rows += [_create(lr.login_id, lr.display_name, "learner", company, now, rng, learner=lr)
                 for lr in company.learners.filter(account__isnull=True, status=Learner.Status.ACTIVE)
                 .order_by("login_id")]
        if not rows:
            raise AccountsRefused(f"Everyone at company {company_id} has an account already: "
                                  "use `nihongo accounts reset LOGIN_ID` for a new password.")
        result = provision(rows, company, quota.company_quota(company.employees)) if provision else None
        zip_password = new_password(rng)
        data = packet.build(rows, zip_password, login_url())
        extra = _host_files(company, rows, host, course)
        host_packet = packet.build(rows, zip_password, login_url(), extra) if extra else None
        record = IssueRecord.objects.create(
            kind=IssueRecord.Kind.ISSUE, company=company, login_ids=[r.login_id for r in rows], at=now, by=by,
            packet_sha256=hashlib.sha256(data).hexdigest(), host=host, host_result=result or {})
        audit.record(who=by, action="export", what="credentials packet", where="cli",
                     company_ids=[company.pk], subjects=[r.login_id for r in rows], at=now)
    return Issued(record, rows, data, zip_password, host_packet)


def reset(login_id: str, *, by: str, now: datetime, rng: secrets.SystemRandom | None = None) -> Issued:
    """A new first password for one account, to be changed at the next sign-in."""
    rng = rng or secrets.SystemRandom()
    with transaction.atomic():
        account = Account.objects.select_for_update().select_related("user", "company").filter(
            user__username=login_id).first()
        if account is None:
            raise AccountsRefused(f"No account {login_id}: "
                                  "`nihongo accounts issue --company ID` creates them.")
        password = _first_password(rng)
        account.user.set_password(password)
        account.user.save(update_fields=["password"])
        account.must_change_password = True
        account.save(update_fields=["must_change_password"])
        person = account.learner or account.manager
        name = person.display_name if person else ""
        rows = [packet.Row(login_id, account.kind, name, password)]
        zip_password = new_password(rng)
        data = packet.build(rows, zip_password, login_url())
        record = IssueRecord.objects.create(
            kind=IssueRecord.Kind.RESET, company=account.company, login_ids=[login_id], at=now, by=by,
            packet_sha256=hashlib.sha256(data).hexdigest())
    return Issued(record, rows, data, zip_password)
