"""Use cases of the front office: take an application, forward it, record the prefecture's decisions.

The entry form, the review view and ``nihongo applications`` call these. Time and randomness are
passed in. Every change happens in one transaction under the programme's row lock (the same lock
``approvals`` takes), so places are counted once and never twice. Log lines name IDs only.
"""

from __future__ import annotations

import hashlib
import json
import logging
import random
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime

import pyzipper
from django.db import IntegrityError, transaction
from django.db.models import F, Max

from curriculum.japan_time import japan_date
from programme import audit, places, quota
from programme.approvals import (
    ApprovalRefused,
    approve_learner,
    places_taken,
    programme_counter,
    recruitment_window,
)
from programme.contacts import confirmed_contact
from programme.login_ids import learner_login_id
from programme.models import (
    Application,
    ApplicationDecision,
    ApplicationLearner,
    Company,
    Learner,
    RejectionCounter,
    WaitingListEntry,
)
from programme.outbox.encryption import encrypted_zip, read_encrypted_zip

from . import sheet, validation

log = logging.getLogger(__name__)

CONSENT_VERSION = "2026-04"  # the privacy notice on the form; change it when the notice changes
RECEIPT_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: read out over the phone
APPROVE_WORDS = {"承認", "approve", "approved"}
REJECT_WORDS = {"不承認", "reject", "rejected"}


class ApplicationClosed(Exception):
    """The form takes no applications now; ``state`` says why."""

    def __init__(self, state: quota.WindowState):
        super().__init__(f"applications are closed ({state})")
        self.state = state


class DecisionError(ValueError):
    """A decision refused; nothing changed. The message names login IDs only."""


class ImportRefused(ValueError):
    """The sheet has problems; nothing was applied. ``errors`` lists them by row."""

    def __init__(self, errors: list[str]):
        super().__init__("; ".join(errors))
        self.errors = errors


@dataclass(frozen=True)
class LearnerEntry:
    name: str
    nationality: str
    residence_status: str
    level: str
    help_language: str
    email: str = ""


@dataclass(frozen=True)
class Submission:
    company_name: str
    address: str
    corporate_number: str
    employees: int
    industry: str
    support_name: str
    support_email: str
    support_phone: str
    learners: tuple[LearnerEntry, ...]
    consent_version: str = CONSENT_VERSION


@dataclass(frozen=True)
class Receipt:
    number: str
    applicants: int
    waiting: int
    #: The same submission arrived before (a double click, two tabs): this is its receipt, nothing new.
    repeated: bool = False


def checked(submission: Submission) -> Submission:
    """The submission with its texts and addresses as ``validation`` accepts them; ``ValueError`` if not.

    The form shows these messages field by field; this is the same rule for every other caller, so
    no path stores a name with control, bidi or invisible-only characters, a learner twice, or an
    address no mail reaches.
    """
    people, seen = [], set()
    for entry in submission.learners:
        name = validation.clean_text(entry.name)
        if validation.same_person(name) in seen:
            raise ValueError("同じ学習者が2回入力されています。 / The same learner is named twice.")
        seen.add(validation.same_person(name))
        people.append(LearnerEntry(name, entry.nationality, entry.residence_status, entry.level,
                                   entry.help_language, validation.clean_email(entry.email) if entry.email
                                   else ""))
    return Submission(
        validation.clean_text(submission.company_name), validation.clean_text(submission.address, 300),
        submission.corporate_number, submission.employees, submission.industry,
        validation.clean_text(submission.support_name), validation.clean_email(submission.support_email),
        submission.support_phone, tuple(people), submission.consent_version)


def submission_key(submission: Submission) -> str:
    """The same company, contact and learners give the same key, however often they are sent."""
    canonical = [submission.corporate_number, submission.company_name, submission.address,
                 submission.employees, submission.industry, submission.support_name,
                 submission.support_email.lower(), submission.support_phone,
                 sorted([validation.same_person(e.name), e.nationality, e.residence_status, e.level,
                         e.help_language, e.email.lower()] for e in submission.learners)]
    return hashlib.sha256(json.dumps(canonical, ensure_ascii=False).encode()).hexdigest()


# The form --------------------------------------------------------------------------------------------

