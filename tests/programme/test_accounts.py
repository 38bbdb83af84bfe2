"""Accounts (P5): login IDs and first passwords, the encrypted packet, first-login change, host files."""

import csv
import io
import json
import random
import re
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
    """Answers as openedx-platform's registration, enrollment and CCX v0 views do, and remembers who it
    registered with which password (to check that a packet never hands out one the host does not hold).

    Shapes: docs/architecture.md, Sources: Open edX (enrollments/views.py, ccx/api/v0/views.py).
    ``existing`` users are registered already (409); after ``registrations_allowed`` registrations the
    view is rate-limited (403, as ``REGISTRATION_RATELIMIT`` answers).
    """

    def __init__(self, ccx_status=201, existing=("k26-m001",), registrations_allowed=100):
        super().__init__()
        self.calls = []
        self.ccx_status = ccx_status
        self.passwords = {login: "set-by-someone-else" for login in existing}
        self.registrations_allowed = registrations_allowed
        self.enrollments: dict[str, set[str]] = {}
        self.ccx_created = 0

    def send(self, request, **kwargs):
        from urllib.parse import parse_qs

        self.calls.append((request.method, request.url, request.body))
        response = requests.Response()
        response.request, response.url = request, request.url
        response.headers["Content-Type"] = "application/json"
        if request.url.endswith("/api/user/v1/account/registration/"):
            form = {k: v[0] for k, v in parse_qs(request.body).items()}
            if form["username"] in self.passwords:
                response.status_code, body = 409, {"username": [{"user_message": "taken"}]}
            elif self.registrations_allowed <= 0:
                response.status_code, body = 403, {"detail": "Too many registration attempts."}
            else:
                self.registrations_allowed -= 1
                self.passwords[form["username"]] = form["password"]
                response.status_code, body = 200, {"success": True}
        elif request.url.endswith("/api/enrollment/v1/enrollment"):
            data = json.loads(request.body)
            if data["user"] not in self.passwords:
                response.status_code, body = 406, {"message": f"The user {data['user']} does not exist."}
            else:
                self.enrollments.setdefault(data["course_details"]["course_id"], set()).add(data["user"])
                response.status_code, body = 200, {"user": data["user"], "is_active": True, "mode": "audit"}
        else:
            data = json.loads(request.body)
            if self.ccx_status == 403:
                response.status_code, body = 403, {"error_code": "ccx_not_enabled_for_master_course"}
            else:
                self.ccx_created += 1
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


def provisioner(fake):
    def run(rows, company_, quota, ccx_course_id=""):
        return provision(session_with(fake), "https://lms.example", rows, course_id="course-v1:K+N5+2026",
                         company_name=company_.name, quota=quota, ccx_course_id=ccx_course_id)
    return run


def issue_openedx(company, fake):
    return flows.issue(company.pk, by="tanaka", now=NOW, host="openedx", course="course-v1:K+N5+2026",
                       provision=provisioner(fake))


def test_openedx_users_are_enrolled_in_their_companys_ccx_sized_to_the_quota(company):
    fake = FakeOpenEdx(existing=())
    issued = issue_openedx(company, fake)
    result = issued.record.host_result
    assert result["created"] == ["k26-m001", "k26-0001", "k26-0002"]
    assert result["ccx_course_id"] == "ccx-v1:Kagoshima+N5+2026+ccx@3"
    assert fake.enrollments == {"ccx-v1:Kagoshima+N5+2026+ccx@3": {"k26-m001", "k26-0001", "k26-0002"}}
    [ccx] = [json.loads(body) for _m, url, body in fake.calls if url.endswith("/api/ccx/v0/ccx/")]
    assert ccx["max_students_allowed"] == 3 and ccx["coach_email"] == "k26-m001@learners.invalid"
    for row in rows_of(issued):  # the host holds exactly the packet's password
        assert fake.passwords[row["login_id"]] == row["initial_password"]
        assert row["lms_account"].startswith("Open edX: 同じパスワード")


def test_a_host_that_registers_nobody_keeps_no_account_here(company):
    fake = FakeOpenEdx(existing=(), registrations_allowed=0)
    with pytest.raises(ProvisionFailed, match="registered nobody"):
        issue_openedx(company, fake)
    assert Account.objects.count() == 0 and IssueRecord.objects.count() == 0
    assert get_user_model().objects.count() == 0


