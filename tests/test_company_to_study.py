"""Issue 6's whole loop, as people do it: a company applies, the prefecture approves in its view, the
operator issues accounts, the packet opens with its password, and the learner signs in and studies."""

import csv
import io
import re

import pytest
from django.contrib.auth.models import Group, User
from django.core import mail
from django.test import Client

from portal.cli import main
from programme.accounts import flows as accounts
from programme.models import Application, Learner, Manager
from programme.outbox import flows as outbox
from programme.outbox.encryption import read_encrypted_zip
from programme.outbox.models import OutgoingMail
from tests.lti_tool.harness import BASE, launch, sent_to_platform  # noqa: F401  (fixture)
from tests.programme.test_front_office import post_data, window  # noqa: F401  (fixture)


@pytest.fixture
def demo_lms(settings, sent_to_platform):  # noqa: F811
    from portal.demo_lms.setup import ensure_demo_registration

    settings.NIHONGO_BASE_URL = BASE
    return ensure_demo_registration(BASE)


def test_a_company_applies_and_its_learner_studies(window, demo_lms, tmp_path, capsys):  # noqa: F811
    company_side = Client()
    response = company_side.post("/apply/", post_data(learners=2, employees="12"))
    assert response.status_code == 302
    application = Application.objects.get()
    assert application.receipt_number in company_side.get(response.url).content.decode()

    reviewer = User.objects.create_user("pref-1", password="review-pass-1")
    reviewer.groups.add(Group.objects.get(name="prefecture reviewer"))
    prefecture = Client()
    prefecture.post("/apply/review/login/", {"username": "pref-1", "password": "review-pass-1"})
    for applicant in application.applicants.order_by("id"):
        answer = prefecture.post(f"/apply/review/{application.receipt_number}/{applicant.pk}/",
                                 {"outcome": "approve", "reason": "県承認 第42号"})
        assert answer.status_code == 302
    assert Learner.objects.filter(company=application.company).count() == 2

    assert main(["accounts", "issue", "--company", str(application.company.pk), "--by", "tanaka",
                 "--out", str(tmp_path), "--mail"]) == 0
    printed = capsys.readouterr().out
    password = printed.split("never in the same mail): ")[1].strip()
    manager = Manager.objects.get(company=application.company)
    assert manager.display_name == "山田 花子"  # the application's learning-support person
    mail_id = int(re.search(r"queued as mail (\d+)", printed).group(1))
    assert OutgoingMail.objects.get(pk=mail_id).recipients == ["yamada@sakurajima.example.jp"]
    outbox.approve(mail_id, by="suzuki", now=OutgoingMail.objects.get(pk=mail_id).hold_until,
                   confirmed_recipients=1)
    assert outbox.send_due(OutgoingMail.objects.get(pk=mail_id).hold_until) == (1, 0)
    [delivered] = mail.outbox
    attachment = delivered.attachments[0][1]
    assert password not in delivered.body and password.encode() not in attachment

    files = read_encrypted_zip(attachment, password)  # what the company opens with the phoned password
    rows = list(csv.DictReader(io.StringIO(files["credentials.csv"].decode("utf-8-sig"))))
    learner_row = next(r for r in rows if r["role"] == "learner")

    phone = Client()
    phone.post("/accounts/login/", {"username": learner_row["login_id"],
                                    "password": learner_row["initial_password"]})
    new = "Sakurajima-2026-study"
    assert phone.post("/accounts/password/", {"old_password": learner_row["initial_password"],
                                              "new_password1": new, "new_password2": new}).status_code == 302
    home = phone.get("/accounts/").content.decode()
    study = re.search(r'href="(/demo-lms/launch/[^"]+/)"', home).group(1)
    assert learner_row["login_id"] in study

    launched = launch(Client(), learner_row["login_id"])
    assert launched.response.status_code == 200
    assert 'class="nihongo-drill' in launched.page  # the drill, ready for the first answer
    assert accounts.login_url().endswith("/accounts/login/")
