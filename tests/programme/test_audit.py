"""The audit of personal-data access (O11): every page and export that shows people records who, what, when,
from where; `nihongo audit` reports it."""

import random
from datetime import date

from django.contrib.auth.models import User
from django.test import Client

from portal.cli import main
from programme.accounts.flows import issue
from programme.front_office import flows
from programme.models import AccessRecord, Application
from tests.conftest import jst
from tests.programme.test_front_office import (  # noqa: F401  (fixtures)
    applied,
    programme,
    reviewer,
    submission,
)


def test_the_prefectures_review_pages_are_recorded_with_the_reviewer_and_address(client, reviewer, applied):  # noqa: F811
    client.force_login(reviewer)
    assert client.get("/apply/review/", REMOTE_ADDR="203.0.113.7").status_code == 200
    detail_url = f"/apply/review/{applied.receipt_number}/"
    assert client.get(detail_url, REMOTE_ADDR="203.0.113.7").status_code == 200
    listed, detail = AccessRecord.objects.order_by("id")
    assert (listed.who, listed.action, listed.what) == ("pref-reviewer-1", "view", "review:list")
    assert listed.where == "203.0.113.7"
    assert detail.company_ids == [applied.company_id] and len(detail.subjects) == 3


def test_the_review_list_shows_the_places_against_the_capacity(client, reviewer, applied):  # noqa: F811
    client.force_login(reviewer)
    page = client.get("/apply/review/").content.decode()
    assert "定員の状況" in page and "/ 300 枠使用中" in page


def test_admin_pages_of_people_are_recorded(db, learner_factory):
    learner = learner_factory(login_id="k26-00042")
    admin = User.objects.create_superuser("operator-1", password="x")
    browser = Client()
    browser.force_login(admin)
    assert browser.get(f"/admin/programme/learner/{learner.pk}/change/").status_code == 200
    assert browser.get("/admin/programme/learner/").status_code == 200
    detail, listed = AccessRecord.objects.order_by("id")
    assert (detail.who, detail.what, detail.subjects) == ("operator-1", "admin:learner", ["k26-00042"])
    assert listed.what == "admin:learner:list" and "k26-00042" in listed.subjects


def test_exports_are_recorded_and_nihongo_audit_reports_them(programme, capsys):  # noqa: F811
    flows.submit_application(submission(2), jst(2026, 6, 1, 10), random.Random(1))
    application = Application.objects.get()
    flows.forward(jst(2026, 6, 2, 9), "op-sato", "correct horse battery")
    for row in application.applicants.all():
        flows.decide(row.pk, "approved", "prefecture", "ok", jst(2026, 6, 3, 9))
    issue(application.company_id, by="op-sato", now=jst(2026, 6, 4, 9))
    assert list(AccessRecord.objects.order_by("at").values_list("what", "who")) == [
        ("applications sheet (to the prefecture)", "op-sato"), ("credentials packet", "op-sato")]
    assert main(["audit", "--month", "2026-06", "--who", "op-sato"]) == 0
    out = capsys.readouterr().out
    assert "2026-06-02 09:00" in out and "credentials packet" in out
    assert main(["audit", "--month", "2026-05"]) == 0
    assert "No access recorded" in capsys.readouterr().out
    assert main(["audit", "--company", str(application.company_id), "--csv"]) == 0
    lines = capsys.readouterr().out.strip().splitlines()
    assert lines[0].startswith("at (Japan time),who,action,what") and len(lines) == 3
    assert date(2026, 6, 1)  # the dates above are Japan time
