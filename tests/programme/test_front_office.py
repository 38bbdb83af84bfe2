"""The front office (P4, P5): the entry form, its rules at the door, the prefecture's decisions."""

import io
import logging
import random
from datetime import date, timedelta

import pytest
from django.contrib.auth.models import Group, User
from django.core.cache import cache
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

from curriculum.japan_time import japan_date
from portal.cli import main
from programme.approvals import programme_counter
from programme.front_office import corporate_number, flows, sheet
from programme.models import (
    Application,
    ApplicationDecision,
    ApplicationLearner,
    Company,
    Learner,
    RejectionCounter,
    WaitingListEntry,
)
from programme.quota import WindowState
from tests.conftest import jst

NTA = "7000012050002"  # the National Tax Agency's own corporate number
TOYOTA = "1180301018771"


def valid_number(base: str) -> str:
    return f"{corporate_number.check_digit(base)}{base}"


def learner_fields(n: int, **extra) -> dict:
    fields = {"name": f"NGUYEN VAN {'ABCDE'[n - 1]}", "nationality": "Viet Nam",
              "residence_status": "育成就労", "level": "N4", "help_language": "vi", "email": ""}
    fields.update(extra)
    return {f"l{n}-{key}": value for key, value in fields.items()}


def post_data(learners: int = 2, **company) -> dict:
    data = {"company_name": "桜島食品株式会社", "address": "鹿児島県鹿児島市山下町11-1",
            "corporate_number": NTA, "employees": "45", "industry": "飲食料品製造業",
            "support_name": "山田 花子", "support_email": "yamada@sakurajima.example.jp",
            "support_phone": "099-286-0000", "consent": "on"}
    data.update(company)
    for n in range(1, learners + 1):
        data.update(learner_fields(n))
    return data


def submission(learners: int = 2, employees: int = 45, number: str = NTA) -> flows.Submission:
    people = tuple(flows.LearnerEntry(f"LEARNER {n}", "Indonesia", "特定技能1号", "", "id")
                   for n in range(learners))
    return flows.Submission("霧島ケア", "鹿児島県霧島市", number, employees, "介護", "西郷 隆",
                            "saigo@example.jp", "0995000000", people)


@pytest.fixture
def window(db):
    """The window configured around the real date, so the live form is open."""
    counter = programme_counter()
    today = japan_date(timezone.now())
    counter.recruitment_opens_on = today - timedelta(days=30)
    counter.recruitment_closes_on = today + timedelta(days=30)
    counter.save()
    return counter


@pytest.fixture
def programme(db):
    counter = programme_counter()
    counter.recruitment_opens_on, counter.recruitment_closes_on = date(2026, 5, 1), None  # ends 2026-08-31
    counter.save()
    return counter


def stored() -> tuple[int, ...]:
    return (Company.objects.count(), Application.objects.count(), ApplicationLearner.objects.count(),
            WaitingListEntry.objects.count())


def rejections(kind: str) -> int:
    return sum(RejectionCounter.objects.filter(kind=kind).values_list("count", flat=True))


# The corporate number -----------------------------------------------------------------------------------

@pytest.mark.parametrize("number", [NTA, TOYOTA])
def test_real_corporate_numbers_pass_the_check(number):
    assert corporate_number.is_valid(number)


@pytest.mark.parametrize("number", ["8000012050002", "700001205000", "70000120500021", "７000012050002",
                                    "0000012050002", "abcdefghijklm", ""])
def test_wrong_digits_and_lengths_fail(number):
    assert not corporate_number.is_valid(number)


@given(st.text("0123456789", min_size=12, max_size=12))
def test_every_base_has_one_check_digit_between_1_and_9(base):
    digit = corporate_number.check_digit(base)
    assert 1 <= digit <= 9
    assert [d for d in range(10) if corporate_number.is_valid(f"{d}{base}")] == [digit]


def test_people_type_hyphens_and_full_width_digits():
    assert corporate_number.normalise("７０００-０１２０-５０００２") == NTA
    assert corporate_number.normalise("7 0000 1205 0002") == NTA


