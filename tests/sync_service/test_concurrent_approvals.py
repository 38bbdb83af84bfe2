"""Concurrent approvals never exceed a quota (P1, P2): row locks, proven with real transactions.

Each thread has its own database connection and starts its approval at the same moment (a barrier).
SQLite has one writer and locks the whole database, so there the proof means nothing: CI runs this
file on PostgreSQL, where the row locks are what keeps the counts right.
"""

import threading
import time
from datetime import date

import pytest
from django.db import connection, connections, transaction

from sync_service.approvals import ApprovalRefused, approve_learner, programme_counter
from sync_service.models import ApplicationLearner, Company, Learner
from tests.conftest import jst

pytestmark = [
    pytest.mark.skipif(connection.vendor != "postgresql",
                       reason="row locks are proven on PostgreSQL; CI runs this file with DATABASE_URL"),
    pytest.mark.django_db(transaction=True),
]

THREADS = 12


def _applicants(company: Company, count: int, prefix: str) -> list[int]:
    return [ApplicationLearner.objects.create(
        company=company, login_id=f"{prefix}-{n:03d}", display_name=f"Applicant {n}", nationality="Viet Nam",
        residence_status="特定技能1号", applied_on=date(2026, 6, 1)).id for n in range(count)]


def _race(work, items) -> tuple[list, list, float]:
    """Run ``work(item)`` in one thread per item, all released at once; return outcomes and seconds."""
    barrier = threading.Barrier(len(items))
    granted, refused, errors = [], [], []

    def run(item):
        try:
            barrier.wait()
            granted.append(work(item))
        except ApprovalRefused as refusal:
            refused.append(str(refusal))
        except Exception as error:  # noqa: BLE001 - reported below, so a deadlock fails the test
            errors.append(repr(error))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(item,)) for item in items]
    started = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert errors == []
    return granted, refused, time.monotonic() - started


def _approve(applicant_id):
    return approve_learner(applicant_id, "pref-reviewer-1", "ref 2026-06", jst(2026, 6, 10))


@pytest.mark.parametrize(("employees", "quota_"), [(29, 3), (30, 5)])
def test_concurrent_approvals_never_exceed_the_company_quota(employees, quota_):
    company = Company.objects.create(name="Kirishima Metal", employees=employees, joined_on=date(2026, 6, 1))
    granted, refused, seconds = _race(_approve, _applicants(company, THREADS, "c"))
    print(f"company quota {quota_}: {THREADS} threads, {THREADS} attempts, {len(granted)} granted, "
          f"{len(refused)} refused, {seconds:.2f}s")
    assert (len(granted), len(refused)) == (quota_, THREADS - quota_)
    assert company.learners.count() == quota_
    assert all("places" in message and "Applicant" not in message for message in refused)


def test_concurrent_approvals_across_companies_never_exceed_the_programme_places():
    counter = programme_counter()
    counter.places = 7
    counter.save()
    companies = [Company.objects.create(name=f"Company {n}", employees=50, joined_on=date(2026, 6, 1))
                 for n in range(4)]
    ids = [i for n, c in enumerate(companies) for i in _applicants(c, THREADS // 4, f"p{n}")]
    granted, refused, seconds = _race(_approve, ids)
    print(f"programme places 7: {len(ids)} threads, {len(granted)} granted, {len(refused)} refused, "
          f"{seconds:.2f}s")
    assert (len(granted), Learner.objects.count()) == (7, 7)
    assert all(c.learners.count() <= 5 for c in companies)


def test_without_the_locks_a_count_read_earlier_lets_too_many_in():
    """The hazard the locks prevent: every thread counts before any inserts (forced by a barrier)."""
    company = Company.objects.create(name="Naive Corp", employees=10, joined_on=date(2026, 6, 1))
    counted = threading.Barrier(THREADS)

    def naive(n):
        with transaction.atomic():
            taken = company.learners.count()
            counted.wait()
            if taken >= 3:
                raise ApprovalRefused("full")
            return Learner.objects.create(company=company, login_id=f"n-{n}", lms_user_id=f"n-{n}",
                                          display_name="x", nationality="x", residence_status="x",
                                          joined_on=date(2026, 6, 10))

    granted, _, _ = _race(naive, list(range(THREADS)))
    assert len(granted) == company.learners.count() == THREADS > 3
