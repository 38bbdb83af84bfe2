"""A sync that fails safe: a refused token is renewed, a corrupt log or an unknown course is named and
skipped while the rest is read, and the weekly rule is not applied on an incomplete or stale sync."""

import gzip
import json
import os
from datetime import datetime, timedelta, timezone

import pytest

from portal.cli import main
from programme.models import DailyActivity, RuleDecision, SyncRun
from sync_service.sources.openedx_rest import OpenEdxApiConfig, OpenEdxRestApi
from sync_service.sources.openedx_tracking import OpenEdxTrackingLogs
from sync_service.sync import sync
from tests.conftest import jst
from tests.sync_service.data.openedx_fake import FakeOpenEdx, FakeUser

NOW = datetime(2026, 11, 27, 3, tzinfo=timezone.utc)
JOINED = datetime(2026, 6, 1, tzinfo=timezone.utc)


@pytest.fixture
def lms(learner_factory):
    learner_factory(login_id="k26-0001")
    user = FakeUser(11, "k26-0001", JOINED, last_login=jst(2026, 11, 2, 8), percent=0.5)
    with FakeOpenEdx([user]) as server:
        yield server


def api(lms, courses):
    return OpenEdxRestApi(OpenEdxApiConfig(lms.url, "nihongo-sync", "s3cret", courses), NOW,
                          sleep=lambda s: None)


def test_a_refused_token_is_renewed_and_the_sync_goes_on(lms):
    sync(api(lms, (lms.course_id,)), NOW)  # a token cached for hours
    lms.fail("enrollments", 401, 1, message="Token has been revoked.")
    lms.users["k26-0001"].last_login = jst(2026, 11, 20, 8)
    result = sync(api(lms, (lms.course_id,)), NOW)
    assert lms.calls["token"] == 2 and result.problems == ()
    assert DailyActivity.objects.filter(learner__login_id="k26-0001", logins=1).count() == 2


def test_an_unknown_course_is_named_and_the_next_course_is_read(lms, capsys):
    lms.fail("enrollments", 400, 1, message="Invalid course id")  # the first course: a typo
    result = sync(api(lms, ("course-v1:Kagoshima+N5+2O26", lms.course_id)), NOW)
    assert any("course-v1:Kagoshima+N5+2O26" in p and "400" in p for p in result.problems)
    assert DailyActivity.objects.filter(learner__login_id="k26-0001", logins=1).exists()  # the good one
    assert not SyncRun.objects.get().ok


def line(at: datetime, **fields) -> bytes:
    context = {"course_id": "course-v1:K+N5+2026", "user_id": 11}
    return (json.dumps({"time": at.isoformat(), "context": context, **fields}) + "\n").encode()


def test_a_corrupt_rotated_log_is_named_and_skipped_and_the_others_are_read(learner_factory, tmp_path):
    learner_factory(login_id="k26-0001")
    good = line(jst(2026, 11, 3, 9), username="k26-0001", event_type="/courses/course-v1:K+N5+2026/")
    (tmp_path / "tracking.log").write_bytes(good)
    lines = b"".join(line(jst(2026, 11, 2, 9) + timedelta(seconds=n), username="k26-0001",
                          event_type=f"problem_check/{n * 7919 % 10007}") for n in range(3000))
    whole = gzip.compress(lines)
    middle = len(whole) // 2
    (tmp_path / "tracking.log.2.gz").write_bytes(whole[:middle] + b"\0" * 256 + whole[middle + 256:])
    (tmp_path / "tracking.log.3.gz").write_bytes(b"not gzip at all\n")
    old = (NOW - timedelta(days=2)).timestamp()
    os.utime(tmp_path / "tracking.log.3.gz", (old, old))
    result = sync(OpenEdxTrackingLogs(tmp_path), NOW)
    named = "\n".join(result.problems)
    assert "tracking.log.3.gz: not a readable gzip file" in named and "tracking.log.2.gz: unreadable" in named
    days = set(DailyActivity.objects.filter(DailyActivity.PRESENT).values_list("day", flat=True))
    assert jst(2026, 11, 3, 9).date() in days  # the plain log after the bad ones was read
    assert jst(2026, 11, 2, 9).date() in days  # and what was readable of the corrupt one


