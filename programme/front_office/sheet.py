"""The review sheet the prefecture receives (an .xlsx) and returns with a decision per learner.

``write`` makes the workbook from plain rows; ``read`` finds the columns by their headers and returns
the rows as dicts of strings, with their row numbers, for the import to check. No database here.
"""

from __future__ import annotations

import io
from dataclasses import dataclass

from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.worksheet.datavalidation import DataValidation

from curriculum import safe_cells

SHEET = "申請 Applications"
COLUMNS = (  # (key, header): the import finds columns by header, so their order may change
    ("receipt", "受付番号 Receipt"),
    ("applicant_id", "申請者番号 Applicant ID"),
    ("login_id", "ログインID Login ID"),
    ("company", "企業名 Company"),
    ("corporate_number", "法人番号 Corporate number"),
    ("employees", "従業員数 Employees"),
    ("places", "上限 Places"),
    ("name", "氏名 Name"),
    ("nationality", "国籍 Nationality"),
    ("residence_status", "在留資格 Residence status"),
    ("level", "日本語レベル Level"),
    ("decision", "判定 Decision (承認/不承認)"),
    ("reason", "理由 Reason"),
)
NEEDED = ("applicant_id", "login_id", "decision", "reason")
HOW_TO = (
    "判定の列に「承認」または「不承認」を選び、理由の列に理由（不承認の場合は必須）を記入してください。",
    "Choose 承認 (approve) or 不承認 (reject) in the Decision column; give a reason (required to reject).",
    "空欄の行は未判定として扱います。 Rows left blank stay undecided.",
    "他の列は変更しないでください。 Please do not change the other columns.",
)


@dataclass(frozen=True)
class Row:
    number: int  # the row number Excel shows
    values: dict[str, str]


class SheetError(ValueError):
    """The file is not a review sheet; the message says what to send instead."""


def write(rows: list[dict]) -> bytes:
    """An .xlsx with one row per applicant (``rows`` are dicts keyed like ``COLUMNS``)."""
    book = Workbook()
    sheet = book.active
    sheet.title = SHEET
    sheet.append([header for _, header in COLUMNS])
    for row in rows:
        sheet.append(safe_cells.row(row.get(key, "") for key, _ in COLUMNS))  # names are the public's
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    decision = _column_letter("decision")
    fill = PatternFill("solid", fgColor="FFF4CC")
    for number in range(2, len(rows) + 2):
        sheet[f"{decision}{number}"].fill = fill
        sheet[f"{_column_letter('reason')}{number}"].fill = fill
    choices = DataValidation(type="list", formula1='"承認,不承認"', allow_blank=True)
    choices.add(f"{decision}2:{decision}{max(len(rows), 1) + 1}")
    sheet.add_data_validation(choices)
    sheet.freeze_panes = "A2"
    for index, (_, header) in enumerate(COLUMNS):
        sheet.column_dimensions[chr(ord("A") + index)].width = max(14, len(header) + 2)
    notes = book.create_sheet("説明 How to")
    for line in HOW_TO:
        notes.append([line])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def read(data: bytes) -> list[Row]:
    """The sheet's rows with a value in any column, as strings keyed like ``COLUMNS``."""
    try:
        book = load_workbook(io.BytesIO(data), data_only=True)
    except Exception as exc:  # noqa: BLE001 - openpyxl raises many kinds for a file that is not .xlsx
        raise SheetError("the file is not an .xlsx workbook: send back the sheet from the forwarded zip") \
            from exc
    if SHEET not in book.sheetnames:
        raise SheetError(f"the workbook has no sheet {SHEET!r}: send back the sheet from the forwarded zip")
    sheet = book[SHEET]
    lines = sheet.iter_rows(values_only=True)
    headers = [_text(value) for value in next(lines, ())]
    by_header = {header: key for key, header in COLUMNS}
    where = {by_header[h]: i for i, h in enumerate(headers) if h in by_header}
    missing = [dict(COLUMNS)[key] for key in NEEDED if key not in where]
    if missing:
        raise SheetError(f"the sheet has no column {', '.join(missing)}: keep the headers as forwarded")
    found = []
    for number, line in enumerate(lines, 2):
        values = {key: _text(line[i]) if i < len(line) else "" for key, i in where.items()}
        if any(values.values()):
            found.append(Row(number, values))
    return found


def _column_letter(key: str) -> str:
    return chr(ord("A") + [k for k, _ in COLUMNS].index(key))


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()
