"""Accounts (P5): login IDs and first passwords, the encrypted packet, first-login change, host files."""

import csv
import io
import json
import random
from datetime import date, datetime, timezone

import pytest
import requests
from django.contrib.auth import get_user_model
from django.test import Client

from portal.cli import main
from programme.accounts import flows
from programme.accounts.models import Account, IssueRecord
from programme.accounts.provisioning import ProvisionFailed
from programme.models import Company, Learner, Manager
from programme.outbox.encryption import read_encrypted_zip
from programme.outbox.models import OutgoingMail
from sync_service.provisioning import provision

NOW = datetime(2026, 9, 10, 1, 0, tzinfo=timezone.utc)


@pytest.fixture
def company(db):
    company = Company.objects.create(name="Sakurajima Foods", employees=12, joined_on=date(2026, 9, 1))
    Manager.objects.create(company=company, login_id="k26-m001", display_name="Sato Hanako", lms_user_id="m1")
    for n, status in enumerate(["active", "active", "stopped"], start=1):
        Learner.objects.create(company=company, login_id=f"k26-000{n}", display_name=f"Nguyen Van {n}",
                               nationality="Viet Nam", residence_status="特定技能1号", lms_user_id=f"l{n}",
                               status=status, joined_on=date(2026, 9, 1))
    return company


def rows_of(issued) -> list[dict]:
    files = read_encrypted_zip(issued.packet, issued.password)
    return list(csv.DictReader(io.StringIO(files["credentials.csv"].decode("utf-8-sig"))))


def test_issue_gives_the_manager_and_active_learners_a_login_and_packs_it(company):
    issued = flows.issue(company.pk, by="tanaka", now=NOW, rng=random.Random(1))
    rows = rows_of(issued)
    assert [(r["login_id"], r["role"]) for r in rows] == [
        ("k26-m001", "manager"), ("k26-0001", "learner"), ("k26-0002", "learner")]  # 0003 is stopped
    user = get_user_model().objects.get(username="k26-0001")
    assert user.email == "" and user.check_password(rows[1]["initial_password"])
    assert rows[1]["initial_password"] not in user.password  # only the hash is kept
    assert all(a.must_change_password for a in Account.objects.all())
    record = IssueRecord.objects.get()
    assert (record.by, record.login_ids) == ("tanaka", ["k26-m001", "k26-0001", "k26-0002"])
    assert len(record.packet_sha256) == 64
    with pytest.raises(RuntimeError):
        read_encrypted_zip(issued.packet, "not-the-password")


def test_a_second_issue_is_refused_and_changes_nothing(company):
    flows.issue(company.pk, by="tanaka", now=NOW)
    with pytest.raises(flows.AccountsRefused, match="has an account already"):
        flows.issue(company.pk, by="tanaka", now=NOW)
    assert IssueRecord.objects.count() == 1
    with pytest.raises(flows.AccountsRefused, match="no company 999"):
        flows.issue(999, by="tanaka", now=NOW)


def test_first_sign_in_forces_a_new_password_then_leads_to_study(company):
    issued = flows.issue(company.pk, by="tanaka", now=NOW)
    first = next(r for r in rows_of(issued) if r["login_id"] == "k26-0001")["initial_password"]
    browser = Client()
    response = browser.post("/accounts/login/", {"username": "k26-0001", "password": first})
    assert response.status_code == 302
    assert browser.get("/accounts/").url == "/accounts/password/"  # every page sends them to the change
    new = "Kagoshima-sakura-77"
    changed = browser.post("/accounts/password/",
                           {"old_password": first, "new_password1": new, "new_password2": new})
    assert changed.status_code == 302
    home = browser.get("/accounts/").content.decode()
    assert 'href="/demo-lms/launch/k26-0001/"' in home
    assert not Account.objects.get(user__username="k26-0001").must_change_password


def test_a_wrong_password_is_told_without_saying_which_part(company):
    flows.issue(company.pk, by="tanaka", now=NOW)
    page = Client().post("/accounts/login/", {"username": "k26-0001", "password": "guess"}).content.decode()
    assert "The login ID or password is not right." in page


def test_reset_replaces_the_password_and_asks_for_a_change_again(company):
    flows.issue(company.pk, by="tanaka", now=NOW)
    Account.objects.update(must_change_password=False)
    issued = flows.reset("k26-0002", by="suzuki", now=NOW)
    [row] = rows_of(issued)
    user = get_user_model().objects.get(username="k26-0002")
    assert user.check_password(row["initial_password"])
    assert Account.objects.get(user=user).must_change_password
    assert IssueRecord.objects.last().kind == "reset"
    with pytest.raises(flows.AccountsRefused, match="No account nobody"):
        flows.reset("nobody", by="suzuki", now=NOW)


