"""Planned maintenance announced ahead (O9): a banner on every page and notices in each person's language;
incidents with impact and cause in Japan time; companies without e-mail get printable letters."""

import subprocess
from datetime import date, datetime, timedelta, timezone

import pytest
from django.core.cache import cache
from django.utils import timezone as dj_timezone

from curriculum.japan_time import PROGRAMME_TZ
from portal.cli import main
from programme.models import Application, ApplicationLearner, Notice, RuleDecision
from programme.outbox.models import OutgoingMail


@pytest.fixture
def two_companies(company_factory, learner_factory):
    mailed = company_factory("桜島食品", employees=45, joined_on=date(2026, 9, 1))
    posted = company_factory("開聞岳ファーム", employees=8, joined_on=date(2026, 9, 1))
    posted.address = "鹿児島県指宿市開聞十町1-1"
    posted.save()
    Application.objects.create(
        receipt_number="A1",
        company=mailed,
        company_name=mailed.name,
        address="鹿児島市",
        corporate_number="7000012050002",
        employees=45,
        industry="食品",
        support_name="山田 花子",
        support_email="yamada@sakurajima.example.jp",
        support_phone="0990000000",
        consent_version="1",
        submitted_at=dj_timezone.now(),
        contact_confirmed_at=dj_timezone.now(),
        contact_confirmed_by="prefecture",
    )
    vi = learner_factory(company=mailed, login_id="k26-00001", help_language="vi")
    ApplicationLearner.objects.create(
        company=mailed,
        login_id="k26-00001",
        display_name="NGUYEN",
        nationality="VN",
        residence_status="特定技能1号",
        email="nguyen@example.jp",
        applied_on=date(2026, 9, 1),
        learner=vi,
        status="approved",
    )
    learner_factory(company=posted, login_id="k26-00002", help_language="my")
    cache.clear()
    return mailed, posted


def test_maintenance_is_announced_by_mail_letter_and_banner(two_companies, client, capsys):
    start = (
        (dj_timezone.now() + timedelta(days=3))
        .astimezone(PROGRAMME_TZ)
        .replace(hour=22, minute=0, second=0, microsecond=0)
    )
    assert client.get("/apply/").content.decode().count("メンテナンスのお知らせ") == 0
    assert (
        main(
            [
                "log",
                "add",
                "--kind",
                "maintenance",
                "--title",
                "データベースの更新",
                "--by",
                "op-sato",
                "--started",
                start.isoformat(),
                "--ended",
                (start + timedelta(hours=2)).isoformat(),
                "--notify",
            ]
        )
        == 0
    )
    out = capsys.readouterr().out
    assert "1 companies by mail, 1 by letter, 1 learners" in out
    mails = OutgoingMail.objects.filter(purpose="maintenance")
    company_mail = mails.get(recipients=["yamada@sakurajima.example.jp"])
    assert "メンテナンス" in company_mail.subject and f"{start:%Y-%m-%d} 22:00" in company_mail.body
    learner_mail = mails.get(recipients=["nguyen@example.jp"])
    assert "bảo trì" in learner_mail.body  # Vietnamese
    letter = mails.get(channel="letter")
    assert "開聞十町" in letter.postal_address and letter.attachments.get().content[:4] == b"%PDF"
    page = client.get("/apply/").content.decode()
    assert "メンテナンスのお知らせ" in page and "Planned maintenance" in page and "22:00" in page


def test_an_incident_keeps_impact_and_cause_in_japan_time(db, capsys):
    assert (
        main(
            [
                "log",
                "add",
                "--kind",
                "incident",
                "--title",
                "ログインできない",
                "--by",
                "op",
                "--started",
                "2026-11-30T23:30:00+00:00",
                "--ended",
                "2026-12-01T00:10:00+00:00",
                "--impact",
                "全学習者が40分ログインできなかった",
                "--cause",
                "証明書の期限切れ",
            ]
        )
        == 0
    )
    assert "2026-12-01 08:30 JST" in capsys.readouterr().out
    assert main(["log", "list", "--month", "2026-12"]) == 0
    listed = capsys.readouterr().out
    assert "2026-12-01 08:30" in listed and "ログインできない" in listed
    assert main(["log", "list", "--month", "2026-11"]) == 0
    assert "ログインできない" not in capsys.readouterr().out  # 08:30 in Japan is December


def test_a_company_without_e_mail_gets_its_notice_as_a_letter_to_print(two_companies, tmp_path, capsys):
    _mailed, posted = two_companies
    decision = RuleDecision.objects.create(
        kind="warning",
        company=posted,
        week=date(2026, 11, 2),
        learner_key="k26-00002",
        decided_at=datetime(2026, 11, 9, tzinfo=timezone.utc),
    )
    from programme.models import Manager

    manager = Manager.objects.create(company=posted, login_id="k26-m0002", display_name="M", lms_user_id="m2")
    Notice.objects.create(
        decision=decision,
        recipient_kind="manager",
        manager=manager,
        language="ja",
        subject="【Kagoshima Nihongo】学習状況についてのお願い",
        body="学習支援担当者様\n本文",
        created_at=datetime(2026, 11, 9, tzinfo=timezone.utc),
    )
    assert main(["outbox", "notices"]) == 0
    assert "1 as letters to print" in capsys.readouterr().out
    letter = OutgoingMail.objects.get(channel="letter")
    assert main(["status"]) in (0, 1)
    assert "1 letter(s) to print" in capsys.readouterr().out
    assert main(["outbox", "approve", str(letter.pk), "--recipients", "1", "--by", "op-2"]) == 0
    assert main(["outbox", "send"]) == 0  # letters are never e-mailed
    letter.refresh_from_db()
    assert letter.status == "approved"
    assert main(["outbox", "letters", "--out", str(tmp_path), "--by", "op-2"]) == 0
    [pdf] = tmp_path.glob("*.pdf")
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert "開聞十町" in text and "学習状況についてのお願い" in text
    letter.refresh_from_db()
    assert letter.status == "sent" and letter.events.filter(action="printed").exists()
