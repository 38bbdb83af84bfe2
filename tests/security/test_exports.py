"""Every spreadsheet and CSV we write, with hostile names in it: no live formula, no character Excel
refuses, and every export still opens (curriculum.safe_cells is the one rule)."""

import csv
import io
from datetime import date, datetime, timezone

import openpyxl
import pytest
from django.contrib.auth import get_user_model

from curriculum import safe_cells
from lti_tool.dashboard import LearnerRow, workbook
from portal.cli import main
from programme.accounts import flows as accounts
from programme.accounts.models import Account
from programme.front_office import sheet
from programme.models import DailyActivity
from programme.outbox.encryption import read_encrypted_zip

NOW = datetime(2026, 10, 20, 3, 0, tzinfo=timezone.utc)
HOSTILE = ["=HYPERLINK(\"http://evil.example/\",\"click\")", "+81 90 0000", "-2+3", "@SUM(A1:A9)",
           "\t=1+1", "\r=1+1", "＝1+1", "=cmd|' /C calc'!A0", "NAME\x00\x07\x1bEND", "BAD\ufffeEND"]
# PostgreSQL stores no NUL character, so rows in the database carry the other hostile characters.
IN_DATABASE = [name.replace("\x00", "") for name in HOSTILE]
FORMULA = tuple("=+-@\t\r\n＝＋－＠")


def unsafe(value) -> str | None:
    """Why this cell is unsafe, or None."""
    if not isinstance(value, str):
        return None
    if value.startswith(FORMULA):
        return f"formula-like {value!r}"
    if safe_cells.ILLEGAL.search(value):
        return f"illegal character in {value!r}"
    return None


def xlsx_problems(data_or_path) -> list[str]:
    source = io.BytesIO(data_or_path) if isinstance(data_or_path, bytes) else data_or_path
    book = openpyxl.load_workbook(source)
    found = []
    for ws in book:
        for row in ws.iter_rows():
            for c in row:
                if c.data_type == "f":
                    found.append(f"{ws.title}!{c.coordinate}: formula {c.value!r}")
                elif why := unsafe(c.value):
                    found.append(f"{ws.title}!{c.coordinate}: {why}")
    return found


def csv_problems(data: bytes) -> list[str]:
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    return [f"row {n}: {why}" for n, row in enumerate(rows[1:], 2) for value in row if (why := unsafe(value))]


@pytest.mark.parametrize("value, written", [
    ("=1+1", "'=1+1"), ("+81", "'+81"), ("-x", "'-x"), ("@A1", "'@A1"), ("＝1", "'＝1"),
    ("a\x00b\x1fc", "abc"), ("Nguyen Thi Lan", "Nguyen Thi Lan"), (-5, -5), (None, None), (2.5, 2.5),
    ("x" * 40_000, "x" * 32_767)])
def test_the_safe_cell_rule(value, written):
    assert safe_cells.cell(value) == written


def test_the_review_sheet_for_the_prefecture(db):
    rows = [{"receipt": "A1", "applicant_id": n, "login_id": f"k26-{n:05d}", "company": name,
             "corporate_number": "7000012050002", "employees": 10, "places": 3, "name": name,
             "nationality": "Viet Nam", "residence_status": "育成就労", "level": "-"}
            for n, name in enumerate(HOSTILE, 1)]
    data = sheet.write(rows)
    assert xlsx_problems(data) == []
    read = sheet.read(data)  # and it still reads back for the decisions
    assert [r.values["applicant_id"] for r in read] == [str(n) for n in range(1, len(HOSTILE) + 1)]


def test_the_managers_xlsx(tmp_path):
    rows = [LearnerRow(subject=f"s{n}", name=name, days_active=1, answered=3, correct=2, last_activity=NOW)
            for n, name in enumerate(HOSTILE)]
    out = tmp_path / "learners.xlsx"
    workbook(rows, out)
    assert xlsx_problems(out) == []
    names = [r[0] for r in openpyxl.load_workbook(out)["Learners"].iter_rows(min_row=2, values_only=True)]
    assert names[0] == "'=HYPERLINK(\"http://evil.example/\",\"click\")"  # shown as typed, never run


def test_the_credentials_csv_and_the_host_upload_files(company_factory, learner_factory):
    company = company_factory(name="=EVIL()")
    for n, name in enumerate(IN_DATABASE):
        learner_factory(company=company, login_id=f"k26-{n:04d}", display_name=name)
    for host, course in (("moodle", "KGN-N5"), ("canvas", "=COURSE()")):
        Account.objects.all().delete()  # issue again, for the other host
        get_user_model().objects.all().delete()
        issued = accounts.issue(company.pk, by="op", now=NOW, host=host, course=course)
        files = {**read_encrypted_zip(issued.packet, issued.password),
                 **read_encrypted_zip(issued.host_packet, issued.password)}
        csvs = {name: data for name, data in files.items() if name.endswith(".csv")}
        assert len(csvs) >= 2
        for name, data in csvs.items():
            assert csv_problems(data) == [], name


def test_the_monthly_report_and_the_company_sheet(tmp_path, company_factory, learner_factory):
    for n, name in enumerate(IN_DATABASE[:4]):
        company = company_factory(name=name)
        learner = learner_factory(company=company, login_id=f"k26-{n:04d}", display_name=name)
        DailyActivity.objects.create(learner=learner, day=date(2026, 10, 5), logins=1, items_answered=3,
                                     items_correct=2)
    monthly = tmp_path / "monthly.xlsx"
    assert main(["report", "monthly", "--month", "2026-10", "--out", str(monthly)]) == 0
    assert xlsx_problems(monthly) == []
    per_company = tmp_path / "company.xlsx"
    assert main(["report", "company", "--company", str(company.pk), "--month", "2026-10",
                 "--out", str(per_company)]) == 0
    assert xlsx_problems(per_company) == []
