"""Demo data: two companies, a manager each, five learners and eight weeks of plausible study.

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
from curriculum.drill import PROGRAMME_TZ
from lti_tool.models import AnswerRecord, LaunchRecord, ScoreRecord

from .models import Company, Learner, Manager
from .sources.lti_records import LtiToolRecords
from .sync import sync

WEEKS = 8
ROUND = 10


@dataclass(frozen=True)
class Profile:
    """How a demo learner studies: chance of a study day, accuracy at the start and the end."""

    study_chance: float
    accuracy_start: float
    accuracy_end: float
    stops_after_week: int | None = None
    starts_week: int = 0


COMPANIES = [
    ("Sakurajima Foods (demo)", 45, "food processing", [
        ("k26-0001", "Nguyen Thi Lan", "Viet Nam", "特定技能1号", "vi", Profile(0.7, 0.55, 0.85)),
        ("k26-0002", "Budi Santoso", "Indonesia", "技能実習2号", "id", Profile(0.35, 0.5, 0.7)),
        ("k26-0003", "Maria Santos", "Philippines", "特定技能1号", "tl",
         Profile(0.5, 0.6, 0.75, stops_after_week=5)),
    ]),
    ("Kirishima Care Home (demo)", 22, "care", [
        ("k26-0004", "Aung Ko Ko", "Myanmar", "技能実習1号", "my", Profile(0.2, 0.45, 0.65)),
        ("k26-0005", "Tran Van Minh", "Viet Nam", "特定技能1号", "vi", Profile(0.6, 0.5, 0.8, starts_week=2)),
    ]),
]
MANAGERS = [("k26-m001", "Yamada Hanako"), ("k26-m002", "Saigo Takashi")]


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
    for (name, employees, industry, people), manager in zip(COMPANIES, MANAGERS, strict=True):
        manager_id, manager_name = manager
        company = Company.objects.create(name=name, employees=employees, industry=industry, joined_on=start)
        Manager.objects.create(company=company, login_id=manager_id, display_name=manager_name,
                               lms_user_id=manager_id)
        for login_id, person, nationality, status, language, profile in people:
            learner = Learner.objects.create(
                company=company, login_id=login_id, display_name=person, nationality=nationality,
                residence_status=status, help_language=language, lms_user_id=login_id,
                joined_on=start + timedelta(weeks=profile.starts_week))
            _study(learner, profile, registration, context_id(company), start, today, items, rng)
            learners += 1
    result = sync(LtiToolRecords(), now)
    return {"companies": len(COMPANIES), "learners": learners, "daily rows": result.rows_changed}


def _study(learner, profile, registration, context, start: date, today: date, items, rng) -> None:
    days = (today - start).days
    for offset in range(days):
        week = offset // 7
        if week < profile.starts_week or (profile.stops_after_week and week >= profile.stops_after_week):
            continue
        if rng.random() > profile.study_chance:
            continue
        day = start + timedelta(days=offset)
        progress = offset / max(days - 1, 1)
        accuracy = profile.accuracy_start + (profile.accuracy_end - profile.accuracy_start) * progress
        at = datetime.combine(day, time(rng.choice([6, 12, 19, 21]), rng.randrange(60)), PROGRAMME_TZ)
        _session(learner, registration, context, at, accuracy, items, rng)


def _session(learner, registration, context, at, accuracy, items, rng) -> None:
    common = {"registration": registration, "subject": learner.lms_user_id, "resource_link_id": "drill-n5"}
    LaunchRecord.objects.create(context_id=context, activity="jlpt_drill", launched_at=at, **common)
    correct = 0
    for k in range(ROUND):
        right = rng.random() < accuracy
        correct += right
        AnswerRecord.objects.create(context_id=context, item_id=rng.choice(items), correct=right,
                                    answered_at=at + timedelta(seconds=20 * (k + 1)), **common)
    ScoreRecord.objects.create(earned=correct, possible=ROUND, delivered=True,
                               sent_at=at + timedelta(seconds=20 * ROUND + 1), **common)