# The rules at the door ----------------------------------------------------------------------------------

@pytest.mark.parametrize(("at", "state"), [
    (jst(2026, 4, 30, 23), WindowState.NOT_YET),
    (jst(2026, 5, 1, 0), WindowState.OPEN),
    (jst(2026, 8, 31, 23), WindowState.OPEN),  # the last day, late evening in Kagoshima (14:00 UTC)
    (jst(2026, 9, 1, 0), WindowState.ENDED),  # still 31 August in UTC, but September in Japan
])
def test_the_form_takes_applications_until_31_august_japan_time(programme, at, state):
    assert flows.window_state(at) is state
    if state is WindowState.OPEN:
        assert flows.submit_application(submission(), at, random.Random(1)).applicants == 2
    else:
        with pytest.raises(flows.ApplicationClosed):
            flows.submit_application(submission(), at, random.Random(1))
        assert stored() == (0, 0, 0, 0)


def test_the_end_date_is_configurable(programme):
    programme.recruitment_closes_on = date(2026, 9, 30)
    programme.save()
    assert flows.window_state(jst(2026, 9, 30, 23)) is WindowState.OPEN
    assert flows.window_state(jst(2026, 10, 1, 0)) is WindowState.ENDED


@pytest.mark.parametrize(("taken", "applicants", "waiting", "state_after"), [
    (298, 2, 0, WindowState.OPEN),   # the 299th and 300th places
    (299, 1, 1, WindowState.OPEN),   # the 300th place, the 301st waits
    (300, None, None, None),         # full: the form is closed
])
def test_places_beyond_the_300th_wait_and_a_full_programme_closes_the_form(
        programme, learner_factory, company_factory, taken, applicants, waiting, state_after):
    other = company_factory(employees=10_000)
    Learner.objects.bulk_create(
        Learner(company=other, login_id=f"x-{i}", lms_user_id=f"x-{i}", display_name="x", nationality="x",
                residence_status="x", joined_on=date(2026, 5, 1)) for i in range(taken))
    at = jst(2026, 6, 1)
    if applicants is None:
        assert flows.window_state(at) is WindowState.FULL
        with pytest.raises(flows.ApplicationClosed):
            flows.submit_application(submission(), at, random.Random(1))
        return
    receipt = flows.submit_application(submission(), at, random.Random(1))
    assert (receipt.applicants, receipt.waiting) == (applicants, waiting)
    assert WaitingListEntry.objects.filter(application__receipt_number=receipt.number).count() == waiting


def test_undecided_applications_hold_no_places_so_junk_cannot_push_the_next_company_out(programme):
    programme.places = 4
    programme.save()
    first = flows.submit_application(submission(3, number=NTA), jst(2026, 6, 1), random.Random(1))
    second = flows.submit_application(submission(3, number=TOYOTA), jst(2026, 6, 2), random.Random(1))
    assert (first.applicants, first.waiting, second.applicants, second.waiting) == (3, 0, 3, 0)
    assert not WaitingListEntry.objects.exists()
    # the prefecture's approvals are what take places: the 5th approval is refused
    pending = ApplicationLearner.objects.order_by("id")
    for applicant in pending[:4]:
        flows.decide(applicant.pk, "approved", "pref-1", "県承認", jst(2026, 6, 3))
    with pytest.raises(flows.DecisionError):
        flows.decide(pending[4].pk, "approved", "pref-1", "県承認", jst(2026, 6, 3))
    assert Learner.objects.count() == 4


def test_learners_beyond_the_approved_places_wait_and_a_rejection_frees_nothing_held(
        programme, company_factory):
    programme.places = 4
    programme.save()
    other = company_factory(employees=10_000)
    Learner.objects.bulk_create(
        Learner(company=other, login_id=f"x-{i}", lms_user_id=f"x-{i}", display_name="x", nationality="x",
                residence_status="x", joined_on=date(2026, 5, 1)) for i in range(3))
    receipt = flows.submit_application(submission(3, number=NTA), jst(2026, 6, 1), random.Random(1))
    assert (receipt.applicants, receipt.waiting) == (1, 2)  # one place is free
    assert list(WaitingListEntry.objects.values_list("position", "display_name")) == [
        (1, "LEARNER 1"), (2, "LEARNER 2")]


