"""``nihongo backup`` / ``restore`` (O6): a round trip on this run's database (SQLite or PostgreSQL)."""

import json
from datetime import date, datetime, timezone

import pytest

from portal.backup import BackupError, backup, read, restore
from portal.cli import main
from programme.models import Company, Learner

PASSWORD = "correct horse battery staple"
NOW = datetime(2026, 12, 1, 3, 0, tzinfo=timezone.utc)


@pytest.fixture
def saved(transactional_db, company_factory, learner_factory):
    company = company_factory("Ibusuki Onsen Care", employees=12, joined_on=date(2026, 9, 1))
    for n in range(3):
        learner_factory(company=company, login_id=f"k26-0010{n}", joined_on=date(2026, 9, 1))
    return company


def test_a_backup_restores_what_was_there_and_says_every_table_matches(saved, tmp_path):
    path = backup(tmp_path, NOW, password=PASSWORD)
    assert path.name == "nihongo-backup-20261201-030000.zip" and (path.stat().st_mode & 0o777) == 0o600
    assert b"Ibusuki" not in path.read_bytes()  # encrypted
    Learner.objects.filter(login_id="k26-00101").delete()
    Company.objects.create(name="Added after the backup", employees=3, industry="care",
                           joined_on=date(2026, 11, 1))
    done = restore(path, PASSWORD)
    assert done.mismatches == {}
    assert sorted(Learner.objects.values_list("login_id", flat=True)) == [
        "k26-00100", "k26-00101", "k26-00102"]
    assert not Company.objects.filter(name="Added after the backup").exists()


def test_a_damaged_or_foreign_backup_is_refused_before_anything_changes(saved, tmp_path):
    path = backup(tmp_path, NOW, password=PASSWORD)
    with pytest.raises(BackupError, match="wrong password"):
        read(path, "another password entirely")
    from programme.outbox.encryption import encrypted_zip, read_encrypted_zip

    files = read_encrypted_zip(path.read_bytes(), PASSWORD)
    name = json.loads(files["manifest.json"])["dump"]
    files[name] = files[name][:-10] + b"0123456789"
    path.write_bytes(encrypted_zip(files, PASSWORD))
    Learner.objects.filter(login_id="k26-00101").delete()
    with pytest.raises(BackupError, match="does not match its checksum"):
        restore(path, PASSWORD)
    assert Learner.objects.count() == 2  # untouched


def test_rotation_keeps_the_newest(saved, tmp_path):
    for day in range(1, 5):
        backup(tmp_path, NOW.replace(day=day), keep=2, password=PASSWORD)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["nihongo-backup-20261203-030000.zip",
                                                          "nihongo-backup-20261204-030000.zip"]


def test_the_commands_need_the_password_and_check_before_replacing(saved, tmp_path, monkeypatch, capsys):
    monkeypatch.delenv("NIHONGO_BACKUP_PASSWORD", raising=False)
    assert main(["backup", "--out", str(tmp_path)]) == 2
    assert "NIHONGO_BACKUP_PASSWORD" in capsys.readouterr().err
    monkeypatch.setenv("NIHONGO_BACKUP_PASSWORD", PASSWORD)
    assert main(["backup", "--out", str(tmp_path)]) == 0
    [path] = tmp_path.iterdir()
    Learner.objects.filter(login_id="k26-00100").delete()
    assert main(["restore", str(path)]) == 0  # without --yes: checks and says what it would do
    out = capsys.readouterr().out
    assert "checksum ok" in out and "--yes" in out and Learner.objects.count() == 2
    assert main(["restore", str(path), "--yes"]) == 0
    assert "every table matches" in capsys.readouterr().out and Learner.objects.count() == 3
