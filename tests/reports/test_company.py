"""A company's progress sheet for its manager: its own learners only, a ✓/✗ week grid, its notices."""

from datetime import date

import openpyxl
import pytest

from portal.cli import main
from programme.models import DailyActivity
from reports.company import build_company, weeks_of, write_company_xlsx
from reports.monthly import Month
from tests.reports.test_monthly import ACTIVITY, LEARNERS, day

OCTOBER = Month(2026, 10)
DECISIONS = [
    {"Decided": "2026-10-12", "Kind": "warning", "Company": "Sakurajima Foods", "Week of": "2026-10-05",
     "Learners": "k26-0002", "Evidence": "week: 2026-10-05/2026-10-11"},
    {"Decided": "2026-10-12", "Kind": "warning", "Company": "Kirishima Care", "Week of": "2026-10-05",
     "Learners": "k26-0003", "Evidence": "week: 2026-10-05/2026-10-11"},
]


def test_the_month_has_the_weeks_that_touch_it():
    assert weeks_of(OCTOBER) == [date(2026, 9, 28), date(2026, 10, 5), date(2026, 10, 12),
                                 date(2026, 10, 19), date(2026, 10, 26)]
    assert weeks_of(Month(2026, 2))[0] == date(2026, 1, 26)  # 1 February 2026 is a Sunday
    assert weeks_of(Month(2027, 2)) == [date(2027, 2, 1), date(2027, 2, 8), date(2027, 2, 15),
                                        date(2027, 2, 22)]  # Monday 1st to Sunday 28th: exactly four


def test_learners_sheet_and_the_week_grid():
    late = {**LEARNERS[1], "joined_on": date(2026, 10, 7)}  # joined mid-week: that week is not counted
    activity = [*ACTIVITY, day("k26-0002", date(2026, 11, 1), answered=2, correct=2)]
    frames = build_company("Sakurajima Foods", OCTOBER, [LEARNERS[0], late, LEARNERS[2]], activity, DECISIONS)
    learners = frames["Learners"].set_index("Login ID")
    assert learners.index.tolist() == ["k26-0001", "k26-0002"]
    first = learners.loc["k26-0001"]
    assert (first["Days logged in"], first["Weeks with a login"], first["Weeks in month"]) == (3, 2, 5)
    assert (first["Items answered"], first["Last activity"]) == (40, "2026-10-14")
    assert first["Accuracy"] == pytest.approx(0.8)
    second = learners.loc["k26-0002"]
    # the login on Sunday 1 November completes the week of 26 October; the day itself is November's
    assert (second["Days logged in"], second["Weeks with a login"], second["Items answered"]) == (1, 1, 5)
    grid = frames["Weeks"].set_index("Login ID")
    assert grid.columns.tolist() == ["2026-09-28", "2026-10-05", "2026-10-12", "2026-10-19", "2026-10-26"]
    assert grid.loc["k26-0001"].tolist() == ["✓", "✗", "✓", "✗", "✗"]
    assert grid.loc["k26-0002"].tolist() == ["–", "–", "✗", "✗", "✓"]
    assert frames["Notices"]["Learners"].tolist() == ["k26-0002"]


def test_the_xlsx_has_three_sheets_and_a_chart(tmp_path):
    frames = build_company("Sakurajima Foods", OCTOBER, LEARNERS, ACTIVITY, DECISIONS)
    book = openpyxl.load_workbook(write_company_xlsx(frames, tmp_path / "p.xlsx"))
    assert book.sheetnames == ["Learners", "Weeks", "Notices"]
    assert len(book["Learners"]._charts) == 1
    rows = list(book["Weeks"].iter_rows(values_only=True))
    assert rows[1] == ("k26-0001", "✓", "✗", "✓", "✗", "✗")


def test_the_cli_sheet_holds_only_that_companys_learners(tmp_path, company_factory, learner_factory):
    ours, theirs = company_factory("Sakurajima Foods"), company_factory("Kirishima Care")
    mine = learner_factory(company=ours, display_name="Nguyen Thi Lan")
    other = learner_factory(company=theirs, display_name="Siti Rahma")
    for learner in (mine, other):
        DailyActivity.objects.create(learner=learner, day=date(2026, 10, 5), logins=1, items_answered=3,
                                     items_correct=2)
    out = tmp_path / "progress.xlsx"
    args = ["report", "company", "--company", str(ours.pk), "--month", "2026-10", "--out", str(out)]
    assert main(args) == 0
    book = openpyxl.load_workbook(out)
    text = " ".join(str(c) for ws in book for row in ws.iter_rows(values_only=True) for c in row)
    assert mine.login_id in text
    assert other.login_id not in text
    assert "Nguyen" not in text and "Siti" not in text and "Viet Nam" not in text


def test_an_unknown_company_or_month_is_refused(capsys, db):
    assert main(["report", "company", "--company", "999", "--month", "2026-10"]) == 2
    assert "999" in capsys.readouterr().err
    assert main(["report", "company", "--company", "1", "--month", "Oct"]) == 2