@pytest.mark.parametrize(("employees", "most"), [(29, 3), (30, 5)])
def test_a_second_application_of_a_company_fills_only_its_own_quota(programme, employees, most):
    flows.submit_application(submission(2, employees), jst(2026, 6, 1), random.Random(1))
    for applicant in ApplicationLearner.objects.all():
        flows.decide(applicant.pk, "approved", "pref-1", "県承認", jst(2026, 6, 1))
    again = flows.submit_application(submission(most, employees), jst(2026, 6, 2), random.Random(2))
    assert (again.applicants, again.waiting) == (most - 2, 2)
    assert Company.objects.count() == 1  # the same corporate number is the same company


def test_applicants_get_login_ids_and_a_receipt_number(programme):
    receipt = flows.submit_application(submission(2), jst(2026, 6, 1), random.Random(7))
    assert receipt.number.startswith("A260601-") and len(receipt.number) == 12
    ids = list(ApplicationLearner.objects.order_by("id").values_list("login_id", flat=True))
    assert all(login.startswith("k26-") and len(login) == 9 for login in ids) and len(set(ids)) == 2
    application = Application.objects.get()
    assert (str(application), application.consent_version) == (receipt.number, flows.CONSENT_VERSION)


# The form -----------------------------------------------------------------------------------------------

def test_the_form_speaks_japanese_with_english_help(client, window):
    page = client.get("/apply/").content.decode()
    assert '<html lang="ja">' in page and 'name="viewport"' in page
    for text in ("法人番号", "Corporate number", "育成就労", "特定技能1号", "技能実習1号", "個人情報の取扱い",
                 "Privacy notice", "JFT-Basic A2", "学習者 5"):
        assert text in page
    assert 'aria-describedby="id_corporate_number_helptext"' in page


def test_a_valid_application_shows_its_receipt_number(client, window):
    response = client.post("/apply/", post_data(2))
    assert response.status_code == 302 and response.url == "/apply/done/"
    page = client.get("/apply/done/").content.decode()
    application = Application.objects.get()
    assert application.receipt_number in page and "受付番号" in page and "Receipt number" in page
    assert stored() == (1, 1, 2, 0)
    person = ApplicationLearner.objects.order_by("id").first()
    assert (person.nationality, person.residence_status, person.level, person.help_language) == \
        ("Viet Nam", "育成就労", "N4", "vi")
    assert client.get("/apply/done/").status_code == 302  # shown once


@pytest.mark.parametrize(("change", "message"), [
    ({"corporate_number": "8000012050002"}, "チェックデジット"),
    ({"corporate_number": "12345"}, "13桁"),
    ({"employees": "zero"}, "Enter a number"),
    ({"support_phone": "12345"}, "10–11 digits"),
    ({"support_email": "yamada@"}, "Check the e-mail address"),
    ({"consent": ""}, "Please agree to the privacy notice"),
    ({"l1-residence_status": "観光"}, "Choose from the list"),
    ({"l2-name": ""}, "学習者2: 氏名（ローマ字）: 入力してください。 / Please fill this in."),
])
def test_a_refused_submission_says_what_to_fix_and_keeps_only_a_count(client, window, change, message):
    response = client.post("/apply/", {**post_data(2), **change})
    assert response.status_code == 400
    page = response.content.decode()
    assert message in page and 'role="alert"' in page
    assert stored() == (0, 0, 0, 0) and rejections("invalid") == 1
    assert "山田 花子" in page  # what was typed stays in the form


@pytest.mark.parametrize(("employees", "learners", "ok"), [("29", 3, True), ("29", 4, False),
                                                           ("30", 5, True), ("30", 4, True)])
def test_the_form_refuses_more_learners_than_the_company_may_have(client, window, employees, learners, ok):
    response = client.post("/apply/", post_data(learners, employees=employees))
    assert response.status_code == (302 if ok else 400)
    if not ok:
        assert "学習者3人までです" in response.content.decode() and stored() == (0, 0, 0, 0)


