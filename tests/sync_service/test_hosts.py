"""``nihongo hosts push``: suspended learners are unenrolled from the programme's Open edX courses.

The fake LMS (``data/openedx_fake.py``) answers the Enrollment API as Open edX's
``EnrollmentView.get`` and ``EnrollmentListView.post`` do (openedx/openedx-platform
openedx/core/djangoapps/enrollments/views.py @ 85f323f1).
"""

from datetime import date, datetime, timedelta, timezone

import pytest

from portal.cli import main
from programme.models import HostAction, Learner, RuleDecision
from sync_service.hosts import push
from sync_service.sources.openedx_actions import OpenEdxEnrollments
from sync_service.sources.openedx_rest import OpenEdxApiConfig
from sync_service.sources.retry import Backoff
from tests.sync_service.data.openedx_fake import FakeOpenEdx, FakeUser

NOW = datetime(2026, 11, 27, 3, tzinfo=timezone.utc)
JOINED = datetime(2026, 6, 1, tzinfo=timezone.utc)
MAIN, SECOND = "course-v1:Kagoshima+N5+2026", "course-v1:Kagoshima+N4+2026"
NAMES = {"k26-0001": "Nguyen Thi Lan", "k26-0002": "Tran Van Minh", "k26-0003": "Siti Rahmawati"}


@pytest.fixture
def stopped(company_factory, learner_factory):
    """A suspended company's three learners, stopped, with their unenroll actions queued."""
    company = company_factory()
    learners = [learner_factory(company=company, login_id=login, display_name=name,
                                status=Learner.Status.STOPPED) for login, name in NAMES.items()]
    decision = RuleDecision.objects.create(kind=RuleDecision.Kind.SUSPENSION, company=company,
                                           week=date(2026, 11, 23), learner_key="[]", decided_at=NOW)
    for learner in learners:
        HostAction.objects.create(decision=decision, learner=learner)
    return learners


@pytest.fixture
def lms():
    users = [FakeUser(i, login, JOINED) for i, login in enumerate(NAMES, start=11)]
    users.append(FakeUser(20, "k26-0009", JOINED))
    with FakeOpenEdx(users, course_id=MAIN) as server:
        for login in NAMES:
            server.enroll(login, SECOND)
        yield server


def client(lms, attempts=6, courses=(MAIN, SECOND)):
    config = OpenEdxApiConfig(lms.url, "nihongo-sync", "s3cret", courses)
    return OpenEdxEnrollments(config, backoff=Backoff(attempts=attempts), sleep=lambda s: None)


def statuses():
    return {a.learner.login_id: (a.status, a.attempts) for a in HostAction.objects.select_related("learner")}


def posts(lms):
    return sorted((p["user"], p["course_details"]["course_id"], p["is_active"]) for p in lms.enrollment_posts)


def test_pending_actions_are_sent_once_per_course_and_marked_done(stopped, lms):
    result = push(client(lms), NOW)
    assert posts(lms) == sorted((login, course, False) for login in NAMES for course in (MAIN, SECOND))
    assert all(lms.is_active(login, c) is False for login in NAMES for c in (MAIN, SECOND))
    assert lms.is_active("k26-0009", MAIN) is True  # not in the suspended company
    assert statuses() == {login: ("done", 1) for login in NAMES}
    assert all(a.done_at == NOW and a.error == "" for a in HostAction.objects.all())
    assert (result.count("done"), result.failed, lms.reactivations) == (3, 0, 0)
    assert lms.token_requests[0]["grant_type"] == "client_credentials"


def test_a_rerun_sends_nothing(stopped, lms):
    push(client(lms), NOW)
    lms.calls.clear()
    again = push(client(lms), NOW + timedelta(hours=1))
    assert again.results == [] and lms.calls["enrollment_change"] == 0 and lms.calls["enrollment"] == 0
    assert len(lms.enrollment_posts) == 6


def test_already_not_enrolled_counts_as_done_without_a_post(stopped, lms):
    lms.enroll("k26-0001", MAIN, active=False)  # unenrolled by hand in Studio
    lms.other_enrollments.pop(("k26-0001", SECOND))  # never enrolled there
    result = push(client(lms), NOW)
    assert ("k26-0001", MAIN, False) not in posts(lms) and ("k26-0001", SECOND, False) not in posts(lms)
    assert statuses()["k26-0001"] == ("done", 1)
    assert "not enrolled" in result.results[0].line() and lms.reactivations == 0


def test_an_unknown_open_edx_user_counts_as_done(stopped, lms):
    """No account, no access: the GET finds no enrollment; the POST's 406 (an account retired between
    the read and the change, ``EnrollmentListView.post``) means the same."""
    stopped[0].lms_user_id = "not-in-openedx"
    stopped[0].save()
    lms.fail("enrollment_change", 406, times=1, message="The user k26-0002 does not exist.")
    result = push(client(lms, courses=(MAIN,)), NOW)
    assert statuses() == {"k26-0001": ("done", 1), "k26-0002": ("done", 1), "k26-0003": ("done", 1)}
    assert [r.courses for r in result.results] == [
        [(MAIN, "not enrolled")], [(MAIN, "no such Open edX user")], [(MAIN, "unenrolled")]]


