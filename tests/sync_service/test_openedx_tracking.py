"""``nihongo sync --source openedx-logs PATH``: logins and our blocks' answers from tracking logs.

``data/openedx/tracking.log`` holds lines shaped as Open edX writes them (openedx/openedx-platform):
``LegacyFieldMappingProcessor`` lifts ``username``, ``event``, ``event_type``, ``time`` to the top
(common/djangoapps/track/shim.py @ e57a655d; the same shape is asserted in
track/views/tests/test_views.py @ e57a655d, ``test_user_track_with_middleware_and_processors``); a
login is ``edx.user.login`` with ``{"user_id", "event_type": "login"}`` (common/djangoapps/student/models/
user.py @ 0b870c13, ``log_successful_login``; tests/test_tracking_log.py @ e57a655d) emitted before the
request knew its user (track/middleware.py @ e57a655d, ``enter_request_context``): ``username`` is
``""``, ``context.user_id`` null. Our block's ``nihongo.drill.answered`` arrives through ``server_track``
(lms/djangoapps/courseware/block_render.py @ 95e29902, ``make_track_function``) with ``page``
``"x_module"``. Times are UTC ISO 8601 (``DateTimeJSONEncoder``, openedx/edx-platform
common/djangoapps/track/utils.py @ 214bee87).
"""

import gzip
import json
import shutil
from datetime import date
from pathlib import Path

import pytest

from portal.cli import main
from programme.models import DailyActivity, SyncCheckpoint
from sync_service.sources.openedx_tracking import OpenEdxTrackingLogs
from sync_service.sync import sync
from tests.sync_service.test_sync import NOW

SAMPLE = Path(__file__).parent / "data" / "openedx" / "tracking.log"


@pytest.fixture
def learners(learner_factory):
    return [learner_factory(login_id="k26-0001"), learner_factory(login_id="k26-0002")]


def activity():
    return sorted((a.learner.login_id, a.day, a.logins, a.items_answered, a.items_correct)
                  for a in DailyActivity.objects.all())


def line_like(n: int, at: str, username="k26-0001", user_id=11, correct=True) -> str:
    """Another answer line, the sample's third line with a new time and item."""
    data = json.loads(SAMPLE.read_text().splitlines()[2])
    data.update(time=at, username=username)
    data["context"]["user_id"] = user_id
    data["event"] = {"item_id": f"n5-mw-{n:04d}", "correct": correct, "level": "N5"}
    return json.dumps(data) + "\n"


def test_logins_and_answers_become_daily_activity_in_japan_time(learners, tmp_path):
    shutil.copy(SAMPLE, tmp_path / "tracking.log")
    result = sync(OpenEdxTrackingLogs(tmp_path), NOW)
    # Both logins were at 08:10 and 20:00 on 2 November in Japan; the logout is not a login.
    assert activity() == [("k26-0001", date(2026, 11, 2), 1, 2, 1), ("k26-0002", date(2026, 11, 2), 1, 1, 1)]
    assert result.events_read == 5


def test_a_login_waits_until_its_user_id_is_known(learners, tmp_path):
    lines = SAMPLE.read_text().splitlines(keepends=True)
    (tmp_path / "tracking.log").write_text(lines[0])  # only the login: user 11 is not known yet
    first = sync(OpenEdxTrackingLogs(tmp_path), NOW)
    assert first.events_read == 0 and SyncCheckpoint.objects.get().position["waiting"]
    (tmp_path / "tracking.log").write_text("".join(lines[:2]))
    sync(OpenEdxTrackingLogs(tmp_path), NOW)
    assert activity() == [("k26-0001", date(2026, 11, 2), 1, 0, 0)]


def test_rotation_and_gzip_do_not_read_a_line_twice(learners, tmp_path):
    live = tmp_path / "tracking.log"
    shutil.copy(SAMPLE, live)
    sync(OpenEdxTrackingLogs(tmp_path), NOW)
    snapshot = activity()
    # logrotate: the live file is renamed and gzipped, a new one starts, with one new answer.
    with live.open("rb") as src, gzip.open(tmp_path / "tracking.log.1.gz", "wb") as dst:
        shutil.copyfileobj(src, dst)
    live.write_text(line_like(9, "2026-11-03T01:00:00.000000+00:00"))
    again = sync(OpenEdxTrackingLogs(tmp_path), NOW)
    assert again.events_read == 1
    assert activity() == sorted(snapshot + [("k26-0001", date(2026, 11, 3), 0, 1, 1)])
    assert sync(OpenEdxTrackingLogs(tmp_path), NOW).events_read == 0