def test_no_learner_is_refused(client, window):
    response = client.post("/apply/", post_data(0))
    assert response.status_code == 400 and "Name at least one learner" in response.content.decode()


def test_a_closed_form_says_why_and_counts_a_late_post(client, programme):
    # a window long past, whatever the date of the test run
    programme.recruitment_opens_on, programme.recruitment_closes_on = date(2020, 4, 1), date(2020, 8, 31)
    programme.save()
    page = client.get("/apply/").content.decode()
    assert "受付期間は終了しました" in page and "The application period has ended" in page
    assert client.post("/apply/", post_data(1)).status_code == 403
    assert stored() == (0, 0, 0, 0) and rejections("closed") == 1


LEARNER_FIELDS = ("name", "nationality", "residence_status", "level", "help_language", "email")
FIELDS = ["company_name", "address", "corporate_number", "employees", "industry", "support_name",
          "support_email", "support_phone", "consent"]
FIELDS += [f"l{n}-{field}" for n in range(1, 7) for field in LEARNER_FIELDS]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(base=st.booleans(), changes=st.dictionaries(
    st.sampled_from(FIELDS + ["csrfmiddlewaretoken", "l1-name\x00"]),
    st.one_of(st.text(max_size=300), st.sampled_from(["", "29", "30", "-1", "1e9", "99999999999999999999",
                                                      "N5", "vi", "育成就労", "Viet Nam", "on", "\x00"])),
    max_size=12))
def test_fuzzed_posts_never_fail_the_server_nor_half_save(client, window, base, changes):
    cache.clear()  # each example is a new visitor, not one address over its rate limit
    before = stored()
    data = {**(post_data(3) if base else {}), **changes}
    response = client.post("/apply/", data)
    after = stored()
    assert response.status_code in (302, 400)
    if response.status_code == 400 or after == before:  # refused, or the same submission again
        assert after == before
    else:
        application = Application.objects.order_by("-id").first()
        named = application.applicants.count() + application.waiting.count()
        assert 1 <= named <= 5 and after[1:] == (before[1] + 1, before[2] + application.applicants.count(),
                                                 before[3] + application.waiting.count())


def test_names_never_reach_the_logs(client, window, caplog):
    caplog.set_level(logging.DEBUG)
    client.post("/apply/", post_data(2))
    client.post("/apply/", {**post_data(2), "consent": ""})
    applicant = ApplicationLearner.objects.first()
    flows.decide(applicant.pk, "rejected", "pref-1", "対象外の在留資格", timezone.now())
    assert "NGUYEN" not in caplog.text and "山田" not in caplog.text and "Viet Nam" not in caplog.text
    assert applicant.login_id in caplog.text
    assert str(applicant) == applicant.login_id and "NGUYEN" not in str(ApplicationDecision.objects.get())


# The prefecture's review in the browser -------------------------------------------------------------------

@pytest.fixture
def reviewer(db):
    user = User.objects.create_user("pref-reviewer-1", password="x")
    user.groups.add(Group.objects.get(name="prefecture reviewer"))
    return user


@pytest.fixture
def applied(programme):
    flows.submit_application(submission(3, employees=10), jst(2026, 6, 1), random.Random(3))
    return Application.objects.get()


def test_the_groups_exist_with_their_permissions(db):
    assert set(Group.objects.get(name="operator").permissions.values_list("codename", flat=True)) >= {
        "forward_application", "view_application"}
    assert "review_application" in Group.objects.get(name="prefecture reviewer").permissions.values_list(
        "codename", flat=True)


