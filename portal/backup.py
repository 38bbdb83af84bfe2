"""``nihongo backup`` and ``nihongo restore`` (O6): the whole database, encrypted, checked on the way back.

A backup is one AES-256 zip (the outbox's encryption) named ``nihongo-backup-<UTC time>.zip`` holding:

* ``database.dump`` (PostgreSQL, ``pg_dump --format=custom``) or ``database.sqlite3`` (SQLite, the online
  backup API, so a running site is copied consistently);
* ``manifest.json``: when, which database, the software's version, the SHA-256 of the dump, and the number of
  rows of every table at the time of the backup.

``restore`` decrypts, checks the dump against the manifest's SHA-256 before touching anything, restores, then
counts every table again and compares with the manifest: a restore that does not match says so and exits 1.
Backups older than the newest ``--keep`` in the folder are deleted (rotation). The password comes from
``NIHONGO_BACKUP_PASSWORD`` (12 characters or more), never from the command line.
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import subprocess
import tempfile
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from django.apps import apps
from django.db import connection

PREFIX = "nihongo-backup-"


class BackupError(RuntimeError):
    """The backup or restore cannot go on; the message says why and what to do."""


@dataclass(frozen=True)
class Restored:
    tables: int
    rows: int
    mismatches: dict[str, tuple[int, int]]


def password_from_env() -> str:
    password = os.environ.get("NIHONGO_BACKUP_PASSWORD", "")
    if len(password) < 12:
        raise BackupError("set NIHONGO_BACKUP_PASSWORD (12 characters or more) to encrypt and decrypt "
                          "backups; keep it in the operators' password safe, apart from the backups")
    return password


def _table_counts() -> dict[str, int]:
    counts = {}
    with connection.cursor() as cursor:
        for model in apps.get_models(include_auto_created=True):
            table = model._meta.db_table
            if table in counts or model._meta.proxy or not model._meta.managed:
                continue
            cursor.execute(f'SELECT COUNT(*) FROM "{table}"')  # noqa: S608 — table names come from Django's models
            counts[table] = cursor.fetchone()[0]
    return dict(sorted(counts.items()))


def _pg_args() -> list[str]:
    settings = connection.settings_dict
    args = []
    for flag, key in (("-h", "HOST"), ("-p", "PORT"), ("-U", "USER")):
        if settings.get(key):
            args += [flag, str(settings[key])]
    return args


def _pg_environment() -> dict[str, str]:
    env = dict(os.environ)
    if connection.settings_dict.get("PASSWORD"):
        env["PGPASSWORD"] = connection.settings_dict["PASSWORD"]
    return env


def _dump() -> tuple[str, bytes]:
    if connection.vendor == "postgresql":
        found = subprocess.run(["pg_dump", "--format=custom", "--no-owner", *_pg_args(),
                                connection.settings_dict["NAME"]], capture_output=True,
                               env=_pg_environment(), check=False)
        if found.returncode:
            raise BackupError(f"pg_dump failed: {found.stderr.decode(errors='replace').strip()[:300]}")
        return "database.dump", found.stdout
    if connection.vendor == "sqlite":
        connection.ensure_connection()
        with tempfile.TemporaryDirectory() as tmp:
            copy = sqlite3.connect(Path(tmp) / "copy.sqlite3")
            connection.connection.backup(copy)
            copy.close()
            return "database.sqlite3", (Path(tmp) / "copy.sqlite3").read_bytes()
    raise BackupError(f"backups of a {connection.vendor} database are not supported; "
                      "use PostgreSQL or SQLite")


def backup(out_dir: Path, now: datetime, *, keep: int = 14, password: str | None = None) -> Path:
    """Write an encrypted backup into ``out_dir`` and delete all but the newest ``keep``; returns its path."""
    from importlib import metadata

    from programme.outbox.encryption import encrypted_zip

    password = password or password_from_env()
    if keep < 1:
        raise BackupError("--keep must be at least 1")
    name, dump = _dump()
    manifest = {"created": now.isoformat(timespec="seconds"), "database": connection.vendor, "dump": name,
                "sha256": hashlib.sha256(dump).hexdigest(), "bytes": len(dump), "tables": _table_counts()}
    try:
        manifest["version"] = metadata.version("kagoshima-nihongo")
    except metadata.PackageNotFoundError:
        manifest["version"] = "unknown"
    out_dir.mkdir(parents=True, exist_ok=True)
    path = out_dir / f"{PREFIX}{now:%Y%m%d-%H%M%S}.zip"
    data = encrypted_zip({name: dump, "manifest.json": json.dumps(manifest, indent=1).encode()}, password)
    tmp = path.with_suffix(".part")
    tmp.write_bytes(data)
    tmp.chmod(0o600)
    tmp.replace(path)
    for old in sorted(out_dir.glob(f"{PREFIX}*.zip"))[:-keep]:
        old.unlink()
    return path


def read(path: Path, password: str | None = None) -> tuple[dict, str, bytes]:
    """The manifest, the dump's name and the dump, checked against the manifest's SHA-256."""
    from programme.outbox.encryption import read_encrypted_zip

    try:
        files = read_encrypted_zip(path.read_bytes(), password or password_from_env())
    except FileNotFoundError:
        raise BackupError(f"{path}: no such backup") from None
    except RuntimeError:
        raise BackupError(f"{path}: wrong password (NIHONGO_BACKUP_PASSWORD) "
                          "or not one of our backups") from None
    if "manifest.json" not in files:
        raise BackupError(f"{path}: no manifest.json: not one of our backups")
    manifest = json.loads(files["manifest.json"])
    dump = files.get(manifest.get("dump", ""), b"")
    if hashlib.sha256(dump).hexdigest() != manifest.get("sha256"):
        raise BackupError(f"{path}: the dump does not match its checksum: the file is damaged; "
                          "nothing restored")
    return manifest, manifest["dump"], dump


def restore(path: Path, password: str | None = None) -> Restored:
    """Replace the database with the backup's, then compare every table's rows with the manifest."""
    manifest, name, dump = read(path, password)
    if manifest["database"] != connection.vendor:
        raise BackupError(f"{path} is a {manifest['database']} backup; this site runs {connection.vendor}")
    if name == "database.dump":
        connection.close()
        with tempfile.NamedTemporaryFile(suffix=".dump") as tmp:
            tmp.write(dump)
            tmp.flush()
            found = subprocess.run(["pg_restore", "--clean", "--if-exists", "--no-owner",
                                    "--single-transaction", *_pg_args(), "-d",
                                    connection.settings_dict["NAME"], tmp.name],
                                   capture_output=True, env=_pg_environment(), check=False)
        if found.returncode:
            raise BackupError(f"pg_restore failed: {found.stderr.decode(errors='replace').strip()[:300]}")
    else:
        with tempfile.TemporaryDirectory() as tmp:
            source = Path(tmp) / "restore.sqlite3"
            source.write_bytes(dump)
            copy = sqlite3.connect(source)
            connection.ensure_connection()
            copy.backup(connection.connection)
            copy.close()
    counts = _table_counts()
    expected = manifest["tables"]
    mismatches = {t: (expected.get(t, -1), counts.get(t, -1)) for t in sorted(set(expected) | set(counts))
                  if expected.get(t) != counts.get(t)}
    return Restored(len(counts), sum(counts.values()), mismatches)
