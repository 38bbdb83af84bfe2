"""The monthly report for the prefecture, read back as the prefecture would: with openpyxl."""

from datetime import date, datetime, timezone

import openpyxl
import pytest

from portal.cli import main
from programme.models import DailyActivity
from reports.monthly import Month, build, write_xlsx

GENERATED = datetime(2026, 11, 3, tzinfo=timezone.utc)
COMPANIES = [{"company": "Sakurajima Foods", "employees": 45}, {"company": "Kirishima Care", "employees": 22}]
LEARNERS = [
    {"login_id": "k26-0001", "company": "Sakurajima Foods", "level": "N5", "status": "active",
     "joined_on": date(2026, 6, 1)},
    {"login_id": "k26-0002", "company": "Sakurajima Foods", "level": "N4", "status": "active",
     "joined_on": date(2026, 6, 1)},
    {"login_id": "k26-0003", "company": "Kirishima Care", "level": "N5", "status": "active",
     "joined_on": date(2026, 7, 1)},
]


def day(login_id, d, logins=1, answered=10, correct=7):
    return {"login_id": login_id, "day": d, "logins": logins, "items_answered": answered,
            "items_correct": correct}


ACTIVITY = [
    day("k26-0001", date(2026, 10, 1)), day("k26-0001", date(2026, 10, 2)),
    day("k26-0001", date(2026, 10, 14), answered=20, correct=18),
    day("k26-0002", date(2026, 10, 31), answered=5, correct=1),
    day("k26-0003", date(2026, 9, 30)),  # the month before: not counted
]


@pytest.mark.parametrize(("employees", "places"), [(1, 3), (29, 3), (30, 5), (300, 5)])
def test_the_companies_sheet_shows_places_by_the_size_rule(employees, places):
    frames = build(Month(2026, 10), [{"company": "X", "employees": employees}], [], [], GENERATED)
    assert frames["Companies"].loc[0, "Places (quota)"] == places


def test_the_report_is_due_on_the_tenth_of_the_next_month():
    assert Month.parse("2026-10").due == date(2026, 11, 10)
    assert Month.parse("2026-12").due == date(2027, 1, 10)
    with pytest.raises(ValueError, match="2026-10"):
        Month.parse("October")


def test_learners_sheet_counts_days_weeks_items_and_accuracy():
    frames = build(Month(2026, 10), COMPANIES, LEARNERS, ACTIVITY, GENERATED)
    learners = frames["Learners"].set_index("Login ID")
    first = learners.loc["k26-0001"]
    assert (first["Days logged in"], first["Weeks with a login"], first["Items answered"]) == (3, 2, 40)
    assert first["Accuracy"] == pytest.approx(32 / 40, abs=0.001)
    idle = learners.loc["k26-0003"]
    assert (idle["Days logged in"], idle["Items answered"]) == (0, 0)
    companies = frames["Companies"].set_index("Company")
    assert companies.loc["Kirishima Care", "Places (quota)"] == 3
    assert companies.loc["Sakurajima Foods", "Active this month"] == 2


def test_the_xlsx_has_one_sheet_each_and_reads_back(tmp_path):
    path = write_xlsx(build(Month(2026, 10), COMPANIES, LEARNERS, ACTIVITY, GENERATED), tmp_path / "r.xlsx",
                      lang="en")
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == ["Summary", "Companies", "Learners", "Usage", "Levels", "Rules", "Surveys",
                               "Operations"]
    assert [c.title.tx.rich.p[0].r[0].t for c in book["Usage"]._charts] == [
        "Active learners per week", "Questions answered per week"]
    assert len(book["Companies"]._charts) == 1
    rows = list(book["Learners"].iter_rows(values_only=True))
    assert rows[0][:3] == ("Login ID", "Company", "Level")
    assert [r[0] for r in rows[1:]] == ["k26-0003", "k26-0001", "k26-0002"]
    weeks = [r[0] for r in book["Usage"].iter_rows(min_row=2, values_only=True)]
    assert weeks[0] == "2026-09-28 – 2026-10-04" and len(weeks) == 3
    summary = dict(book["Summary"].iter_rows(min_row=2, values_only=True))
    assert summary["Due to the prefecture"] == "2026-11-10" and summary["Learners active this month"] == 2


def test_no_names_or_nationalities_leave_in_the_report(tmp_path, learner_factory):
    learner = learner_factory(display_name="Nguyen Thi Lan")
    DailyActivity.objects.create(learner=learner, day=date(2026, 10, 5), logins=1, items_answered=3,
                                 items_correct=2)
    out = tmp_path / "october.xlsx"
    assert main(["report", "monthly", "--month", "2026-10", "--out", str(out), "--lang", "en"]) == 0
    book = openpyxl.load_workbook(out)
    text = " ".join(str(c) for ws in book for row in ws.iter_rows(values_only=True) for c in row)
    assert learner.login_id in text
    assert "Nguyen" not in text and "Viet Nam" not in text