def window_state(now: datetime) -> quota.WindowState:
    """Whether the form is open now (P3), from the configured window and the places taken."""
    return recruitment_window(programme_counter()).state_at(now, places_taken())


def count_rejection(kind: str, now: datetime) -> None:
    """Count one refused submission; nothing else of it is kept."""
    with transaction.atomic():
        row, _ = RejectionCounter.objects.get_or_create(day=japan_date(now), kind=kind)
        RejectionCounter.objects.filter(pk=row.pk).update(count=F("count") + 1)


def submit_application(submission: Submission, now: datetime, rng: random.Random) -> Receipt:
    """Store an application: learners within the free places await the prefecture, the rest wait.

    Raises ``ApplicationClosed`` (window ended or places full) or ``ValueError`` (more learners than
    the company may have); either way nothing is stored.
    """
    if now.tzinfo is None:
        raise ValueError("now must be timezone-aware")
    submission = checked(submission)
    key = submission_key(submission)
    try:
        return _store(submission, key, now, rng)
    except IntegrityError:  # the same submission committed by another request in between
        before = Application.objects.filter(submission_key=key).first()
        if before is None:
            raise
        return Receipt(before.receipt_number, before.applicants.count(), before.waiting.count(), True)


def _store(submission: Submission, key: str, now: datetime, rng: random.Random) -> Receipt:
    with transaction.atomic():
        counter = programme_counter(for_update=True)
        before = Application.objects.filter(submission_key=key).first()
        if before is not None:  # sent again (double click, two tabs, a retry): the first one stands
            return Receipt(before.receipt_number, before.applicants.count(), before.waiting.count(), True)
        state = recruitment_window(counter).state_at(now, places_taken())
        if state is not quota.WindowState.OPEN:
            raise ApplicationClosed(state)
        company = _company(submission, now)
        # Places are held by approved learners only: undecided applications (anyone can send one)
        # cannot push a real company onto the waiting list; approval checks the places again.
        split = quota.split_application(
            len(submission.learners), submission.employees,
            company_taken=company.learners.filter(status=Learner.Status.ACTIVE).count(),
            company_pending=0, programme_taken=places_taken(), programme_pending=0,
            programme_places=counter.places)
        application = Application.objects.create(
            submission_key=key, receipt_number=_receipt_number(now, rng), company=company,
            company_name=submission.company_name,
            address=submission.address, corporate_number=submission.corporate_number,
            employees=submission.employees, industry=submission.industry,
            support_name=submission.support_name, support_email=submission.support_email,
            support_phone=submission.support_phone,
            submitted_at=now, consent_version=submission.consent_version)
        today = japan_date(now)
        for n, entry in enumerate(submission.learners[:split.fits]):
            row = ApplicationLearner.objects.create(
                company=company, application=application, login_id=f"new-{application.receipt_number}-{n}",
                applied_on=today, **_person(entry))
            row.login_id = learner_login_id(row.pk, today)
            row.save(update_fields=["login_id"])
        position = WaitingListEntry.objects.aggregate(last=Max("position"))["last"] or 0
        for n, entry in enumerate(submission.learners[split.fits:], position + 1):
            WaitingListEntry.objects.create(company=company, application=application, position=n,
                                            added_on=today, **_person(entry))
    log.info("application %s received: company #%s, %d applicants, %d waiting",
             application.receipt_number, company.pk, split.fits, split.waiting)
    return Receipt(application.receipt_number, split.fits, split.waiting)


def _company(submission: Submission, now: datetime) -> Company:
    """The company with this corporate number (a second application), or a new one.

    A known company is never changed by the public form: the application keeps what was sent, and
    an operator applies it with ``confirm_application`` after checking with the company.
    """
    company = Company.objects.select_for_update().filter(corporate_number=submission.corporate_number).first()
    if company is None:
        return Company.objects.create(
            corporate_number=submission.corporate_number, joined_on=japan_date(now), **_details(submission))
    return company


def _details(application) -> dict:
    return {"name": application.company_name, "employees": application.employees,
            "industry": application.industry, "address": application.address}


