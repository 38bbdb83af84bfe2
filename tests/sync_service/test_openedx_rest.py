"""``nihongo sync --source openedx-api``: enrollments, accounts and grades from a real-HTTP fake LMS.

The fake (``data/openedx_fake.py``) answers as Open edX's own views do: enrollment list
(openedx/openedx-platform openedx/core/djangoapps/enrollments/views.py @ 85f323f1), course grades
(lms/djangoapps/grades/rest_api/v1/views.py and v1/utils.py @ e57a655d), accounts
(openedx/core/djangoapps/user_api/accounts/serializers.py @ 5c57af55), cursor-paged like DRF.
"""

from datetime import date, datetime, timedelta, timezone

import pytest

from programme.models import DailyActivity, SyncCheckpoint
from sync_service.sources.openedx_rest import OpenEdxApiConfig, OpenEdxRestApi
from sync_service.sources.retry import Backoff, GaveUp
from sync_service.sync import sync
from tests.conftest import jst
from tests.sync_service.data.openedx_fake import FakeOpenEdx, FakeUser

NOW = datetime(2026, 11, 27, 3, tzinfo=timezone.utc)  # 12:00 JST
JOINED = datetime(2026, 6, 1, 0, 0, tzinfo=timezone.utc)


def users():
    return [
        FakeUser(11, "k26-0001", JOINED, last_login=jst(2026, 11, 2, 8), percent=0.75),
        FakeUser(12, "k26-0002", JOINED, last_login=jst(2026, 11, 3, 23), percent=0.0),
        # Registered by our account issuance and never back: Open edX signed it in as it registered it.
        FakeUser(13, "k26-0003", JOINED, last_login=JOINED + timedelta(seconds=2)),
        FakeUser(14, "k26-0004", JOINED, last_login=None, percent=0.4, enrolled=False),
        FakeUser(15, "someone-else", JOINED, last_login=jst(2026, 11, 5), percent=0.9),
    ]


@pytest.fixture
def learners(learner_factory):
    return {n: learner_factory(login_id=n) for n in ("k26-0001", "k26-0002", "k26-0003", "k26-0004")}


@pytest.fixture
def lms():
    with FakeOpenEdx(users()) as server:
        yield server


def source(lms, now=NOW, **extra):
    config = OpenEdxApiConfig(lms.url, "nihongo-sync", "s3cret", (lms.course_id,))
    extra.setdefault("sleep", lambda s: None)
    return OpenEdxRestApi(config, now, page_size=2, **extra)


def activity():
    return sorted((a.learner.login_id, a.day, a.logins, a.best_score) for a in DailyActivity.objects.all())


def test_logins_and_grades_become_daily_activity(learners, lms):
    result = sync(source(lms), NOW)
    assert activity() == [
        ("k26-0001", date(2026, 11, 2), 1, None),
        ("k26-0001", date(2026, 11, 27), 0, 0.75),  # a grade has no date: the day the sync saw it
        ("k26-0002", date(2026, 11, 3), 1, None),
    ]
    assert (result.events_read, result.unmatched_subjects) == (5, 1)  # someone-else: a login and a grade


def test_requests_grow_with_pages_not_learners(learners, lms):
    sync(source(lms), NOW)
    # 5 enrollments in pages of 2 -> 3 pages, each one accounts call; 4 active grades -> 2 pages.
    assert dict(lms.calls) == {"token": 1, "enrollments": 3, "accounts": 3, "grades": 2}


def test_the_client_signs_in_with_client_credentials_and_a_jwt(learners, lms):
    """edx-rest-api-client's OAuthAPIClient, as openedx_facts.md 3.1 describes it."""
    sync(source(lms), NOW)
    token_request = lms.token_requests[0]
    assert token_request["grant_type"] == "client_credentials" and token_request["token_type"] == "jwt"
    assert lms.calls["token"] == 1  # cached for every later call


def test_a_rerun_changes_nothing_and_a_new_login_is_added_once(learners, lms):
    sync(source(lms), NOW)
    snapshot = activity()
    again = sync(source(lms), NOW)
    assert (again.events_read, again.rows_changed) == (0, 0) and activity() == snapshot
    lms.users["k26-0002"].last_login = jst(2026, 11, 20, 9)
    lms.users["k26-0001"].percent = 0.8
    later = sync(source(lms, now=NOW + timedelta(days=1)), NOW + timedelta(days=1))
    assert later.events_read == 2
    assert ("k26-0002", date(2026, 11, 20), 1, None) in activity()
    assert ("k26-0001", date(2026, 11, 28), 0, 0.8) in activity()


def test_throttled_calls_wait_what_the_host_asks(learners, lms):
    waits = []
    lms.fail("enrollments", 429, times=1, retry_after=7)
    lms.fail("grades", 503, times=2)
    sync(source(lms, sleep=waits.append), NOW)
    assert waits[0] == 7 and len(waits) == 3  # Retry-After honoured, then two backoffs for the 503s
    assert len(activity()) == 3


def test_a_crash_mid_sync_then_a_rerun_gives_what_an_uninterrupted_run_gives(learners, lms):
    sync(source(lms), NOW)
    uninterrupted = activity()
    DailyActivity.objects.all().delete()
    SyncCheckpoint.objects.all().delete()

    lms.fail("grades", 503, times=99)  # the LMS goes down after the enrollments are read
    with pytest.raises(GaveUp):
        sync(source(lms, backoff=Backoff(attempts=3)), NOW)
    assert SyncCheckpoint.objects.get().position["run"]["stage"] == "grades"
    lms.recover()
    lms.calls.clear()
    sync(source(lms), NOW)
    assert activity() == uninterrupted
    assert lms.calls["enrollments"] == 0  # resumed at the grades, not from the start
