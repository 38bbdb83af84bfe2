"""``nihongo purge`` (O11): a company's personal data erased everywhere, with a signed certificate; the
whole programme at the contract's end. Runs on SQLite and on PostgreSQL (protected rows included)."""

import json
import random
from datetime import datetime, timedelta, timezone

import pytest
from django.apps import apps
from django.core import serializers

from lti_tool import keys
from lti_tool.models import LaunchRecord
from portal.cli import main
from programme.front_office import flows
from programme.inquiries import flows as inquiries
from programme.models import Application, Company, Learner, Manager
from programme.outbox import flows as outbox
from programme.surveys.models import SurveyResponse
from tests.programme.test_front_office import submission, window  # noqa: F401  (a fixture)

NOW = datetime(2026, 12, 1, 3, tzinfo=timezone.utc)
OTHER = "5010001143087"


def _everything() -> str:
    """Every row of every model, as text: what a person searching the database would see."""
    models = [
        m
        for m in apps.get_models()
        if m._meta.app_label not in ("contenttypes", "auth", "sessions") and m._meta.managed
    ]
    return "".join(serializers.serialize("json", m.objects.all()) for m in models)


@pytest.fixture
def two_companies(window, registration):  # noqa: F811
    receipt = flows.submit_application(submission(2), NOW, random.Random(1))
    flows.submit_application(
        submission(1, number=OTHER).__class__(
            "指宿 温泉ケア",
            "鹿児島県指宿市",
            OTHER,
            12,
            "介護",
            "東郷 平",
            "togo@example.jp",
            "0993000000",
            (flows.LearnerEntry("SANTOS MARIA", "Philippines", "特定技能1号", "", "tl"),),
        ),
        NOW,
        random.Random(2),
    )
    application = Application.objects.get(receipt_number=receipt.number)
    company = application.company
    for row in application.applicants.all():
        flows.decide(row.pk, "approved", "prefecture", "ok", NOW)
    learner = company.learners.first()
    Manager.objects.create(company=company, login_id="k26-m0001", display_name="西郷 隆", lms_user_id="m-1")
    outbox.queue(
        subject="あなたのID",
        body="西郷 隆 様",
        recipients=["saigo@example.jp"],
        purpose="credentials",
        personal_data=True,
        created_by="op",
        now=NOW,
    )
    inquiries.add(company_id=company.pk, channel="mail", question="LEARNER 0 のパスワード", received_at=NOW)
    SurveyResponse.objects.create(
        survey_id="company-effect",
        company=company,
        respondent=f"company:{company.pk}",
        answers={"q1": 4, "comment": "西郷より: とても良い"},
        language="ja",
        submitted_at=NOW,
    )
    LaunchRecord.objects.create(
        registration=registration,
        subject=learner.lms_user_id,
        name="LEARNER 0",
        resource_link_id="r1",
        activity="jlpt_drill",
        launched_at=NOW,
    )
    keys.rotate_keys()
    return company


PERSONAL = [
    "LEARNER 0",
    "LEARNER 1",
    "西郷 隆",
    "saigo@example.jp",
    "0995000000",
    "霧島ケア",
    "鹿児島県霧島市",
    "西郷より",
]


def test_a_dry_run_changes_nothing(two_companies, capsys):
    assert (
        main(["purge", "run", "--company", str(two_companies.pk), "--by", "op", "--reason", "request"]) == 0
    )
    out = capsys.readouterr().out
    assert "learners anonymised" in out and "--yes" in out
    text = _everything()
    assert all(p in text for p in PERSONAL)


def test_a_company_is_erased_everywhere_and_the_other_is_not(two_companies, tmp_path, capsys):
    assert all(p in _everything() for p in PERSONAL)
    assert (
        main(
            [
                "purge",
                "run",
                "--company",
                str(two_companies.pk),
                "--by",
                "op",
                "--reason",
                "the company asked",
                "--out",
                str(tmp_path),
                "--yes",
            ]
        )
        == 0
    )
    text = _everything()
    assert [p for p in PERSONAL if p in text] == []
    assert "SANTOS MARIA" in text and "togo@example.jp" in text  # the other company keeps its data
    assert (
        Learner.objects.filter(company=two_companies).count() == 2
    )  # rows stay (pseudonyms) for the reports
    assert SurveyResponse.objects.get(company=two_companies).answers == {"q1": 4}
    [cert_json] = tmp_path.glob("*.json")
    [cert_pdf] = tmp_path.glob("*.pdf")
    assert cert_pdf.read_bytes().startswith(b"%PDF")
    document = json.loads(cert_json.read_text(encoding="utf-8"))
    assert document["certificate"]["erased"]["learners anonymised"] == 2
    assert main(["purge", "verify", str(cert_json)]) == 0
    document["certificate"]["erased"]["learners anonymised"] = 0
    cert_json.write_text(json.dumps(document), encoding="utf-8")
    assert main(["purge", "verify", str(cert_json)]) == 1


def test_the_whole_programme_at_the_contracts_end(two_companies, tmp_path):
    assert (
        main(
            [
                "purge",
                "run",
                "--all",
                "--by",
                "op",
                "--reason",
                "contract ended 2027-03-31",
                "--out",
                str(tmp_path),
                "--yes",
            ]
        )
        == 0
    )
    text = _everything()
    assert [p for p in PERSONAL + ["SANTOS MARIA", "togo@example.jp", "東郷 平"] if p in text] == []
    assert LaunchRecord.objects.count() == 0 and Company.objects.count() == 2


def test_a_purge_needs_a_scope_a_person_and_a_reason(db, capsys):
    assert main(["purge", "run", "--by", "op", "--reason", "x"]) == 2
    assert "--company" in capsys.readouterr().err
    assert main(["purge", "run", "--company", "999", "--by", "op", "--reason", "x", "--yes"]) == 2
    assert "no company [999]" in capsys.readouterr().err
    assert NOW - timedelta(0) == NOW
