"""A CSV file of activity, for any host without an API we read: one row per login, answer or score.

Columns (header required, UTF-8, a BOM from Excel is fine)::

    user_id,timestamp,kind,correct,score
    k26-0001,2026-11-02T08:15:00+09:00,login,,
    k26-0001,2026-11-02T08:16:10+09:00,answer,true,
    k26-0001,2026-11-02T08:30:00+09:00,score,,0.8

``user_id`` is the learner's login ID (or the ``Learner.lms_user_id`` an operator set); ``timestamp`` is
ISO 8601 with its UTC offset; ``correct`` is true/false for answers; ``score`` is 0–1 for scores.

The whole file is checked before anything is imported, and every bad row is named. A file is known by
its header and first row, so importing it again adds nothing and importing it after rows were
appended adds only the new rows; each ``rows_per_page`` rows are committed with the checkpoint.
"""

from __future__ import annotations

import csv
import hashlib
import io
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

from .base import ActivityEvent, Page, PagedSource

COLUMNS = ("user_id", "timestamp", "kind", "correct", "score")
KINDS = ("login", "answer", "score")
TRUE, FALSE = {"true", "1", "yes"}, {"false", "0", "no"}


class CsvError(ValueError):
    """The file has rows we cannot read; nothing was imported."""


class CsvImport(PagedSource):
    subjects_are_usernames = True

    def __init__(self, path: Path | str, name: str = "csv", rows_per_page: int = 5_000):
        self.path, self.name, self.rows_per_page = Path(path), name, rows_per_page

    def pages(self, checkpoint: dict) -> Iterator[Page]:
        text = self.path.read_text(encoding="utf-8-sig")
        events = _parse(text)
        key = _key(text)
        files = dict(checkpoint.get("files", {}))
        start = files.get(key, 0)
        if start > len(events):
            raise CsvError(f"{self.path}: shorter than when it was imported ({start} rows); not imported")
        total = max(1, -(-(len(events) - start) // self.rows_per_page))
        for done, offset in enumerate(range(start, len(events), self.rows_per_page), 1):
            end = min(offset + self.rows_per_page, len(events))
            files[key] = end
            yield Page(events[offset:end], {"files": dict(files)}, done, total)


def _key(text: str) -> str:
    head = "\n".join(text.splitlines()[:2])
    return hashlib.sha256(head.encode()).hexdigest()[:32]


def _parse(text: str) -> list[ActivityEvent]:
    reader = csv.DictReader(io.StringIO(text))
    missing = [c for c in COLUMNS[:3] if c not in (reader.fieldnames or [])]
    if missing:
        raise CsvError(f"missing columns: {', '.join(missing)} (expected {','.join(COLUMNS)})")
    events, problems = [], []
    for row in reader:
        try:
            events.append(_event(row))
        except ValueError as exc:
            problems.append(f"line {reader.line_num}: {exc}")
    if problems:
        more = f" (and {len(problems) - 10} more)" if len(problems) > 10 else ""
        raise CsvError("; ".join(problems[:10]) + more)
    return events


def _event(row: dict) -> ActivityEvent:
    subject, kind = (row.get("user_id") or "").strip(), (row.get("kind") or "").strip().lower()
    if not subject:
        raise ValueError("user_id is empty")
    if kind not in KINDS:
        raise ValueError(f"kind {kind!r} is not one of {', '.join(KINDS)}")
    at = datetime.fromisoformat((row.get("timestamp") or "").strip())
    if at.tzinfo is None:
        raise ValueError("timestamp needs a UTC offset, e.g. 2026-11-02T08:15:00+09:00")
    if kind == "answer":
        return ActivityEvent(subject, at, kind, correct=_bool(row.get("correct")), issuer="csv")
    if kind == "score":
        score = float((row.get("score") or "").strip())
        if not 0 <= score <= 1:
            raise ValueError(f"score {score} is not between 0 and 1")
        return ActivityEvent(subject, at, kind, score=score, issuer="csv")
    return ActivityEvent(subject, at, kind, issuer="csv")


def _bool(value: str | None) -> bool:
    value = (value or "").strip().lower()
    if value in TRUE | FALSE:
        return value in TRUE
    raise ValueError(f"correct {value!r} is not true or false")