def test_rules_apply_refuses_after_a_failed_or_stale_sync_and_force_overrides(learner_factory, capsys,
                                                                               monkeypatch):
    learner_factory(login_id="k26-0001", joined_on=datetime(2026, 6, 1).date())
    monkeypatch.setenv("NIHONGO_SYNC_SOURCES", "lti,openedx-api")
    assert main(["rules", "run", "--apply"]) == 1
    assert "sync openedx_api has never run" in capsys.readouterr().err
    now = datetime.now(timezone.utc)
    SyncRun.objects.create(source="lti_tool", started_at=now, finished_at=now)
    SyncRun.objects.create(source="openedx_api", started_at=now, finished_at=now, ok=False,
                           problems="GaveUp: GET https://lms/api/enrollment/v1/enrollments failed 6 times")
    assert main(["rules", "run", "--apply"]) == 1
    assert "failed or skipped something: GaveUp" in capsys.readouterr().err
    assert not RuleDecision.objects.exists()
    SyncRun.objects.create(source="openedx_api", started_at=now - timedelta(days=3),
                           finished_at=now - timedelta(days=3))
    SyncRun.objects.filter(ok=False).update(finished_at=now - timedelta(days=4))
    assert main(["rules", "run", "--apply"]) == 1
    assert "openedx_api is 3.0 days ago" in capsys.readouterr().err
    assert main(["rules", "run", "--apply", "--force"]) == 0
    assert RuleDecision.objects.exists()  # the operator checked: the learner who never studied is warned


def test_sync_all_runs_every_configured_source_in_order_and_a_failure_does_not_stop_the_next(
        learner_factory, monkeypatch, capsys, tmp_path):
    monkeypatch.setenv("NIHONGO_SYNC_SOURCES", "openedx-api,lti")
    monkeypatch.delenv("OPENEDX_BASE_URL", raising=False)
    assert main(["sync", "--all"]) == 2  # the API is not configured: said, and the LTI records still read
    captured = capsys.readouterr()
    assert "OPENEDX_BASE_URL" in captured.err and "lti_tool:" in captured.out


def test_the_scheduling_examples_run_every_configured_source_before_the_rule():
    from pathlib import Path

    for name in ("crontab", "nihongo-sync.service"):
        text = (Path(__file__).parents[2] / "docs" / "scheduling" / name).read_text()
        assert text.index("nihongo sync --all") < text.index("nihongo rules run --apply"), name


def test_the_sync_reads_a_companys_ccx_course_and_names_a_bad_key():
    env = {"OPENEDX_BASE_URL": "https://lms.example", "OPENEDX_CLIENT_ID": "c", "OPENEDX_CLIENT_SECRET": "s",
           "OPENEDX_COURSE_IDS": "course-v1:Kagoshima+N5+2026, ccx-v1:Kagoshima+N5+2026+ccx@3"}
    config = OpenEdxApiConfig.from_env(env)
    assert config.course_ids == ("course-v1:Kagoshima+N5+2026", "ccx-v1:Kagoshima+N5+2026+ccx@3")
    with pytest.raises(ValueError, match="Kagoshima/N5 is not a course key"):
        OpenEdxApiConfig.from_env({**env, "OPENEDX_COURSE_IDS": "Kagoshima/N5"})


def test_a_ccx_courses_grades_are_read(learner_factory):
    learner_factory(login_id="k26-0001")
    user = FakeUser(11, "k26-0001", JOINED, last_login=jst(2026, 11, 2, 8), percent=0.5)
    with FakeOpenEdx([user], course_id="ccx-v1:Kagoshima+N5+2026+ccx@3") as lms:
        result = sync(api(lms, (lms.course_id,)), NOW)
    assert result.problems == () and DailyActivity.objects.filter(best_score=0.5).exists()
