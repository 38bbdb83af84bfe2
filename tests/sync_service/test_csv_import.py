"""``nihongo sync --source csv FILE``: activity from any other host, as a CSV file."""

import shutil
from datetime import date
from pathlib import Path

import pytest

from portal.cli import main
from programme.models import DailyActivity, SyncCheckpoint
from sync_service.sources.csv_import import CsvError, CsvImport
from sync_service.sync import sync
from tests.sync_service.test_sync import NOW

SAMPLE = Path(__file__).parent / "data" / "activity.csv"


@pytest.fixture
def learners(learner_factory):
    return [learner_factory(login_id="k26-0001"), learner_factory(login_id="k26-0002")]


@pytest.fixture
def csv_file(tmp_path):
    return Path(shutil.copy(SAMPLE, tmp_path / "activity.csv"))


def activity():
    return sorted((a.learner.login_id, a.day, a.logins, a.items_answered, a.items_correct, a.best_score)
                  for a in DailyActivity.objects.all())


def test_rows_become_daily_activity(learners, csv_file):
    result = sync(CsvImport(csv_file), NOW)
    assert activity() == [("k26-0001", date(2026, 11, 2), 1, 2, 1, 0.8),
                          ("k26-0002", date(2026, 11, 2), 1, 0, 0, None)]
    assert (result.events_read, result.unmatched_subjects) == (6, 1)


def test_importing_again_adds_nothing_and_appended_rows_are_added_once(learners, csv_file):
    sync(CsvImport(csv_file), NOW)
    assert sync(CsvImport(csv_file), NOW).events_read == 0
    with csv_file.open("a") as f:
        f.write("k26-0002,2026-11-03T09:00:00+09:00,answer,yes,\n")
    assert sync(CsvImport(csv_file), NOW).events_read == 1
    assert ("k26-0002", date(2026, 11, 3), 0, 1, 1, None) in activity()


def test_bad_rows_are_named_and_nothing_is_imported(learners, csv_file):
    with csv_file.open("a") as f:
        f.write("k26-0001,2026-11-03 09:00,answer,true,\n,2026-11-03T09:00:00+09:00,login,,\n"
                "k26-0001,2026-11-03T09:00:00+09:00,score,,1.5\n")
    with pytest.raises(CsvError) as error:
        sync(CsvImport(csv_file), NOW)
    assert [part.split(":")[0] for part in str(error.value).split("; ")] == ["line 8", "line 9", "line 10"]
    assert DailyActivity.objects.count() == 0


def test_an_interrupted_import_resumes_and_gives_what_an_uninterrupted_one_gives(learners, csv_file):
    sync(CsvImport(csv_file, rows_per_page=2), NOW)
    uninterrupted = activity()
    DailyActivity.objects.all().delete()
    SyncCheckpoint.objects.all().delete()

    def crash(done, total):
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        sync(CsvImport(csv_file, rows_per_page=2), NOW, progress=crash)
    sync(CsvImport(csv_file, rows_per_page=2), NOW)
    assert activity() == uninterrupted


def test_the_cli_imports_a_file_and_says_what_is_wrong(learners, csv_file, tmp_path, capsys):
    assert main(["sync", "--source", "csv", str(csv_file)]) == 0
    out = capsys.readouterr().out.strip()
    assert out == ("csv: 6 new events, 2 daily rows changed, "
                   "1 users matching no learner (held for review: `nihongo identities list`)")
    assert main(["sync", "--source", "csv"]) == 2
    assert "needs a path" in capsys.readouterr().err