def test_moodle_and_canvas_upload_files_go_in_their_own_encrypted_zip(company):
    issued = flows.issue(company.pk, by="tanaka", now=NOW, host="moodle", course="KGN-N5")
    files = read_encrypted_zip(issued.host_packet, issued.password)
    users = list(csv.DictReader(io.StringIO(files["moodle/users.csv"].decode())))
    assert users[0]["username"] == "k26-m001" and users[0]["role1"] == "editingteacher"
    assert users[1]["email"] == "k26-0001@learners.invalid" and users[1]["course1"] == "KGN-N5"
    assert users[1]["firstname"] == "Nguyen" and users[1]["lastname"] == "Van 1"
    Account.objects.all().delete()
    get_user_model().objects.all().delete()
    canvas = flows.issue(company.pk, by="tanaka", now=NOW, host="canvas", course="KGN-N5-2026")
    files = read_encrypted_zip(canvas.host_packet, canvas.password)
    enrollments = list(csv.DictReader(io.StringIO(files["canvas/enrollments.csv"].decode())))
    roles = {(e["user_id"], e["role"]) for e in enrollments}
    assert roles >= {("k26-m001", "teacher"), ("k26-0001", "student")}
    with pytest.raises(flows.AccountsRefused, match="--course is needed"):
        flows.issue(company.pk, by="tanaka", now=NOW, host="canvas")


class FakeOpenEdx(requests.adapters.BaseAdapter):
    """Answers as openedx-platform's registration, enrollment and CCX v0 views do.

    Shapes: docs/architecture.md, Sources: Open edX (enrollments/views.py, ccx/api/v0/views.py).
    """

    def __init__(self, ccx_status=201):
        super().__init__()
        self.calls = []
        self.ccx_status = ccx_status

    def send(self, request, **kwargs):
        self.calls.append((request.method, request.url, request.body))
        response = requests.Response()
        response.request, response.url = request, request.url
        response.headers["Content-Type"] = "application/json"
        if request.url.endswith("/api/user/v1/account/registration/"):
            taken = "username=k26-m001" in str(request.body)
            conflict = (409, {"username": [{"user_message": "taken"}]})
            response.status_code, body = conflict if taken else (200, {})
        elif request.url.endswith("/api/enrollment/v1/enrollment"):
            data = json.loads(request.body)
            response.status_code, body = 200, {"user": data["user"], "is_active": True, "mode": "audit"}
        else:
            data = json.loads(request.body)
            if self.ccx_status == 403:
                response.status_code, body = 403, {"error_code": "ccx_not_enabled_for_master_course"}
            else:
                response.status_code = 201
                body = {"ccx_course_id": "ccx-v1:Kagoshima+N5+2026+ccx@3", **data}
        response._content = json.dumps(body).encode()
        return response

    def close(self):
        pass


def session_with(fake) -> requests.Session:
    session = requests.Session()
    session.mount("https://lms.example", fake)
    return session


def test_openedx_users_enrollments_and_a_ccx_sized_to_the_quota(company):
    fake = FakeOpenEdx()

    def run(rows, company_, quota):
        return provision(session_with(fake), "https://lms.example", rows, course_id="course-v1:K+N5+2026",
                         company_name=company_.name, quota=quota).as_dict()
    issued = flows.issue(company.pk, by="tanaka", now=NOW, host="openedx", course="course-v1:K+N5+2026",
                         provision=run)
    result = issued.record.host_result
    assert result["existed"] == ["k26-m001"] and result["created"] == ["k26-0001", "k26-0002"]
    assert result["ccx_course_id"] == "ccx-v1:Kagoshima+N5+2026+ccx@3"
    ccx = json.loads(fake.calls[-1][2])
    assert ccx["max_students_allowed"] == 3 and ccx["coach_email"] == "k26-m001@learners.invalid"


def test_an_openedx_refusal_keeps_no_account_here(company):
    def run(rows, company_, quota):
        return provision(session_with(FakeOpenEdx(ccx_status=403)), "https://lms.example", rows,
                         course_id="course-v1:K+N5+2026", company_name=company_.name, quota=quota)
    with pytest.raises(ProvisionFailed, match="ccx_not_enabled"):
        flows.issue(company.pk, by="tanaka", now=NOW, host="openedx", course="course-v1:K+N5+2026",
                    provision=run)
    assert Account.objects.count() == 0 and IssueRecord.objects.count() == 0
    assert get_user_model().objects.count() == 0


def test_cli_writes_the_packet_prints_the_password_once_and_can_queue_the_mail(company, tmp_path, capsys):
    assert main(["accounts", "issue", "--company", str(company.pk), "--by", "tanaka", "--out", str(tmp_path),
                 "--mail"]) == 0
    out = capsys.readouterr().out
    password = out.split("never in the same mail): ")[1].strip()
    [packet] = tmp_path.glob("credentials-company-*.zip")
    assert oct(packet.stat().st_mode & 0o777) == "0o600"
    assert "credentials.csv" in read_encrypted_zip(packet.read_bytes(), password)
    assert "no support e-mail on file" in out  # no application on record for this company
    assert main(["accounts", "issue", "--company", str(company.pk), "--by", "tanaka",
                 "--out", str(tmp_path)]) == 2
    assert "nothing was issued" in capsys.readouterr().err
    assert main(["accounts", "reset", "k26-0001", "--by", "suzuki", "--out", str(tmp_path)]) == 0
    assert OutgoingMail.objects.count() == 0
