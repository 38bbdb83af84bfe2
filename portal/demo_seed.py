"""Demo data: two companies, a manager each, five learners and twelve weeks of plausible study.

The activity is written as the LTI tool's own records (launches, answers, scores), then the real
``sync`` folds it into daily activity, so the demo exercises the same path as production.
All names are invented.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.db import transaction

from curriculum.bank import default_bank
from curriculum.japan_time import PROGRAMME_TZ
from lti_tool.models import AnswerRecord, LaunchRecord, ScoreRecord
from portal.demo_lms.users import subject as demo_subject
from portal.lti_records import LtiToolRecords
from programme import quota
from programme.identities import identify
from programme.models import Company, Learner, Manager, WaitingListEntry
from sync_service.sync import sync

# Twelve weeks: a warning needs a full week, and its watch lasts two months, so a suspension can
# only be seen with at least ten weeks of history.
WEEKS = 12
ROUND = 10


@dataclass(frozen=True)
class Profile:
    """How a demo learner studies: study days in each week (by week index), accuracy at start and end."""

    days_per_week: tuple[int, ...]
    accuracy_start: float
    accuracy_end: float
    starts_week: int = 0

    def days_in(self, week: int) -> int:
        return self.days_per_week[min(week, len(self.days_per_week) - 1)]


COMPANIES = [
    ("Sakurajima Foods (demo)", 45, "food processing", [
        # studies most days
        ("k26-0001", "Nguyen Thi Lan", "Viet Nam", "特定技能1号", "vi", Profile((5,), 0.55, 0.85)),
        # twice a week, steadily
        ("k26-0002", "Budi Santoso", "Indonesia", "技能実習2号", "id", Profile((2,), 0.5, 0.7)),
        # keeps up for nine weeks, then stops: the company is warned, its watch is still running
        ("k26-0003", "Maria Santos", "Philippines", "特定技能1号", "tl",
         Profile((3,) * 9 + (0,), 0.6, 0.75)),
    ]),
    ("Kirishima Care Home (demo)", 22, "care", [
        # a slow start, a few weeks of study, then nothing: the company is warned and later stopped
        ("k26-0004", "Aung Ko Ko", "Myanmar", "技能実習1号", "my",
         Profile((0, 0, 1, 1, 1, 1, 0), 0.45, 0.65)),
        # joins in week 3 and studies well, but the company's places end with Aung's
        ("k26-0005", "Tran Van Minh", "Viet Nam", "特定技能1号", "vi",
         Profile((4,), 0.5, 0.8, starts_week=2)),
    ]),
]
# Applicants waiting for a freed place, in order: the first belongs to the stopped company and is
# skipped; the second is offered the place.
WAITING = [
    ("Kirishima Care Home (demo)", "Zaw Min Htet", "Myanmar", "技能実習1号", "my"),
    ("Sakurajima Foods (demo)", "Siti Rahmawati", "Indonesia", "特定技能1号", "id"),
]
MANAGERS = [("k26-m001", "Yamada Hanako"), ("k26-m002", "Saigo Takashi")]
# Each demo company's confirmed contact: the first has e-mail; the second has only a postal address, so its
# notices become letters to print (`nihongo outbox letters`), as for a real company without e-mail.
CONTACTS = [("support@sakurajima-foods.example.jp", "鹿児島県鹿児島市山下町（架空）1-1"),
            ("", "鹿児島県霧島市国分中央（架空）2-2")]


def context_id(company: Company) -> str:
    return f"company-{company.pk}"


@transaction.atomic
def seed(now: datetime, base_url: str | None = None, rng: random.Random | None = None) -> dict[str, int]:
    """Create the demo programme unless it exists; returns what it created."""
    from portal.demo_lms.setup import ensure_demo_registration

    registration = ensure_demo_registration(base_url)
    if Learner.objects.exists():
        return {"companies": 0, "learners": 0, "daily rows": 0}
    rng = rng or random.Random(2026)
    today = now.astimezone(PROGRAMME_TZ).date()
    start = today - timedelta(weeks=WEEKS, days=today.weekday())
    items = [item.id for item in default_bank().select("N5")]
    learners = 0
    for n, ((name, employees, industry, people), manager, contact) in enumerate(
            zip(COMPANIES, MANAGERS, CONTACTS, strict=True), 1):
        manager_id, manager_name = manager
        company = Company.objects.create(name=name, employees=employees, industry=industry, joined_on=start,
                                         address=contact[1])
        _demo_contact(company, manager_name, contact[0], n, now)
        Manager.objects.create(company=company, login_id=manager_id, display_name=manager_name,
                               lms_user_id=manager_id)
        for login_id, person, nationality, status, language, profile in people:
            learner = Learner.objects.create(
                company=company, login_id=login_id, display_name=person, nationality=nationality,
                residence_status=status, help_language=language, lms_user_id=login_id,
                joined_on=start + timedelta(weeks=profile.starts_week))
            # As the first launch would: the demo LMS's user is linked by the claim naming the login ID.
            identify(registration.issuer, demo_subject(login_id), {"ext.user_username": login_id},
                     datetime.combine(learner.joined_on, time(9), PROGRAMME_TZ))
            _study(learner, profile, registration, context_id(company), start, today, items, rng)
            learners += 1
    by_name = {c.name: c for c in Company.objects.all()}
    for position, (company, person, nationality, status, language) in enumerate(WAITING, 1):
        WaitingListEntry.objects.create(company=by_name[company], position=position, display_name=person,
                                        nationality=nationality, residence_status=status,
                                        help_language=language, added_on=start + timedelta(weeks=1))
    result = sync(LtiToolRecords(), now)
    _demo_operator()
    _demo_application(now, start, rng)
    return {"companies": len(COMPANIES), "learners": learners, "daily rows": result.rows_changed}


def _demo_contact(company: Company, person: str, email: str, n: int, now: datetime) -> None:
    """The company's application as the prefecture approved it, with its confirmed contact."""
    from programme.models import Application

    Application.objects.create(
        receipt_number=f"DEMO-{n}", company=company, company_name=company.name, address=company.address,
        corporate_number="", employees=company.employees, industry=company.industry, support_name=person,
        support_email=email, support_phone="", consent_version="demo", status=Application.Status.DECIDED,
        submitted_at=now - timedelta(weeks=WEEKS + 1), contact_confirmed_at=now - timedelta(weeks=WEEKS),
        contact_confirmed_by="prefecture (demo)")