def test_a_server_error_then_success_is_retried(stopped, lms):
    lms.fail("enrollment_change", 503, times=2)
    lms.fail("enrollment", 429, times=1, retry_after=3)
    waits = []
    enrollments = client(lms)
    enrollments.sleep = waits.append
    result = push(enrollments, NOW)
    assert result.failed == 0 and statuses() == {login: ("done", 1) for login in NAMES}
    assert waits[0] == 3 and len(waits) == 3  # Retry-After honoured, then a backoff per 503
    assert lms.calls["enrollment_change"] == 6 + 2 and lms.reactivations == 0  # each course changed once


def test_a_permanent_failure_is_recorded_and_retried_on_the_next_push(stopped, lms):
    mismatch = "Enrollment mode mismatch: active mode=verified, requested mode=audit. Won't deactivate."
    lms.fail("enrollment_change", 400, times=1, message=mismatch)
    first = push(client(lms), NOW)
    assert first.failed == 1 and lms.calls["enrollment_change"] == 6  # a 4xx is not retried at once
    failed = HostAction.objects.get(status="failed")
    assert failed.attempts == 1 and failed.done_at is None
    assert failed.error == f"{MAIN}: HTTP 400: {mismatch}"
    assert lms.is_active(failed.learner.lms_user_id, SECOND) is False  # the other course went through

    lms.calls.clear()
    second = push(client(lms), NOW + timedelta(days=1))
    assert [r.login_id for r in second.results] == [failed.learner.login_id]  # only the failed one
    assert lms.calls["enrollment_change"] == 1  # the course already unenrolled is not posted again
    failed.refresh_from_db()
    assert (failed.status, failed.attempts, failed.error) == ("done", 2, "")


def test_a_host_that_stays_down_fails_the_action_with_its_message(stopped, lms):
    lms.fail("enrollment", 502, times=99)
    result = push(client(lms, attempts=2), NOW)
    assert result.failed == 3 and lms.calls["enrollment_change"] == 0
    assert "failed 2 times; last: HTTP 502" in HostAction.objects.first().error


def test_a_learner_active_again_is_not_unenrolled(stopped, lms):
    Learner.objects.filter(login_id="k26-0002").update(status=Learner.Status.ACTIVE)
    result = push(client(lms), NOW)
    assert statuses()["k26-0002"] == ("pending", 0) and result.count("skipped") == 1
    assert not any(user == "k26-0002" for user, _, _ in posts(lms))


def test_dry_run_sends_nothing(stopped, lms):
    result = push(None, NOW, dry_run=True, course_ids=(MAIN, SECOND))
    assert [r.outcome for r in result.results] == ["would send"] * 3
    assert lms.calls == {} and statuses() == {login: ("pending", 0) for login in NAMES}


@pytest.fixture
def env(lms, monkeypatch):
    for key, value in {"OPENEDX_BASE_URL": lms.url, "OPENEDX_CLIENT_ID": "nihongo-sync",
                       "OPENEDX_CLIENT_SECRET": "s3cret", "OPENEDX_COURSE_IDS": f"{MAIN}, {SECOND}"}.items():
        monkeypatch.setenv(key, value)
    return monkeypatch


def test_cli_push_prints_login_ids_never_names(stopped, lms, env, capsys):
    assert main(["hosts", "push", "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert "3 actions would be sent (dry run: nothing sent)" in out and lms.calls == {}
    assert main(["hosts", "push"]) == 0
    out += capsys.readouterr().out
    assert "3 done, 0 failed, 0 skipped of 3 actions" in out
    assert all(login in out for login in NAMES)
    assert not any(part in out for name in NAMES.values() for part in name.split())


def test_cli_push_exits_1_when_an_action_failed(stopped, lms, env, capsys):
    lms.fail("enrollment_change", 403, times=99, message="You do not have permission.")
    assert main(["hosts", "push"]) == 1
    out = capsys.readouterr().out
    assert "3 failed" in out and "HTTP 403: You do not have permission." in out
    assert not any(part in out for name in NAMES.values() for part in name.split())


def test_cli_names_the_missing_setting(stopped, env, capsys):
    env.delenv("OPENEDX_CLIENT_SECRET")
    assert main(["hosts", "push"]) == 2
    assert "set OPENEDX_CLIENT_SECRET to push host actions to Open edX" in capsys.readouterr().err
    assert statuses() == {login: ("pending", 0) for login in NAMES}


def test_an_error_quoting_the_open_edx_username_shows_the_login_id(stopped, lms):
    stopped[0].lms_user_id = "lan.nguyen"
    stopped[0].save()
    lms.users["lan.nguyen"] = FakeUser(30, "lan.nguyen", JOINED)
    lms.fail("enrollment_change", 400, times=1, message="Cannot change lan.nguyen's enrollment.")
    push(client(lms, courses=(MAIN,)), NOW)
    error = HostAction.objects.get(learner=stopped[0]).error
    assert error == f"{MAIN}: HTTP 400: Cannot change k26-0001's enrollment."
