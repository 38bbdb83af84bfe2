"""The prefecture's report in Japanese (English on request), percentages, Japan time, a PDF with the same
charts, queued to the prefecture for an operator's approval, and `nihongo status` warning from the 7th."""

import subprocess
from datetime import date, datetime, timedelta, timezone

import openpyxl
import pytest

from curriculum.japan_time import PROGRAMME_TZ
from portal.cli import main
from programme.models import DailyActivity, Learner, OperationsEntry, RuleDecision
from programme.outbox.encryption import read_encrypted_zip
from programme.outbox.models import OutgoingMail
from reports import data, monthly
from reports.delivery import status_check
from reports.pdf import render_pdf

OCT = monthly.Month(2026, 10)


@pytest.fixture
def october(company_factory, learner_factory):
    company = company_factory("桜島食品", employees=45, joined_on=date(2026, 9, 1))
    keen = learner_factory(company=company, login_id="k26-00001", joined_on=date(2026, 9, 1))
    idle = learner_factory(company=company, login_id="k26-00002", joined_on=date(2026, 9, 1))
    DailyActivity.objects.create(
        learner=keen, day=date(2026, 10, 5), logins=1, items_answered=10, items_correct=8
    )
    # An incident at 23:30 UTC on 31 October is 08:30 on 1 November in Japan: November's, not October's.
    OperationsEntry.objects.create(
        kind="incident",
        title="LMS slow",
        started_at=datetime(2026, 10, 20, 0, 30, tzinfo=timezone.utc),
        recorded_by="op",
    )
    OperationsEntry.objects.create(
        kind="incident",
        title="late",
        started_at=datetime(2026, 10, 31, 23, 30, tzinfo=timezone.utc),
        recorded_by="op",
    )
    # The company is stopped by a decision of 16 November: October's report still shows both learners active.
    stop = RuleDecision.objects.create(
        kind="suspension",
        company=company,
        week=date(2026, 11, 9),
        learner_key="x",
        decided_at=datetime(2026, 11, 16, 9, tzinfo=PROGRAMME_TZ),
    )
    stop.learners.set([keen, idle])
    Learner.objects.filter(pk__in=[keen.pk, idle.pk]).update(status="stopped")
    return company


def frames():
    return monthly.build(
        OCT,
        *data.records(OCT),
        generated_at=datetime(2026, 11, 1, 0, 30, tzinfo=timezone.utc),
        decisions=data.decisions(OCT),
        operations=data.operations(OCT),
        places=data.places(),
    )


def test_the_xlsx_is_japanese_with_percentages_and_japan_time(october, tmp_path):
    path = monthly.write_xlsx(frames(), tmp_path / "r.xlsx")
    book = openpyxl.load_workbook(path)
    assert book.sheetnames[:4] == ["概要", "企業別", "学習者別", "週別利用状況"]
    summary = dict(book["概要"].iter_rows(min_row=2, values_only=True))
    assert summary["作成日時 (日本時間)"] == "2026-11-01 09:30" and summary["県への提出期限"] == "2026-11-10"
    assert summary["定員"] == 300
    sheet = book["学習者別"]
    header = [c.value for c in sheet[1]]
    accuracy = sheet.cell(row=2, column=header.index("正答率") + 1)
    assert accuracy.value == pytest.approx(0.8) and accuracy.number_format == "0.0%"
    assert {r[header.index("状態")] for r in sheet.iter_rows(min_row=2, values_only=True)} == {"利用中"}
    ops = [r for r in book["運用記録"].iter_rows(min_row=2, values_only=True)]
    assert [(r[0], r[1]) for r in ops] == [("障害・インシデント", "2026-10-20 09:30")]
    english = openpyxl.load_workbook(monthly.write_xlsx(frames(), tmp_path / "e.xlsx", lang="en"))
    assert english.sheetnames[0] == "Summary"


def test_the_pdf_has_the_charts_and_japanese_text_with_fonts_embedded(october, tmp_path):
    pdf = tmp_path / "r.pdf"
    pdf.write_bytes(render_pdf(frames()))
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "月次報告書" in text and "週別の利用者数" in text and "80.0%" in text and "利用中" in text
    fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout
    assert "CJK" in fonts and all(line.split()[-5] == "yes" for line in fonts.splitlines()[2:])


def test_the_report_waits_in_the_outbox_for_the_prefecture_and_status_warns_from_the_7th(
    october, tmp_path, settings, capsys
):
    settings.NIHONGO_PREFECTURE_EMAIL = "kokusai@pref.kagoshima.example.jp"
    sixth = datetime(2026, 11, 6, 12, tzinfo=PROGRAMME_TZ)
    seventh = datetime(2026, 11, 7, 9, tzinfo=PROGRAMME_TZ)
    assert status_check(sixth)[1] == []
    line, problems = status_check(seventh)
    assert line == "monthly report: NOT SENT" and "--month 2026-10 --queue" in problems[0]
    assert (
        main(["report", "monthly", "--month", "2026-10", "--out", str(tmp_path), "--queue", "--by", "op"])
        == 0
    )
    out = capsys.readouterr().out
    password = out.rsplit("): ", 1)[1].strip()
    mail = OutgoingMail.objects.get(purpose="monthly report 2026-10")
    assert mail.recipients == ["kokusai@pref.kagoshima.example.jp"] and mail.personal_data
    files = read_encrypted_zip(mail.attachments.get().content, password)
    assert sorted(files) == ["月次報告書-2026-10.pdf", "月次報告書-2026-10.xlsx"]
    assert "approve it" in status_check(seventh)[1][0]
    OutgoingMail.objects.filter(pk=mail.pk).update(status=OutgoingMail.Status.SENT)
    assert status_check(seventh + timedelta(days=5))[1] == []


def test_last_month_is_the_month_before_this_one_in_japan():
    from reports.commands import _month

    assert str(_month("last", datetime(2026, 12, 31, 16, tzinfo=timezone.utc))) == "2026-12"  # 1 Jan in Japan
    assert str(_month("last", datetime(2026, 12, 5, tzinfo=timezone.utc))) == "2026-11"