def test_the_review_needs_a_login_and_the_prefecture_role(client, applied):
    response = client.get("/apply/review/")
    assert response.status_code == 302 and response.url.startswith("/apply/review/login/?next=")
    User.objects.create_user("someone", password="x")
    client.force_login(User.objects.get(username="someone"))
    assert client.get("/apply/review/").status_code == 403
    operator = User.objects.create_user("op-1", password="x")
    operator.groups.add(Group.objects.get(name="operator"))
    client.force_login(User.objects.get(username="op-1"))
    page = client.get(f"/apply/review/{applied.receipt_number}/").content.decode()
    assert "LEARNER 1" in page and "承認 Approve" not in page  # operators see, only the prefecture decides
    applicant = applied.applicants.first()
    assert client.post(f"/apply/review/{applied.receipt_number}/{applicant.pk}/",
                       {"outcome": "approve", "reason": "x"}).status_code == 403
    assert Learner.objects.count() == 0


def test_the_login_page_takes_the_reviewer_to_the_list(client, reviewer, applied):
    response = client.post("/apply/review/login/", {"username": "pref-reviewer-1", "password": "x",
                                                    "next": "/apply/review/"})
    assert response.status_code == 302 and response.url == "/apply/review/"
    assert applied.receipt_number in client.get("/apply/review/").content.decode()
    response = client.post("/apply/review/logout/")
    assert response.status_code == 302 and client.get("/apply/review/").status_code == 302


def test_a_reviewer_approves_and_rejects_with_reasons(client, reviewer, applied):
    client.force_login(reviewer)
    first, second, third = applied.applicants.order_by("id")
    url = f"/apply/review/{applied.receipt_number}"
    assert client.post(f"{url}/{first.pk}/", {"outcome": "approve", "reason": "県第123号"}).status_code == 302
    response = client.post(f"{url}/{second.pk}/", {"outcome": "reject", "reason": "  "})
    assert response.status_code == 400 and "give the reason" in response.content.decode()
    response = client.post(f"{url}/{second.pk}/", {"outcome": "reject", "reason": "在留期限切れ"})
    assert response.status_code == 302
    decisions = list(ApplicationDecision.objects.values_list("applicant__login_id", "outcome", "decided_by",
                                                             "via", "reason"))
    assert decisions == [(first.login_id, "approved", "pref-reviewer-1", "web", "県第123号"),
                         (second.login_id, "rejected", "pref-reviewer-1", "web", "在留期限切れ")]
    assert Learner.objects.get().login_id == first.login_id
    second.refresh_from_db()
    assert (second.status, second.reviewer, second.learner) == ("rejected", "pref-reviewer-1", None)
    page = client.get(f"{url}/").content.decode()
    assert "在留期限切れ" in page and "県第123号" in page
    response = client.post(f"{url}/{first.pk}/", {"outcome": "reject", "reason": "again"})
    assert response.status_code == 400 and "already approved" in response.content.decode()
    assert client.post(f"{url}/{third.pk}/", {"outcome": "approve", "reason": "ok"}).status_code == 302
    applied.refresh_from_db()
    assert applied.status == "decided"


# Forwarding and importing the sheet ------------------------------------------------------------------

def _open(zip_bytes: bytes, password: str) -> bytes:
    return flows.read_forwarded(zip_bytes, password)


def test_forwarding_writes_an_aes_zip_that_only_the_password_opens(applied):
    forwarded = flows.forward(jst(2026, 6, 2), "op-1", "correct-horse-battery")
    assert (forwarded.applications, forwarded.applicants) == ([applied.receipt_number], 3)
    with pytest.raises(ValueError, match="password is wrong"):
        _open(forwarded.zip_bytes, "wrong-password-123")
    book = load_workbook(io.BytesIO(_open(forwarded.zip_bytes, "correct-horse-battery")))
    rows = list(book[sheet.SHEET].iter_rows(values_only=True))
    assert rows[0] == tuple(header for _, header in sheet.COLUMNS)
    assert [r[7] for r in rows[1:]] == ["LEARNER 0", "LEARNER 1", "LEARNER 2"]
    assert rows[1][5:7] == (10, 3) and rows[1][9] == "特定技能1号"
    applied.refresh_from_db()
    assert (applied.status, applied.forwarded_by) == ("forwarded", "op-1")
    with pytest.raises(ValueError, match="nothing to forward"):
        flows.forward(jst(2026, 6, 3), "op-1", "correct-horse-battery")


