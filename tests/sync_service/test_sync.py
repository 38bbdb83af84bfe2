"""``nihongo sync``: the tool's records become daily activity, once."""

from datetime import date, datetime, timedelta, timezone

from portal.cli import main
from portal.lti_records import LtiToolRecords
from programme.models import DailyActivity, SyncRun
from sync_service.sync import sync
from tests.conftest import jst

NOW = datetime(2026, 11, 27, tzinfo=timezone.utc)


def test_records_become_daily_activity_in_japan_time(learner_factory, study):
    learner = learner_factory()
    study(learner.lms_user_id, jst(2026, 11, 2, 8), answers=[True, True, False], score=(2, 3))
    study(learner.lms_user_id, jst(2026, 11, 2, 20), answers=[True])
    study(learner.lms_user_id, jst(2026, 11, 3, 0), answers=[False])  # 00:00 JST is 15:00 UTC the day before
    result = sync(LtiToolRecords(), NOW)
    assert result.events_read == 9
    rows = {a.day: a for a in DailyActivity.objects.filter(learner=learner)}
    assert set(rows) == {date(2026, 11, 2), date(2026, 11, 3)}
    nov2 = rows[date(2026, 11, 2)]
    assert (nov2.logins, nov2.items_answered, nov2.items_correct) == (2, 4, 3)
    assert round(nov2.best_score, 3) == 0.667


def test_running_twice_changes_nothing(learner_factory, study):
    learner = learner_factory()
    study(learner.lms_user_id, jst(2026, 11, 2), answers=[True, False])
    first = sync(LtiToolRecords(), NOW)
    snapshot = list(DailyActivity.objects.values())
    second = sync(LtiToolRecords(), NOW)
    assert first.rows_changed == 1
    assert (second.events_read, second.rows_changed) == (0, 0)
    assert list(DailyActivity.objects.values()) == snapshot


def test_new_records_after_a_sync_are_added_not_double_counted(learner_factory, study):
    learner = learner_factory()
    study(learner.lms_user_id, jst(2026, 11, 2, 8), answers=[True])
    sync(LtiToolRecords(), NOW)
    study(learner.lms_user_id, jst(2026, 11, 2, 21), answers=[False, True])
    result = sync(LtiToolRecords(), NOW)
    assert result.events_read == 3
    row = DailyActivity.objects.get(learner=learner)
    assert (row.logins, row.items_answered, row.items_correct) == (2, 3, 2)


def test_users_who_are_not_learners_are_counted_and_skipped(learner_factory, study):
    learner_factory()
    study("someone-else", jst(2026, 11, 2), answers=[True])
    result = sync(LtiToolRecords(), NOW)
    assert result.unmatched_subjects == 1 and DailyActivity.objects.count() == 0
    assert SyncRun.objects.get().unmatched_subjects == 1


def test_the_cli_reports_what_it_did(learner_factory, study, capsys):
    learner = learner_factory()
    study(learner.lms_user_id, jst(2026, 11, 2), answers=[True])
    assert main(["sync"]) == 0
    assert main(["sync"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out == ["lti_tool: 2 new events, 1 daily rows changed, 0 users matching no learner",
                   "lti_tool: 0 new events, 0 daily rows changed, 0 users matching no learner"]


def test_study_minutes_count_close_answers_and_skip_breaks(learner_factory, registration):
    from lti_tool.models import AnswerRecord

    learner = learner_factory()
    start = jst(2026, 11, 2, 8)
    # four answers a minute apart (30 s credit + 3 min), an hour's break, two answers 2 min apart
    times = [start + timedelta(minutes=m) for m in (0, 1, 2, 3, 63, 65)]
    for at in times:
        AnswerRecord.objects.create(registration=registration, subject=learner.lms_user_id, context_id="c1",
                                    resource_link_id="drill-n5", item_id="x", correct=True, answered_at=at)
    sync(LtiToolRecords(), NOW)
    assert DailyActivity.objects.get(learner=learner).minutes == 6.0  # 0.5 + 3 + 0.5 + 2


def test_status_shows_the_last_sync_and_flags_a_stale_one(learner_factory, study, capsys, settings):
    from sync_service import status

    # the monthly report's own warning (from the 7th) depends on today's date: tested in tests/reports
    settings.NIHONGO_STATUS_CHECKS = ("lti_tool.score_queue.status_line",)

    assert main(["status"]) == 1
    assert "no sync has run yet" in capsys.readouterr().out
    learner = learner_factory()
    study(learner.lms_user_id, jst(2026, 11, 2), answers=[True])
    sync(LtiToolRecords(), datetime.now(timezone.utc))
    assert main(["status"]) == 0
    out = capsys.readouterr().out
    assert "sync lti_tool: last" in out and "places: 1 of 300 held - 1 active learners" in out
    later = datetime.now(timezone.utc) + timedelta(days=3)
    found = status.status(later)
    assert found.problems == ["sync lti_tool is 3.0 days ago: check its cron job or timer"]
