"""The one rule for every value we write into a spreadsheet or a CSV file (pure: no Django, no openpyxl).

A name like ``=HYPERLINK(...)`` or ``+81 ...`` must stay text in Excel, LibreOffice and Google Sheets:
a text value that begins with a formula character (``= + - @``, a tab or a line break, or their
full-width forms) gets a leading apostrophe, as OWASP's CSV-injection advice says. Characters an
.xlsx cannot hold (C0 controls but tab and line breaks, U+FFFE/U+FFFF, lone surrogates) are dropped,
and a value is cut at Excel's 32,767 characters per cell. Numbers, dates and empty cells pass as they are.

Every export runs its data rows through ``cell``/``row``; CSV files are written by ``csv_bytes``.
"""

from __future__ import annotations

import csv
import io
import re

FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n", "＝", "＋", "－", "＠")
ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
EXCEL_CELL_LIMIT = 32_767


def cell(value):
    """``value`` as a safe cell: text escaped and cleaned, anything else unchanged."""
    if not isinstance(value, str):
        return value
    text = ILLEGAL.sub("", value)
    if text.startswith(FORMULA_START):
        text = "'" + text
    return text[:EXCEL_CELL_LIMIT]


def row(values) -> list:
    return [cell(v) for v in values]


def _one_line(value):
    """A CSV data cell on one line: a line break in a name would start a new row in many importers."""
    return " ".join(value.splitlines()) if isinstance(value, str) else value


def csv_bytes(header: list[str], rows, *, bom: bool = False, lineterminator: str = "\r\n") -> bytes:
    """A UTF-8 CSV file (with a BOM when Excel must read Japanese) whose data cells are all safe."""
    stream = io.StringIO()
    writer = csv.writer(stream, lineterminator=lineterminator)
    writer.writerow(header)
    writer.writerows([_one_line(v) for v in row(r)] for r in rows)
    return (("\ufeff" if bom else "") + stream.getvalue()).encode("utf-8")
