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


#: What the packet says of the host's account, per outcome (Japanese for the company, English too).
HOST_NOTES = {
    "created": "Open edX: 同じパスワード / the same password",
    "existed": "Open edX: 以前からあるアカウントのため、このパスワードは設定されていません。運用担当に"
               "連絡してください / the account existed before: this password is NOT set there; "
               "ask the operators",
    "failed": "Open edX: 未作成。運用担当が再発行します / not created yet; the operators will issue it again "
              "({error})",
}


def _host_note(outcome: dict) -> str:
    note = HOST_NOTES.get(outcome.get("account", ""), "").format(error=outcome.get("error", ""))
    if outcome.get("account") in ("created", "existed") and not outcome.get("enrolled_in"):
        note += " / コースへの登録はまだです / not enrolled in the course yet"
    return note


def _host_retries(company: Company, rng) -> tuple[list[packet.Row], list[packet.Row]]:
    """Open edX people an earlier run left unfinished: a new password for those the host never
    registered (so the packet and the host agree), enrollment only for the others."""
    retry, enroll = [], []
    for account in company.accounts.select_related("user", "learner", "manager").order_by("user__username"):
        state = (account.host_state or {}).get("openedx") or {}
        person = account.learner or account.manager
        name = person.display_name if person else ""
        if state.get("account") == "failed":
            password = _first_password(rng)
            account.user.set_password(password)
            account.user.save(update_fields=["password"])
            account.must_change_password = True
            account.save(update_fields=["must_change_password"])
            retry.append(packet.Row(account.user.get_username(), account.kind, name, password))
        elif state.get("account") and not state.get("enrolled_in"):
            enroll.append(packet.Row(account.user.get_username(), account.kind, name, ""))
    return retry, enroll


def _known_ccx(company: Company) -> str:
    issues = company.issues.filter(host="openedx").order_by("-at", "-id")
    results = issues.values_list("host_result", flat=True)
    for result in results:
        if (result or {}).get("ccx_course_id"):
            return result["ccx_course_id"]
    return ""


def issue(company_id: int, *, by: str, now: datetime, host: str = "none", course: str = "",
          rng: secrets.SystemRandom | None = None, provision=None) -> Issued:
    """Accounts for everyone of the company who has none yet, and (Open edX) what the host still lacks.

    ``provision(rows, company, quota[, ccx_course_id])`` (Open edX) reports each person: created,
    existed or failed on the host, and enrolled in the company's CCX or why not. The packet says, per
    person, whether the host holds the password; a rerun gives those the host never registered a new
    password (here and there) and enrolls those left out. Only when the host registered nobody is
    nothing kept (the host changed nothing either).
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
        retry, enroll = _host_retries(company, rng) if provision else ([], [])
        if not rows and not retry and not enroll:
            raise AccountsRefused(f"Everyone at company {company_id} has an account already: "
                                  "use `nihongo accounts reset LOGIN_ID` for a new password.")
        result = None
        if provision:
            ccx = _known_ccx(company)
            result = provision(rows + retry + enroll, company, quota.company_quota(company.employees),
                               **({"ccx_course_id": ccx} if ccx else {}))
            rows = _record_host(company, rows + retry, enroll, result)
        if not rows:  # only enrollments were retried: nothing to hand out, the outcome is recorded
            record = IssueRecord.objects.create(
                kind=IssueRecord.Kind.ISSUE, company=company, login_ids=[], at=now, by=by, packet_sha256="",
                host=host, host_result=result or {})
            return Issued(record, [], b"", "")
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


def _record_host(company: Company, rows: list[packet.Row], enroll: list[packet.Row],
                 result) -> list[packet.Row]:
    """Keep each person's host outcome on their account; the packet rows, each with its host line."""
    from .provisioning import ProvisionFailed

    people = (result or {}).get("people")
    if people is None:  # an older provisioner: lists only
        return rows
    registered = [p for p in people.values() if p.get("account") in ("created", "existed")]
    if not registered and not enroll:
        errors = "; ".join(sorted({p.get("error", "") for p in people.values()})) or "no answer"
        raise ProvisionFailed(f"the host registered nobody ({errors})")
    for account in company.accounts.select_related("user"):
        outcome = people.get(account.user.get_username())
        if outcome:
            previous = (account.host_state or {}).get("openedx") or {}
            state = {**previous, **{k: v for k, v in outcome.items() if v or k == "error"}}
            account.host_state = {**(account.host_state or {}), "openedx": state}
            account.save(update_fields=["host_state"])
    return [packet.Row(r.login_id, r.role, r.name, r.password, _host_note(people.get(r.login_id, {})))
            for r in rows]


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