def confirm_application(receipt: str, by: str, now: datetime) -> Application:
    """An operator checked with the company: its contact (and details) from this application now count."""
    if not by.strip():
        raise ValueError("say who confirms (--by)")
    with transaction.atomic():
        application = Application.objects.select_for_update().filter(receipt_number=receipt).first()
        if application is None:
            raise ValueError(f"no application {receipt} (see `nihongo applications list`)")
        company = Company.objects.select_for_update().get(pk=application.company_id)
        for name, value in _details(application).items():
            setattr(company, name, value)
        company.save(update_fields=list(_details(application)))
        application.contact_confirmed_at, application.contact_confirmed_by = now, by.strip()
        application.save(update_fields=["contact_confirmed_at", "contact_confirmed_by"])
    log.info("application %s confirmed by %s: company #%s", receipt, by.strip(), company.pk)
    return application


def _person(entry: LearnerEntry) -> dict:
    return {"display_name": entry.name, "nationality": entry.nationality,
            "residence_status": entry.residence_status, "level": entry.level,
            "help_language": entry.help_language, "email": entry.email}


def _receipt_number(now: datetime, rng: random.Random) -> str:
    """``A260615-7K3P``: the Japan date and four random characters (unique; checked under the lock)."""
    day = japan_date(now).strftime("%y%m%d")
    while True:
        number = f"A{day}-{''.join(rng.choice(RECEIPT_ALPHABET) for _ in range(4))}"
        if not Application.objects.filter(receipt_number=number).exists():
            return number


# Decisions -------------------------------------------------------------------------------------------

def decide(applicant_id: int, outcome: str, decided_by: str, reason: str, now: datetime, *,
           via: str = ApplicationDecision.Via.WEB, recorded_by: str | None = None) -> ApplicationDecision:
    """Approve (through ``approve_learner``, under its row locks) or reject one applicant, with why."""
    if outcome not in ApplicationDecision.Outcome.values:
        raise DecisionError(f"decision {outcome!r}: approve or reject")
    if not decided_by.strip():
        raise DecisionError("a decision needs the reviewer's name")
    if not reason.strip():
        raise DecisionError("give the reason for the decision (the prefecture's reference will do)")
    reason = reason.strip()
    with transaction.atomic():
        if outcome == ApplicationDecision.Outcome.APPROVED:
            try:
                approve_learner(applicant_id, decided_by, reason, now)
            except ApprovalRefused as refusal:
                raise DecisionError(str(refusal)) from None
            row = ApplicationLearner.objects.get(pk=applicant_id)
        else:
            programme_counter(for_update=True)  # the approvals' lock order: programme row first
            row = ApplicationLearner.objects.select_for_update().get(pk=applicant_id)
            if row.status != ApplicationLearner.Status.PENDING:
                raise DecisionError(f"{row.login_id}: already {row.status}")
            row.status = ApplicationLearner.Status.REJECTED
            row.reviewer, row.reason, row.decided_at = decided_by.strip(), reason, now
            row.save(update_fields=["status", "reviewer", "reason", "decided_at"])
        decision = ApplicationDecision.objects.create(
            applicant=row, outcome=outcome, decided_by=decided_by.strip(),
            recorded_by=(recorded_by or decided_by).strip(), via=via, reason=reason, decided_at=now)
        if (outcome == ApplicationDecision.Outcome.APPROVED and row.application_id
                and confirmed_contact(row.company) is None):
            # A new company's first approved application: the prefecture has checked this company, so
            # its contact stands. A known company's later applications wait for an operator.
            Application.objects.filter(pk=row.application_id).update(
                contact_confirmed_at=now, contact_confirmed_by=decided_by.strip())
        if row.application_id and not row.application.applicants.filter(
                status=ApplicationLearner.Status.PENDING).exists():
            Application.objects.filter(pk=row.application_id).update(status=Application.Status.DECIDED)
        promoted = promote_waiting(now) if outcome == ApplicationDecision.Outcome.REJECTED else []
    log.info("applicant %s %s by %s via %s", row.login_id, outcome, decided_by.strip(), via)
    if promoted:
        log.info("waiting applicants now awaiting the prefecture: %s", ", ".join(promoted))
    return decision


def promote_waiting(now: datetime) -> list[str]:
    """Places freed by a rejection go to the waiting list (``places.offer_freed_places``, the one path).

    Runs inside the caller's transaction, with the programme row locked. Returns the new applicants'
    login IDs (each awaits the prefecture's decision like any other).
    """
    return [o.applicant_login_id for o in places.offer_freed_places(now) if o.applicant_login_id]