def test_a_partial_failure_then_a_rerun_gives_everyone_a_working_password_or_a_clear_not_issued(
        company, capsys):
    # The manager exists on the host already; the rate limit stops registrations after one learner.
    fake = FakeOpenEdx(existing=("k26-m001",), registrations_allowed=1)
    first = issue_openedx(company, fake)
    rows = {r["login_id"]: r for r in rows_of(first)}
    assert fake.passwords["k26-0001"] == rows["k26-0001"]["initial_password"]
    assert "this password is NOT set there" in rows["k26-m001"]["lms_account"]  # never a silent lie
    assert fake.passwords["k26-m001"] != rows["k26-m001"]["initial_password"]
    assert "not created yet" in rows["k26-0002"]["lms_account"] and "REGISTRATION_RATELIMIT" in rows[
        "k26-0002"]["lms_account"]
    assert "k26-0002" not in fake.passwords
    states = {a.user.username: a.host_state["openedx"]["account"] for a in Account.objects.all()}
    assert states == {"k26-m001": "existed", "k26-0001": "created", "k26-0002": "failed"}

    fake.registrations_allowed = 10  # the operator raised the limit: the documented rerun
    second = issue_openedx(company, fake)
    again = rows_of(second)
    assert [r["login_id"] for r in again] == ["k26-0002"]  # only who had no host account gets a new one
    assert fake.passwords["k26-0002"] == again[0]["initial_password"]
    assert get_user_model().objects.get(username="k26-0002").check_password(again[0]["initial_password"])
    first_password = rows["k26-0001"]["initial_password"]
    assert get_user_model().objects.get(username="k26-0001").check_password(first_password)
    assert fake.ccx_created == 1  # the company's CCX is reused
    assert fake.enrollments["ccx-v1:Kagoshima+N5+2026+ccx@3"] == {"k26-m001", "k26-0001", "k26-0002"}
    with pytest.raises(flows.AccountsRefused, match="has an account already"):
        issue_openedx(company, fake)  # nothing left to do


def test_a_ccx_refusal_is_said_and_the_rerun_enrolls(company, capsys):
    fake = FakeOpenEdx(existing=(), ccx_status=403)
    first = issue_openedx(company, fake)
    assert all("not enrolled in the course yet" in r["lms_account"] for r in rows_of(first))
    assert "enable_ccx" in first.record.host_result["problems"][0] and not fake.enrollments
    fake.ccx_status = 201
    second = issue_openedx(company, fake)
    assert second.rows == [] and fake.enrollments["ccx-v1:Kagoshima+N5+2026+ccx@3"] == {
        "k26-m001", "k26-0001", "k26-0002"}


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


def test_the_sign_in_pages_speak_the_learners_language_and_switch(company):
    from pathlib import Path

    from django.utils.translation.template import templatize

    from xblocks.common import catalogue

    client = Client()
    page = client.get("/accounts/login/", HTTP_ACCEPT_LANGUAGE="vi").content.decode()
    assert "Đăng nhập" in page and "Quên mật khẩu?" in page and 'lang="vi"' in page
    page = client.get("/accounts/login/?lang=my").content.decode()  # the switch, each language by its name
    assert "အကောင့်ဝင်ရန်" in page and ">Tiếng Việt</a>" in page
    wrong = client.post("/accounts/login/", {"username": "k26-0001", "password": "guess"}).content.decode()
    assert "အကောင့်ဝင် ID သို့မဟုတ် စကားဝှက် မှားနေပါသည်။" in wrong  # the choice is remembered
    # Every string of the sign-in, password and home pages in every help language; .mo files current.
    folder = Path(catalogue.ROOT) / "programme" / "accounts" / "locale"
    table = catalogue.table(folder, "django")
    said = set()
    for template in (folder.parent / "templates" / "accounts").glob("*.html"):
        said |= set(re.findall(r'gettext\(u?[\'"](.+?)[\'"]\)', templatize(template.read_text("utf-8"))))
    assert "Forgot your password? Tell your company's learning-support person." in said
    assert catalogue.problems({s: table.get(s, {}) for s in said}, said) == []
    assert catalogue.stale(folder, "django") == []
