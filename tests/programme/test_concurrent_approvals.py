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

from programme.approvals import ApprovalRefused, approve_learner, programme_counter
from programme.models import ApplicationLearner, Company, Learner
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


def _pool(work, items, workers: int) -> tuple[list, list, float]:
    """Run ``work(item)`` for every item on ``workers`` threads (one connection each), started together."""
    queue = list(reversed(items))
    lock, barrier = threading.Lock(), threading.Barrier(workers)
    granted, refused, errors = [], [], []

    def run():
        try:
            barrier.wait()
            while True:
                with lock:
                    if not queue:
                        return
                    item = queue.pop()
                try:
                    granted.append(work(item))
                except ApprovalRefused as refusal:
                    refused.append(str(refusal))
                except Exception as error:  # noqa: BLE001 - reported below: a deadlock fails the test
                    errors.append(repr(error))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run) for _ in range(workers)]
    started = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert errors == []
    return granted, refused, time.monotonic() - started


def test_a_thousand_concurrent_approval_attempts_never_exceed_any_quota():
    """1,000 attempts on 720 applicants of 120 companies (29 and 30 employees), 300 places, 16 workers.

    280 attempts repeat an applicant (two reviewers clicking at once); each attempt is its own transaction.
    """
    import random

    from django.db.models import Count

    programme_counter()
    companies = Company.objects.bulk_create(
        Company(name=f"Company {n}", employees=29 if n % 2 else 30, joined_on=date(2026, 6, 1))
        for n in range(120))
    applicants = ApplicationLearner.objects.bulk_create(
        ApplicationLearner(company=company, login_id=f"t{c:03d}-{n}", display_name=f"Applicant {c}-{n}",
                           nationality="Viet Nam", residence_status="育成就労", applied_on=date(2026, 6, 1))
        for c, company in enumerate(companies) for n in range(6))
    rng = random.Random(2026)
    attempts = [a.id for a in applicants] + [rng.choice(applicants).id for _ in range(280)]
    rng.shuffle(attempts)

    granted, refused, seconds = _pool(_approve, attempts, workers=16)

    reasons = {"already": sum("already approved" in r for r in refused),
               "company full": sum("of its" in r for r in refused),
               "programme full": sum("places are all taken" in r for r in refused)}
    print(f"\n1,000 attempts on PostgreSQL, 16 workers: {len(granted)} granted, {len(refused)} refused "
          f"({reasons}), {seconds:.2f}s, {len(attempts) / seconds:.0f} attempts/s")
    assert len(attempts) == len(granted) + len(refused) == 1000
    assert sum(reasons.values()) == len(refused)
    assert len(granted) == Learner.objects.count() == 300  # every place taken, not one more
    per_company = Company.objects.annotate(n=Count("learners")).values_list("employees", "n")
    assert all(n <= (3 if employees < 30 else 5) for employees, n in per_company)
    assert max(n for employees, n in per_company if employees == 29) == 3
    assert max(n for employees, n in per_company if employees == 30) == 5
    assert ApplicationLearner.objects.filter(status="approved").count() == 300
    assert len({learner.login_id for learner in granted}) == 300  # nobody approved twice


def test_concurrent_applications_are_all_stored_and_hold_no_place_until_approved():
    """20 companies apply at once while 10 places are free: every application is stored once with its own
    receipt, and since undecided applicants hold no place (junk cannot push real companies out), all 40 await
    the prefecture and nobody is put on the waiting list; the places are taken, under the programme row's
    lock, only by approvals (the tests above)."""
    import random

    from programme.front_office import corporate_number, flows
    from programme.models import WaitingListEntry

    counter = programme_counter()
    counter.places, counter.recruitment_opens_on = 10, date(2026, 5, 1)
    counter.save()

    def apply(n):
        base = f"{n:012d}"
        number = f"{corporate_number.check_digit(base)}{base}"
        people = tuple(flows.LearnerEntry(f"P{n}-{k}", "Myanmar", "技能実習2号", "", "my") for k in range(2))
        submission = flows.Submission(f"Company {n}", "鹿児島市", number, 10, "介護", "担当", "t@example.jp",
                                      "0990000000", people)
        return flows.submit_application(submission, jst(2026, 6, 1), random.Random(n))

    receipts, refused, seconds = _race(apply, list(range(1, 21)))
    print(f"20 concurrent applications for 10 places: {sum(r.applicants for r in receipts)} applicants, "
          f"{sum(r.waiting for r in receipts)} waiting, {seconds:.2f}s")
    assert refused == [] and len(receipts) == 20 and len({r.number for r in receipts}) == 20
    assert sum(r.applicants for r in receipts) == ApplicationLearner.objects.count() == 40
    assert WaitingListEntry.objects.count() == 0