def _study(learner, profile, registration, context, start: date, today: date, items, rng) -> None:
    days = (today - start).days
    for week in range(profile.starts_week, (days + 6) // 7):
        in_week = list(range(week * 7, min(week * 7 + 7, days)))
        for offset in sorted(rng.sample(in_week, min(profile.days_in(week), len(in_week)))):
            _study_day(learner, profile, registration, context, start, days, offset, items, rng)


def _study_day(learner, profile, registration, context, start, days, offset, items, rng) -> None:
    day = start + timedelta(days=offset)
    progress = offset / max(days - 1, 1)
    accuracy = profile.accuracy_start + (profile.accuracy_end - profile.accuracy_start) * progress
    at = datetime.combine(day, time(rng.choice([6, 12, 19, 21]), rng.randrange(60)), PROGRAMME_TZ)
    _session(learner, registration, context, at, accuracy, items, rng)


def _session(learner, registration, context, at, accuracy, items, rng) -> None:
    common = {"registration": registration, "subject": demo_subject(learner.login_id),
              "resource_link_id": "drill-n5"}
    LaunchRecord.objects.create(context_id=context, activity="jlpt_drill", launched_at=at, **common)
    correct = 0
    for k in range(ROUND):
        right = rng.random() < accuracy
        correct += right
        AnswerRecord.objects.create(context_id=context, item_id=rng.choice(items), correct=right,
                                    answered_at=at + timedelta(seconds=20 * (k + 1)), **common)
    ScoreRecord.objects.create(earned=correct, possible=ROUND, delivered=True,
                               sent_at=at + timedelta(seconds=20 * ROUND + 1), **common)


def _demo_operator() -> None:
    """A staff account for the demo only: the password is printed by ``nihongo demo``."""
    from django.contrib.auth import get_user_model

    user_model = get_user_model()
    if not user_model.objects.filter(username="operator").exists():
        user_model.objects.create_superuser("operator", password="demo-operator")


def _demo_application(now: datetime, start: date, rng: random.Random) -> None:
    """A prefecture reviewer (user prefecture, password demo-prefecture; reviews at /apply/review/)
    and one application for them to review.

    The demo runs on today's date, so its recruitment window is kept open around it (P3's end date
    is configurable on the programme counter).
    """
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group

    from programme.approvals import programme_counter
    from programme.front_office import corporate_number, flows

    counter = programme_counter()
    counter.recruitment_opens_on = start
    counter.recruitment_closes_on = max(quota.RECRUITMENT_ENDS_ON, now.astimezone(PROGRAMME_TZ).date()
                                        + timedelta(days=60))
    counter.save()
    user_model = get_user_model()
    if not user_model.objects.filter(username="prefecture").exists():
        reviewer = user_model.objects.create_user("prefecture", password="demo-prefecture")
        reviewer.groups.add(Group.objects.get(name="prefecture reviewer"))
    base = "000090000001"
    number = f"{corporate_number.check_digit(base)}{base}"
    people = (flows.LearnerEntry("Dewi Lestari", "Indonesia", "育成就労", "", "id"),
              flows.LearnerEntry("Juan Dela Cruz", "Philippines", "特定技能1号", "N4", "tl"))
    flows.submit_application(flows.Submission(
        "Ibusuki Fisheries (demo)", "鹿児島県指宿市（架空）", number, 12, "漁業", "Hayashi Mika",
        "support@ibusuki-fisheries.example.jp", "0993000000", people), now, rng)