def test_a_bad_month_is_refused_with_the_expected_form(capsys, db):
    assert main(["report", "monthly", "--month", "10/2026"]) == 2
    assert "2026-10" in capsys.readouterr().err


def test_rule_decisions_and_questions_reach_the_summary_and_the_companies():
    decisions = [
        {"Decided": "2026-10-05", "Kind": "warning", "Company": "Kirishima Care", "Week of": "2026-09-28",
         "Learners": "k26-0003", "Evidence": "week: 2026-09-28/2026-10-04"},
        {"Decided": "2026-10-26", "Kind": "suspension", "Company": "Kirishima Care", "Week of": "2026-10-19",
         "Learners": "k26-0003", "Evidence": "warned_on: 2026-08-10"},
        {"Decided": "2026-10-26", "Kind": "replacement", "Company": "Sakurajima Foods",
         "Week of": "2026-10-26", "Learners": "", "Evidence": "waiting_position: 1"},
    ]
    frames = build(Month(2026, 10), COMPANIES, LEARNERS, ACTIVITY, GENERATED, decisions=decisions,
                   questions={"received": 4, "answered": 3, "open": 1})
    summary = dict(frames["Summary"].values.tolist())
    assert summary["Warnings to companies"] == 1 and summary["Companies stopped (suspension)"] == 1
    assert summary["Questions received"] == 4 and summary["Questions still open"] == 1
    companies = frames["Companies"].set_index("Company")
    assert companies.loc["Kirishima Care", ["Warnings", "Stopped", "Places offered"]].tolist() == [1, 1, 0]
    assert companies.loc["Sakurajima Foods", "Places offered"] == 1
    assert frames["Rules"]["Kind"].tolist() == ["warning", "suspension", "replacement"]


def test_levels_minutes_and_survey_totals_have_their_sheets():
    activity = [dict(row, minutes=12.5) for row in ACTIVITY]
    surveys = [{"survey": "learner-end", "responses": 2, "questions": {
        "improved": {"kind": "scale", "text": "日本語は上手になりましたか", "answered": 2,
                     "counts": {1: 0, 2: 0, 3: 1, 4: 0, 5: 1}, "mean": 4.0},
        "comment": {"kind": "text", "text": "ご意見", "answered": 1}}}]
    frames = build(Month(2026, 10), COMPANIES, LEARNERS, activity, GENERATED, surveys=surveys)
    levels = frames["Levels"].set_index("Level")
    assert levels.loc["N5", "Learners"] == 2 and levels.loc["N5", "Items answered"] == 40
    assert levels.loc["N5", "Minutes"] == 37.5 and levels.loc["N4", "Accuracy"] == 0.2
    assert list(levels.index) == ["N5", "N4"]
    assert frames["Learners"].set_index("Login ID").loc["k26-0001", "Minutes"] == 37.5
    rows = frames["Surveys"].values.tolist()
    assert rows[0][:5] == ["learner-end", 2, "improved — 日本語は上手になりましたか", 2, 4.0]
    assert rows[1][5] == "(free text: counted, not copied)"


def test_incidents_maintenance_and_work_done_reach_the_report(tmp_path, db, capsys):
    assert main(["log", "add", "--kind", "incident", "--title", "Login page slow for 20 minutes",
                 "--started", "2026-10-08T19:00+09:00", "--ended", "2026-10-08T19:20+09:00",
                 "--by", "ops"]) == 0
    assert main(["log", "add", "--kind", "maintenance", "--title", "Security patches",
                 "--started", "2026-10-20T02:00+09:00", "--by", "ops"]) == 0
    with pytest.raises(SystemExit):  # argparse names the three kinds
        main(["log", "add", "--kind", "outage", "--title", "x", "--by", "ops"])
    assert main(["log", "add", "--kind", "work", "--title", "x", "--started", "2026-10-20T02:00",
                 "--by", "ops"]) == 2
    assert "times need a zone" in capsys.readouterr().err
    out = tmp_path / "r.xlsx"
    assert main(["report", "monthly", "--month", "2026-10", "--out", str(out), "--lang", "en"]) == 0
    book = openpyxl.load_workbook(out)
    kinds = [r[0] for r in book["Operations"].iter_rows(min_row=2, values_only=True)]
    assert kinds == ["incident", "maintenance"]
    summary = dict(book["Summary"].iter_rows(min_row=2, values_only=True))
    assert summary["Incidents"] == 1 and summary["Planned maintenance"] == 1
