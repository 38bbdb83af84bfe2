"""What every ``nihongo`` command prints with: a progress bar, plain tables, Japan-time stamps.

Standard library only, so each package's ``commands`` module can use it without importing another's.
"""

from __future__ import annotations

import sys
from datetime import datetime

from .japan_time import PROGRAMME_TZ


def progress(label: str):
    """A one-line progress bar on stderr for long work (only when a person is watching)."""
    interactive = sys.stderr.isatty()

    def update(done: int, total: int) -> None:
        if interactive and total:
            filled = int(30 * done / total)
            sys.stderr.write(f"\r{label} [{'#' * filled}{'.' * (30 - filled)}] {done}/{total}")
            if done == total:
                sys.stderr.write("\n")

    return update


def table(headers: list[str], rows: list[list[str]]) -> list[str]:
    """Plain left-aligned columns; the last column is not padded (it may hold Japanese text)."""
    widths = [max(len(str(r[i])) for r in [headers, *rows]) for i in range(len(headers) - 1)]
    return ["  ".join([str(c).ljust(w) for c, w in zip(r, widths, strict=False)] + [str(r[-1])])
            for r in [headers, *rows]]


def when(moment: datetime | None) -> str:
    """A moment as operators read it: Japan time, to the minute; ``-`` for none."""
    return moment.astimezone(PROGRAMME_TZ).strftime("%Y-%m-%d %H:%M") if moment else "-"