def test_a_line_still_being_written_is_read_next_time(learners, tmp_path):
    live = tmp_path / "tracking.log"
    whole = SAMPLE.read_text() + line_like(9, "2026-11-02T02:00:00.000000+00:00")
    live.write_text(whole[:-40])  # the last line is cut mid-way
    first = sync(OpenEdxTrackingLogs(tmp_path), NOW)
    live.write_text(whole)
    second = sync(OpenEdxTrackingLogs(tmp_path), NOW)
    assert (first.events_read, second.events_read) == (5, 1)


def test_lines_that_are_not_events_are_skipped(learners, tmp_path):
    (tmp_path / "tracking.log").write_text(SAMPLE.read_text() + "not json\n{\"event_type\": 3}\n[]\n")
    assert sync(OpenEdxTrackingLogs(tmp_path), NOW).events_read == 5


def test_an_interrupted_run_resumes_and_gives_what_an_uninterrupted_run_gives(learners, tmp_path):
    shutil.copy(SAMPLE, tmp_path / "tracking.log.1")
    times = [f"2026-11-0{3 + n % 4}T0{n % 9}:00:00.000000+00:00" for n in range(20)]
    (tmp_path / "tracking.log").write_text("".join(
        line_like(n, at, correct=n % 3 > 0) for n, at in enumerate(times)))
    sync(OpenEdxTrackingLogs(tmp_path, lines_per_page=3), NOW)
    uninterrupted = activity()
    DailyActivity.objects.all().delete()
    SyncCheckpoint.objects.all().delete()

    def operator_presses_ctrl_c(done, total):
        if done == 1:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        sync(OpenEdxTrackingLogs(tmp_path, lines_per_page=3), NOW, progress=operator_presses_ctrl_c)
    assert 0 < len(activity())
    sync(OpenEdxTrackingLogs(tmp_path, lines_per_page=3), NOW)
    assert activity() == uninterrupted


def test_the_cli_reads_a_log_folder(learners, tmp_path, capsys):
    shutil.copy(SAMPLE, tmp_path / "tracking.log")
    assert main(["sync", "--source", "openedx-logs", str(tmp_path)]) == 0
    assert main(["sync", "--source", "openedx-logs", str(tmp_path)]) == 0
    assert capsys.readouterr().out.splitlines() == [
        "openedx_tracking: 5 new events, 2 daily rows changed, 0 users matching no learner",
        "openedx_tracking: 0 new events, 0 daily rows changed, 0 users matching no learner"]


def test_every_block_s_answers_count_and_a_mock_test_counts_when_it_ends(learners, tmp_path):
    def line(event_type, event, at):
        data = json.loads(SAMPLE.read_text().splitlines()[2])
        data.update(time=at, username="k26-0002", event_type=event_type, event=event)
        data["context"]["user_id"] = 12
        return json.dumps(data) + "\n"

    (tmp_path / "tracking.log").write_text(
        line("nihongo.dialect.answered", {"lesson": "safety", "correct": True, "scored": True},
             "2026-11-03T01:00:00+00:00")
        + line("nihongo.placement.answered", {"item_id": "x", "correct": False}, "2026-11-03T01:01:00+00:00")
        + line("nihongo.mock.answered", {"item_id": "y", "answered_count": 1}, "2026-11-03T01:02:00+00:00")
        + line("nihongo.mock.finished", {"form": "N5", "answered": 20, "item_count": 40, "grade": 25},
               "2026-11-03T02:00:00+00:00"))
    sync(OpenEdxTrackingLogs(tmp_path), NOW)
    # 2 answers + the mock test's 20 answered (10 right: 25 % of 40 items), none from mock.answered
    assert activity() == [("k26-0002", date(2026, 11, 3), 0, 22, 11)]