def _returned(decisions: dict[int, tuple[str, str]], drop=None) -> bytes:
    """The forwarded sheet as the prefecture sends it back: decision and reason per row number."""
    forwarded = flows.forward(jst(2026, 6, 2), "op-1", "correct-horse-battery", again=True)
    book = load_workbook(io.BytesIO(_open(forwarded.zip_bytes, "correct-horse-battery")))
    ws = book[sheet.SHEET]
    columns = [key for key, _ in sheet.COLUMNS]
    for number, (decision, reason) in decisions.items():
        ws.cell(number, columns.index("decision") + 1, decision)
        ws.cell(number, columns.index("reason") + 1, reason)
    if drop:
        ws.delete_cols(columns.index(drop) + 1)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_an_imported_sheet_applies_every_decision(applied):
    data = _returned({2: ("承認", "県第5号"), 3: ("不承認", "対象外"), 4: ("", "")})
    result = flows.import_decisions(data, "pref-reviewer-2", "op-1", jst(2026, 6, 10))
    assert (result.approved, result.rejected, result.undecided) == (1, 1, 1)
    assert list(ApplicationDecision.objects.values_list("outcome", "decided_by", "recorded_by", "via")) == [
        ("approved", "pref-reviewer-2", "op-1", "sheet"), ("rejected", "pref-reviewer-2", "op-1", "sheet")]
    again = flows.import_decisions(data, "pref-reviewer-2", "op-1", jst(2026, 6, 11))
    assert (again.approved, again.already) == (0, 2) and ApplicationDecision.objects.count() == 2


def test_a_sheet_with_any_problem_changes_nothing_and_lists_every_row(applied):
    data = _returned({2: ("approve", ""), 3: ("maybe", ""), 4: ("reject", "")})
    with pytest.raises(flows.ImportRefused) as refused:
        flows.import_decisions(data, "pref-reviewer-2", "op-1", jst(2026, 6, 10))
    assert refused.value.errors == [
        "row 3: decision 'maybe': write 承認 or 不承認 (approve or reject)",
        "row 4: a rejection needs its reason in the Reason column"]
    assert Learner.objects.count() == 0 and ApplicationDecision.objects.count() == 0


def test_a_sheet_cannot_approve_beyond_the_company_quota(applied, learner_factory):
    learner_factory(company=applied.company)  # one place of three already taken
    data = _returned({2: ("承認", "a"), 3: ("承認", "b"), 4: ("承認", "c")})
    with pytest.raises(flows.ImportRefused) as refused:
        flows.import_decisions(data, "pref-reviewer-2", "op-1", jst(2026, 6, 10))
    assert refused.value.errors == [
        f"row 4: company #{applied.company_id} would have more than its 3 places; "
        "reject this learner or another one of the company"]
    assert Learner.objects.count() == 1


def test_an_edited_id_or_a_missing_column_is_refused(applied):
    data = _returned({2: ("承認", "a")}, drop="reason")
    with pytest.raises(flows.ImportRefused, match="no column") as refused:
        flows.import_decisions(data, "pref-reviewer-2", "op-1", jst(2026, 6, 10))
    assert "no column 理由 Reason" in refused.value.errors[0]
    with pytest.raises(flows.ImportRefused):
        flows.import_decisions(b"not a workbook", "pref-reviewer-2", "op-1", jst(2026, 6, 10))


# The command line ----------------------------------------------------------------------------------------