# Forwarding to the prefecture --------------------------------------------------------------------------

@dataclass
class Forwarded:
    zip_bytes: bytes
    file_name: str
    applications: list[str] = field(default_factory=list)
    applicants: int = 0


def forward(now: datetime, by: str, password: str, receipts: list[str] | None = None,
            again: bool = False) -> Forwarded:
    """The pending applicants of the applications not yet forwarded (or ``receipts``), as an encrypted zip.

    The .xlsx inside is AES-256 encrypted (the outbox's ``encrypted_zip``) with ``password``, which is
    not kept anywhere here.
    """
    if len(password) < 12:
        raise ValueError("the zip password must have at least 12 characters")
    if not by.strip():
        raise ValueError("say who forwards (--by)")
    applications = Application.objects.select_related("company").order_by("submitted_at", "id")
    if receipts:
        unknown = sorted(set(receipts) - set(applications.filter(receipt_number__in=receipts)
                                             .values_list("receipt_number", flat=True)))
        if unknown:
            raise ValueError(f"no application {', '.join(unknown)} (see `nihongo applications list`)")
        applications = applications.filter(receipt_number__in=receipts)
    if not again and not receipts:
        applications = applications.filter(status=Application.Status.RECEIVED)
    rows = []
    chosen = []
    for application in applications:
        pending = application.applicants.filter(status=ApplicationLearner.Status.PENDING).order_by("id")
        if pending:
            chosen.append(application)
        for person in pending:
            rows.append({"receipt": application.receipt_number, "applicant_id": person.pk,
                         "login_id": person.login_id, "company": application.company_name,
                         "corporate_number": application.corporate_number,
                         "employees": application.employees,
                         "places": quota.company_quota(application.employees),
                         "name": person.display_name, "nationality": person.nationality,
                         "residence_status": person.residence_status, "level": person.level or "-"})
    if not rows:
        raise ValueError("nothing to forward: no application with undecided learners "
                         "(use --receipt to send one again)")
    stamp = japan_date(now).strftime("%Y%m%d")
    packed = encrypted_zip({f"applications-{stamp}.xlsx": sheet.write(rows)}, password)
    with transaction.atomic():
        Application.objects.filter(pk__in=[a.pk for a in chosen], status=Application.Status.RECEIVED).update(
            status=Application.Status.FORWARDED)
        Application.objects.filter(pk__in=[a.pk for a in chosen]).update(forwarded_at=now,
                                                                        forwarded_by=by.strip())
    log.info("forwarded %d applications, %d applicants, by %s", len(chosen), len(rows), by.strip())
    audit.record(who=by.strip(), action="export", what="applications sheet (to the prefecture)", where="cli",
                 company_ids=[a.company_id for a in chosen], subjects=[r["login_id"] for r in rows], at=now)
    return Forwarded(packed, f"applications-{stamp}.zip",
                     [a.receipt_number for a in chosen], len(rows))


def read_forwarded(data: bytes, password: str) -> bytes:
    """The .xlsx inside a zip made by ``forward`` (the prefecture may send it back zipped)."""
    try:
        files = read_encrypted_zip(data, password)
    except RuntimeError as exc:  # pyzipper's "Bad password"
        raise ValueError("the zip password is wrong") from exc
    except pyzipper.BadZipFile as exc:
        raise ValueError("the file is not a zip") from exc
    sheets = [content for name, content in files.items() if name.endswith(".xlsx")]
    if len(sheets) != 1:
        raise ValueError("the zip should hold exactly one .xlsx sheet")
    return sheets[0]


# Importing the prefecture's decisions -----------------------------------------------------------------

@dataclass
class Imported:
    approved: int = 0
    rejected: int = 0
    undecided: int = 0
    already: int = 0


def import_decisions(data: bytes, reviewer: str, recorded_by: str, now: datetime) -> Imported:
    """Apply the decisions in a returned sheet: all of them, or none if any row has a problem."""
    if not reviewer.strip():
        raise ImportRefused(["name the prefecture's reviewer who signed the sheet off (--reviewer)"])
    try:
        rows = sheet.read(data)
    except sheet.SheetError as exc:
        raise ImportRefused([str(exc)]) from None
    plan, result, errors = _plan(rows)
    if errors:
        raise ImportRefused(errors)
    with transaction.atomic():
        for number, applicant_id, outcome, reason in plan:
            try:
                decide(applicant_id, outcome, reviewer, reason, now, via=ApplicationDecision.Via.SHEET,
                       recorded_by=recorded_by)
            except DecisionError as exc:  # changed since the check (another decision): all rolled back
                raise ImportRefused([f"row {number}: {exc}"]) from None
            setattr(result, outcome, getattr(result, outcome) + 1)
    return result


