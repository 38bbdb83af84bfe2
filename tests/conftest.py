"""Factories shared by the suite (functions that make rows, as django-allauth's tests do)."""

from datetime import date, datetime, timezone

import pytest

from lti_tool.models import AnswerRecord, LaunchRecord, PlatformRegistration, ScoreRecord
from programme.models import Company, Learner


@pytest.fixture(autouse=True)
def _fresh_request_cache():
    """edx-rest-api-client keeps Open edX access tokens in TieredCache, whose first tier is a process-wide
    dict outside any request in tests: a fake LMS on a port an earlier test's fake used would find that
    test's token and never ask for one. Each test starts with an empty request cache (the database tier is
    rolled back with the test)."""
    from edx_django_utils.cache import RequestCache

    RequestCache.clear_all_namespaces()
    yield


@pytest.fixture
def registration(db):
    return PlatformRegistration.objects.create(
        name="Test LMS", issuer="https://lms.example", client_id="tool-1",
        auth_login_url="https://lms.example/auth", auth_token_url="https://lms.example/token",
        deployment_ids=["1"])


@pytest.fixture
def company_factory(db):
    def make(name="Sakurajima Foods", employees=45, joined_on=date(2026, 6, 1)):
        return Company.objects.create(name=name, employees=employees, industry="food processing",
                                      joined_on=joined_on)
    return make


@pytest.fixture
def learner_factory(db, company_factory):
    counter = iter(range(1, 10_000))

    def make(company=None, login_id=None, joined_on=date(2026, 6, 1), **extra):
        n = next(counter)
        login_id = login_id or f"k26-{n:04d}"
        fields = {"display_name": f"Learner {n}", "nationality": "Viet Nam",
                  "residence_status": "特定技能1号", "lms_user_id": login_id, **extra}
        return Learner.objects.create(company=company or company_factory(), login_id=login_id,
                                      joined_on=joined_on, **fields)
    return make


@pytest.fixture
def study(registration):
    """Record what the LTI tool records when a learner launches and answers."""
    def record(subject, at: datetime, answers=(), score=None):
        common = {"registration": registration, "subject": subject, "resource_link_id": "drill-n5"}
        LaunchRecord.objects.create(context_id="c1", activity="jlpt_drill", launched_at=at, **common)
        for correct in answers:
            AnswerRecord.objects.create(context_id="c1", item_id="n5-mw-x", correct=correct, answered_at=at,
                                        **common)
        if score is not None:
            ScoreRecord.objects.create(earned=score[0], possible=score[1], sent_at=at, delivered=True,
                                       **common)
    return record


def jst(y, m, d, hour=12):
    """An aware datetime given in Japan time."""
    from curriculum.japan_time import PROGRAMME_TZ

    return datetime(y, m, d, hour, tzinfo=PROGRAMME_TZ).astimezone(timezone.utc)
