"""Sync 10,000 learners from an Open edX LMS answering in 50 ms, against a naive per-learner sync.

A local threaded HTTP server (``tests/sync_service/data/openedx_fake.py``) serves Open edX's
enrollment, accounts and course-grade APIs with their own page sizes (enrollments ≤ 100 a page,
grades as asked) and 50 ms per request. The full sync runs ``nihongo sync --source openedx-api``'s
use case into a throwaway SQLite database. The naive sync asks each learner's account and grade
one by one; it is timed on a sample and scaled to 10,000 (saying so).

Prints seconds, requests and the ratio to the target in docs/architecture.md (≤ 30 s, requests growing with
pages, not learners). Usage: ``python benchmarks/sync_openedx.py [learners] [naive_sample]``.
"""

import os
import sys
import tempfile
import time
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
TARGET_S = 30.0
LATENCY_S = 0.05


def setup_django(var_dir: str) -> None:
    os.environ["NIHONGO_VAR_DIR"] = var_dir
    os.environ.pop("DATABASE_URL", None)
    os.environ["DJANGO_SETTINGS_MODULE"] = "portal.settings"
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)
    call_command("createcachetable", verbosity=0)


def fake_users(n: int):
    from tests.sync_service.data.openedx_fake import FakeUser

    joined = datetime(2026, 6, 1, tzinfo=timezone.utc)
    return [FakeUser(i + 1, f"k26-{i:05d}", joined, last_login=joined + timedelta(days=150, minutes=i),
                     percent=round((i % 100) / 100, 2)) for i in range(n)]


def seed_learners(users) -> None:
    from programme.models import Company, Learner

    company = Company.objects.create(name="Bench", employees=40, joined_on=date(2026, 6, 1))
    Learner.objects.bulk_create(
        Learner(company=company, login_id=u.username, display_name=u.username, nationality="Viet Nam",
                residence_status="特定技能1号", lms_user_id=u.username, joined_on=date(2026, 6, 1))
        for u in users)


def full_sync(lms, now):
    from sync_service.sources.openedx_rest import OpenEdxApiConfig, OpenEdxRestApi
    from sync_service.sync import sync

    config = OpenEdxApiConfig(lms.url, "nihongo-sync", "s3cret", (lms.course_id,))
    start = time.perf_counter()
    result = sync(OpenEdxRestApi(config, now), now)
    return time.perf_counter() - start, result


def naive_sync(lms, usernames):
    """One account call and one grade call per learner: what a per-learner loop costs."""
    from sync_service.sources.openedx_rest import OpenEdxApiConfig, oauth_session
    from sync_service.sources.retry import get_json

    session = oauth_session(OpenEdxApiConfig(lms.url, "nihongo-sync", "s3cret", (lms.course_id,)))
    start = time.perf_counter()
    for name in usernames:
        get_json(session, f"{lms.url}/api/user/v1/accounts/{name}")
        get_json(session, f"{lms.url}/api/grades/v1/courses/{lms.course_id}/", params={"username": name})
    return time.perf_counter() - start


def main(learners: int = 10_000, naive_sample: int = 200) -> None:
    with tempfile.TemporaryDirectory() as var_dir:
        setup_django(var_dir)
        from tests.sync_service.data.openedx_fake import FakeOpenEdx

        users = fake_users(learners)
        seed_learners(users)
        now = datetime(2026, 11, 27, 3, tzinfo=timezone.utc)
        with FakeOpenEdx(users, latency=LATENCY_S) as lms:
            seconds, result = full_sync(lms, now)
            calls = sum(lms.calls.values())
            print(f"learners: {learners}, server latency {LATENCY_S * 1000:.0f} ms per request")
            print(f"full sync: {seconds:.1f} s, {calls} requests ({dict(lms.calls)}), "
                  f"{result.events_read} events, {result.rows_changed} daily rows changed")
            print(f"ratio to target ({TARGET_S:.0f} s) = {seconds / TARGET_S:.2f}")
            lms.calls.clear()
            rerun_start = time.perf_counter()
            rerun = sync_again(lms, now)
            print(f"rerun (nothing new): {time.perf_counter() - rerun_start:.1f} s, "
                  f"{sum(lms.calls.values())} requests, {rerun.rows_changed} rows changed")
            lms.calls.clear()
            sample = [u.username for u in users[:naive_sample]]
            naive_s = naive_sync(lms, sample) * learners / naive_sample
            naive_calls = 2 * learners + 1
            print(f"naive per-learner sync: {naive_s:.0f} s, {naive_calls} requests "
                  f"(timed on {naive_sample} learners, scaled to {learners})")
            print(f"naive / full: {naive_s / seconds:.1f}x the time, {naive_calls / calls:.1f}x the requests")


def sync_again(lms, now):
    return full_sync(lms, now)[1]


if __name__ == "__main__":
    args = [int(a) for a in sys.argv[1:3]]
    main(*args)