def _plan(rows: list[sheet.Row]) -> tuple[list[tuple[int, int, str, str]], Imported, list[str]]:
    """Check every row first (IDs, words, reasons, duplicates, places); return what to apply."""
    result, errors, plan, seen = Imported(), [], [], {}
    ids = {r.values["applicant_id"] for r in rows if r.values["applicant_id"].isdigit()}
    found = ApplicationLearner.objects.filter(pk__in=ids).select_related("company")
    applicants = {str(a.pk): a for a in found}
    for row in rows:
        v, where = row.values, f"row {row.number}"
        word = v["decision"].strip().lower()
        outcome = ("approved" if word in APPROVE_WORDS else "rejected" if word in REJECT_WORDS
                   else None if word == "" else "?")
        applicant = applicants.get(v["applicant_id"])
        if applicant is None:
            errors.append(f"{where}: no applicant {v['applicant_id'] or '(empty)'}; "
                          "keep the ID column as sent")
            continue
        if v["login_id"] != applicant.login_id:
            errors.append(f"{where}: login ID {v['login_id'] or '(empty)'} does not belong to applicant "
                          f"{applicant.pk} ({applicant.login_id}); keep those columns as sent")
            continue
        if applicant.pk in seen:
            errors.append(f"{where}: applicant {applicant.pk} is also on row {seen[applicant.pk]}")
            continue
        seen[applicant.pk] = row.number
        if outcome == "?":
            errors.append(f"{where}: decision {v['decision']!r}: write 承認 or 不承認 (approve or reject)")
        elif outcome is None:
            result.undecided += 1
        elif applicant.status == outcome:
            result.already += 1  # the same sheet imported again: nothing to do
        elif applicant.status != ApplicationLearner.Status.PENDING:
            errors.append(f"{where}: {applicant.login_id} is already {applicant.status}")
        elif outcome == "rejected" and not v["reason"]:
            errors.append(f"{where}: a rejection needs its reason in the Reason column")
        else:
            plan.append((row.number, applicant.pk, outcome, v["reason"] or "承認 (sheet)"))
    errors += _places_problems(plan, applicants)
    return plan, result, errors


def _places_problems(plan, applicants) -> list[str]:
    """Approvals in the sheet that would go beyond a company's or the programme's places."""
    problems = []
    active = Learner.objects.filter(status=Learner.Status.ACTIVE)
    per_company = Counter(active.values_list("company_id", flat=True))
    in_programme = active.count()
    places = programme_counter().places
    for number, applicant_id, outcome, _ in plan:
        if outcome != "approved":
            continue
        company = applicants[str(applicant_id)].company
        allowed = quota.company_quota(company.employees)
        if per_company[company.pk] >= allowed:
            problems.append(f"row {number}: company #{company.pk} would have more than its {allowed} places; "
                            "reject this learner or another one of the company")
        elif in_programme >= places:
            problems.append(f"row {number}: the programme's {places} places would be exceeded")
        per_company[company.pk] += 1
        in_programme += 1
    return problems


# Listing ---------------------------------------------------------------------------------------------

def summary(status: str | None = None) -> list[dict]:
    """Per application: receipt, date, company ID, places and counts by learner status (no names)."""
    found = Application.objects.order_by("submitted_at", "id")
    if status:
        found = found.filter(status=status)
    rows = []
    for application in found.prefetch_related("applicants", "waiting"):
        counts = Counter(a.status for a in application.applicants.all())
        rows.append({"receipt": application.receipt_number, "submitted_at": application.submitted_at,
                     "company_id": application.company_id, "employees": application.employees,
                     "places": quota.company_quota(application.employees), "status": application.status,
                     "pending": counts["pending"], "approved": counts["approved"],
                     "rejected": counts["rejected"], "waiting": len(application.waiting.all()),
                     "forwarded_at": application.forwarded_at})
    return rows