def test_the_cli_forwards_lists_and_imports(applied, tmp_path, capsys, monkeypatch):
    out = tmp_path / "to-prefecture.zip"
    assert main(["applications", "forward", "--out", str(out), "--by", "op-1"]) == 0
    printed = capsys.readouterr().out
    password = printed.rsplit(": ", 1)[1].strip()
    assert f"wrote {out}: 3 learners from 1 applications ({applied.receipt_number})" in printed
    assert password and password not in str(list(Application.objects.values()))
    book = load_workbook(io.BytesIO(_open(out.read_bytes(), password)))
    ws = book[sheet.SHEET]
    ws["L2"], ws["M2"] = "承認", "県第7号"
    returned = tmp_path / "back.xlsx"
    book.save(returned)

    assert main(["applications", "list"]) == 0
    listing = capsys.readouterr().out
    assert applied.receipt_number in listing and "LEARNER" not in listing and "forwarded" in listing

    command = ["applications", "import-decisions", str(returned), "--reviewer", "pref-2"]
    assert main([*command, "--by", "op-1"]) == 0
    assert "imported: 1 approved, 0 rejected, 2 left undecided" in capsys.readouterr().out

    ws["L3"] = "yes"
    book.save(returned)
    assert main(["applications", "import-decisions", str(returned), "--reviewer", "pref-2"]) == 2
    err = capsys.readouterr().err
    assert "error: row 3: decision 'yes'" in err and "nothing imported" in err

    assert main(["applications", "import-decisions", str(tmp_path / "none.xlsx"), "--reviewer", "p"]) == 2
    assert "error: no file" in capsys.readouterr().err
    assert main(["applications", "forward", "--out", str(out)]) == 2
    assert "exists" in capsys.readouterr().err

    monkeypatch.setattr("sys.stdin", io.StringIO(password + "\n"))
    assert main(["applications", "import-decisions", str(out), "--reviewer", "pref-2"]) == 0  # the zip itself
    monkeypatch.setattr("sys.stdin", io.StringIO("wrong\n"))
    assert main(["applications", "import-decisions", str(out), "--reviewer", "pref-2"]) == 2
    assert "password is wrong" in capsys.readouterr().err


def test_cli_help_and_usage_errors(capsys):
    with pytest.raises(SystemExit) as exited:
        main(["applications", "--help"])
    assert exited.value.code == 0 and "import-decisions" in capsys.readouterr().out
    with pytest.raises(SystemExit) as exited:
        main(["applications", "import-decisions", "x.xlsx"])
    assert exited.value.code == 2 and "--reviewer" in capsys.readouterr().err


def test_the_database_refuses_a_decision_without_who_or_why(applied):
    from django.db import IntegrityError, transaction

    applicant = applied.applicants.first()
    with pytest.raises(IntegrityError), transaction.atomic():
        ApplicationLearner.objects.filter(pk=applicant.pk).update(status="rejected", reason="")
    with pytest.raises(IntegrityError), transaction.atomic():
        ApplicationLearner.objects.filter(pk=applicant.pk).update(status="approved")  # no learner
    with pytest.raises(IntegrityError), transaction.atomic():
        ApplicationDecision.objects.create(applicant=applicant, outcome="rejected", decided_by="pref-1",
                                           recorded_by="pref-1", via="web", reason="",
                                           decided_at=timezone.now())


def test_forward_can_queue_the_zip_in_the_outbox_for_a_second_operator(applied, tmp_path, capsys):
    from programme.outbox.models import OutgoingMail

    assert main(["applications", "forward", "--out", str(tmp_path), "--by", "op-1",
                 "--mail", "not-an-address"]) == 2
    assert "is not an e-mail address" in capsys.readouterr().err
    applied.refresh_from_db()
    assert applied.status == "received" and OutgoingMail.objects.count() == 0  # nothing marked or queued

    assert main(["applications", "forward", "--out", str(tmp_path), "--by", "op-1",
                 "--mail", "gaikokujin@pref.kagoshima.example"]) == 0
    printed = capsys.readouterr().out
    mail = OutgoingMail.objects.get()
    assert (mail.recipients, mail.personal_data, mail.status) == (["gaikokujin@pref.kagoshima.example"], True,
                                                                  "queued")
    attachment = mail.attachments.get()
    assert attachment.encrypted and f"queued as mail {mail.pk}" in printed
    password = printed.rsplit(": ", 1)[1].strip()
    assert password not in mail.body and b"LEARNER" not in bytes(attachment.content)
    book = load_workbook(io.BytesIO(_open(bytes(attachment.content), password)))
    assert book[sheet.SHEET]["H2"].value == "LEARNER 0"
