"""The public entry form (/apply/) against hostile visitors: it cannot change what exists, junk cannot
take places, it throttles, a double submit is one application, and nothing invalid is stored."""

import itertools
import random
import threading
from datetime import timedelta

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.utils import timezone

from curriculum.japan_time import japan_date
from portal.cli import main
from programme.approvals import programme_counter
from programme.contacts import support_email
from programme.front_office import flows, throttle, validation
from programme.models import Application, ApplicationLearner, Company, WaitingListEntry
from programme.outbox.models import OutgoingMail
from tests.programme.test_front_office import NTA, TOYOTA, valid_number
from tests.programme.test_front_office import post_data as base_post


def post_data(learners: int = 2, **changes) -> dict:
    """The form's valid post with ``changes`` on top (learner fields included)."""
    return {**base_post(learners), **changes}


@pytest.fixture
def window(db):
    cache.clear()  # the limits count in the cache (the database's, rolled back after each test)
    counter = programme_counter()
    today = japan_date(timezone.now())
    counter.recruitment_opens_on = today - timedelta(days=30)
    counter.recruitment_closes_on = today + timedelta(days=30)
    counter.save()
    return counter


_addresses = (f"2001:db8::{n:x}" for n in itertools.count(1))  # documentation addresses


def visitor() -> Client:
    """A visitor from an address of its own (so the per-address limit does not hide other checks)."""
    return Client(REMOTE_ADDR=next(_addresses))


def stored() -> tuple[int, int, int, int]:
    return (Company.objects.count(), Application.objects.count(), ApplicationLearner.objects.count(),
            WaitingListEntry.objects.count())


def approve_all(now=None):
    for applicant in ApplicationLearner.objects.filter(status="pending"):
        flows.decide(applicant.pk, "approved", "pref-1", "県承認", now or timezone.now())


# An existing company cannot be changed from outside ------------------------------------------------------

def test_an_application_with_a_known_corporate_number_changes_nothing_until_an_operator_confirms(
        window, tmp_path, capsys):
    assert visitor().post("/apply/", post_data(1)).status_code == 302
    approve_all()  # the prefecture approves the real company's first application: its contact stands
    company = Company.objects.get()
    before = (company.name, company.employees, company.address, company.industry)
    hostile = post_data(1, company_name="乗っ取り株式会社", employees="10", address="どこか",
                        support_name="Attacker", support_email="attacker@evil-mail.jp",
                        support_phone="090-0000-0000", **{"l1-name": "SOMEONE ELSE"})
    assert visitor().post("/apply/", hostile).status_code == 302
    company.refresh_from_db()
    assert (company.name, company.employees, company.address, company.industry) == before
    assert support_email(company) == "yamada@sakurajima.example.jp"
    approve_all()  # approving the hostile application's learner does not confirm its contact either
    assert support_email(company) == "yamada@sakurajima.example.jp"

    assert main(["accounts", "issue", "--company", str(company.pk), "--by", "op", "--out", str(tmp_path),
                 "--mail"]) == 0
    printed = capsys.readouterr().out
    mail = OutgoingMail.objects.get()
    assert list(mail.recipients) == ["yamada@sakurajima.example.jp"]
    # the zip password goes to the confirmed phone, never the attacker's (a bare "090" could be the packet's
    # time of day in its file name: a flake between 09:00 and 09:09)
    assert "0992860000" in printed and "090-0000-0000" not in printed and "0900000000" not in printed

    receipt = Application.objects.order_by("-id").first().receipt_number
    assert main(["applications", "confirm", receipt, "--by", "operator-2"]) == 0  # checked by phone
    company.refresh_from_db()
    assert company.name == "乗っ取り株式会社" and support_email(company) == "attacker@evil-mail.jp"


# Junk cannot take places ---------------------------------------------------------------------------------

def test_junk_applications_hold_no_places_and_a_real_company_still_gets_its_own(window):
    window.places = 10
    window.save()
    for n in range(12):  # 12 junk applications of 3 learners each, from as many addresses
        junk = post_data(3, corporate_number=valid_number(f"90000000{n:04d}"), employees="10",
                         support_email=f"junk{n}@spam-mail.jp")
        for k in range(1, 4):
            junk[f"l{k}-name"] = f"JUNK {n} {k}"
        assert visitor().post("/apply/", junk).status_code == 302
    real = visitor().post("/apply/", post_data(3, corporate_number=TOYOTA))
    assert real.status_code == 302
    application = Application.objects.get(corporate_number=TOYOTA)
    assert (application.applicants.count(), application.waiting.count()) == (3, 0)
    assert flows.window_state(timezone.now()).value == "open"


# Rate limits ---------------------------------------------------------------------------------------------

def test_one_address_is_throttled_with_a_plain_message(window):
    client = Client(REMOTE_ADDR="192.0.2.7")
    for _ in range(throttle.POSTS_PER_ADDRESS_PER_HOUR):
        client.post("/apply/", {"company_name": "x"})
    refused = client.post("/apply/", post_data(1))
    assert refused.status_code == 429 and refused["Retry-After"]
    assert "Too many submissions" in refused.content.decode()
    assert stored() == (0, 0, 0, 0)
    assert Client(REMOTE_ADDR="192.0.2.8").post("/apply/", post_data(1)).status_code == 302  # others may


def test_one_company_is_throttled_whatever_the_address(window):
    for n in range(throttle.APPLICATIONS_PER_COMPANY_PER_DAY):
        assert visitor().post("/apply/", post_data(1, **{"l1-name": f"LEARNER {n}"})).status_code == 302
    refused = visitor().post("/apply/", post_data(1, **{"l1-name": "ONE MORE"}))
    assert refused.status_code == 429
    assert Application.objects.count() == throttle.APPLICATIONS_PER_COMPANY_PER_DAY


def test_behind_the_proxy_the_address_is_the_one_the_proxy_saw(rf, settings):
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    request = rf.post("/apply/", REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="6.6.6.6, 203.0.113.9")
    assert throttle.client_address(request) == "203.0.113.9"  # the visitor cannot choose it


# Idempotent submission -------------------------------------------------------------------------------------

def test_a_double_submit_is_one_application_with_one_receipt(window):
    client = visitor()
    first = client.post("/apply/", post_data(2))
    receipt = client.get(first["Location"]).content.decode()
    second = client.post("/apply/", post_data(2))
    assert second.status_code == 302
    again = client.get(second["Location"]).content.decode()
    number = Application.objects.get().receipt_number
    assert number in receipt and number in again
    assert stored() == (1, 1, 2, 0)


@pytest.mark.django_db(transaction=True)
def test_concurrent_submits_of_one_application_store_it_once():
    if connection.vendor == "sqlite":
        pytest.skip("SQLite's in-memory test database is one connection; CI runs this on PostgreSQL")
    counter = programme_counter()
    counter.recruitment_opens_on = japan_date(timezone.now()) - timedelta(days=1)
    counter.recruitment_closes_on = japan_date(timezone.now()) + timedelta(days=1)
    counter.save()
    people = (flows.LearnerEntry("DEWI LESTARI", "Indonesia", "育成就労", "", "id"),)
    sent = flows.Submission("指宿水産", "鹿児島県指宿市", NTA, 12, "漁業", "林 美香",
                            "hayashi@ibusuki-suisan.jp", "0993000000", people)
    receipts, errors = [], []
    start = threading.Barrier(4)

    def submit(n):
        try:
            start.wait()
            receipts.append(flows.submit_application(sent, timezone.now(), random.Random(n)).number)
        except Exception as exc:  # noqa: BLE001 - reported below
            errors.append(repr(exc))
        finally:
            connection.close()

    threads = [threading.Thread(target=submit, args=(n,)) for n in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert len(set(receipts)) == 1 and Application.objects.count() == 1
    assert ApplicationLearner.objects.count() == 1


# Names, learners and e-mail addresses ----------------------------------------------------------------------

HOSTILE_NAMES = [
    "NGUYEN\x00VAN A", "NGUYEN\x07 VAN", "\u202eNAV NEYUGN", "NGUYEN\u2066VAN\u2069", "\u200b",
    "\u200b\u200c\u200d",
    "\ufeff", "\u3164", "\u2800\u2800", "\u115f", "NGUYEN\u2028VAN", "\ue000PRIVATE", "\u00ad", "\u180e",
    "\u034f", "   \u200b  ", "\u0301\u0301",
]
BAD_EMAILS = [
    "a@b", "a@localhost", "root@[127.0.0.1]", '"a b"@example.jp', "a@example.invalid", "a@mail.test",
    "a@x.example", "a@host.local", "a@-bad-.jp", "a..b@example.jp", ".a@example.jp", "a@example.jp.",
    "a@@example.jp", "a b@example.jp", "ñ@example.jp", "a@123.45", "a@example.j", "x" * 65 + "@example.jp",
    "a@" + "b" * 64 + ".jp", "a@example.jp\nBcc: victim@example.jp",
]


@pytest.mark.parametrize("name", HOSTILE_NAMES)
def test_names_with_control_bidi_or_invisible_characters_are_refused(window, name):
    response = visitor().post("/apply/", post_data(1, **{"l1-name": name}))
    assert response.status_code == 400
    page = response.content.decode()
    assert any(text in page for text in ("Remove invisible, control or text-direction characters",
                                         "Type the name in letters", "Null characters are not allowed"))
    assert stored() == (0, 0, 0, 0)


@pytest.mark.parametrize("field", ["company_name", "support_name", "address"])
def test_company_texts_are_checked_like_names(window, field):
    assert visitor().post("/apply/", post_data(1, **{field: "株式会社\u202e偽"})).status_code == 400
    assert stored() == (0, 0, 0, 0)


@pytest.mark.parametrize("second", ["NGUYEN VAN A", "nguyen  van a", "ＮＧＵＹＥＮ ＶＡＮ Ａ"])
def test_one_learner_once_per_application(window, second):
    response = visitor().post("/apply/", post_data(2, **{"l2-name": second}))
    assert response.status_code == 400
    assert "name each learner once" in response.content.decode()
    assert stored() == (0, 0, 0, 0)


@pytest.mark.parametrize("email", BAD_EMAILS)
def test_addresses_no_mail_reaches_are_refused(window, email):
    for field in ({"support_email": email}, {"l1-email": email}):
        response = visitor().post("/apply/", post_data(1, **field))
        assert response.status_code == 400, (field, response.status_code)
        page = response.content.decode()
        assert "can receive mail" in page or "Check the e-mail" in page
    assert stored() == (0, 0, 0, 0)


@pytest.mark.parametrize("email, kept", [
    ("Tanaka.Taro+nihongo@Example.CO.JP", "Tanaka.Taro+nihongo@example.co.jp"),
    ("hr@鹿児島.jp", "hr@xn--d5qv7z876c.jp")])
def test_real_addresses_are_kept_in_their_deliverable_form(email, kept):
    assert validation.clean_email(email) == kept


def test_the_use_case_refuses_what_the_form_refuses(window):
    bad = flows.Submission("株式会社\u202e", "鹿児島市", NTA, 10, "介護", "山田", "yamada@example.co.jp",
                           "0990000000", (flows.LearnerEntry("A", "Viet Nam", "育成就労", "", "vi"),))
    with pytest.raises(ValueError, match="text-direction"):
        flows.submit_application(bad, timezone.now(), random.Random(1))
    twice = flows.Submission("霧島ケア", "鹿児島市", NTA, 10, "介護", "山田", "yamada@example.co.jp",
                             "0990000000", (flows.LearnerEntry("A B", "Viet Nam", "育成就労", "", "vi"),
                              flows.LearnerEntry("a  b", "Viet Nam", "育成就労", "", "vi")))
    with pytest.raises(ValueError, match="named twice"):
        flows.submit_application(twice, timezone.now(), random.Random(1))
    assert stored() == (0, 0, 0, 0)


# 300+ hostile posts ---------------------------------------------------------------------------------------

FORMULAS = ["=HYPERLINK(\"http://evil.example/\",\"x\")", "+81 CALL", "-2+3 NAME", "@SUM(A1) NAME",
            "=cmd|' /C calc'!A0", "\t=1+1 NAME"]
MARKUP = ["<script>alert(1)</script>", "\"><img src=x onerror=alert(1)>",
          "'; DROP TABLE programme_company;--", "{{ settings.SECRET_KEY }}", "{% debug %}", "${7*7}",
          "../../etc/passwd", "A&amp;B", "%00NAME", "javascript:alert(1)"]
ODD_CHARSETS = ["utf-16", "x-unknown", "utf-7", "idna", "cp932", "latin-1", "rot13", "utf-32-be"]


def hostile_posts():
    """(description, how to send) for every class of hostile input, each several times."""
    posts = []
    for name in HOSTILE_NAMES:
        for field in ("company_name", "support_name", "address", "l1-name", "l2-name", "l3-name", "l4-name"):
            posts.append((f"hidden characters in {field}", post_data(4, **{field: name})))
    for email in BAD_EMAILS:
        for field in ("support_email", "l1-email", "l2-email"):
            posts.append((f"bad e-mail in {field}", post_data(2, **{field: email})))
    for n, formula in enumerate(FORMULAS):  # legal names, escaped when exported
        posts.append(("formula-looking name", post_data(1, corporate_number=valid_number(f"80000000{n:04d}"),
                                                         **{"l1-name": formula})))
    for n, markup in enumerate(MARKUP):  # stored as text, shown escaped
        for field in ("company_name", "l1-name"):
            number = valid_number(f"60000000{n:02d}{len(field):02d}")
            posts.append(("markup", post_data(1, corporate_number=number, **{field: markup})))
    for second in ("NGUYEN VAN A", "nguyen van a", " NGUYEN   VAN A ", "ＮＧＵＹＥＮ ＶＡＮ Ａ"):
        posts.append(("one learner twice", post_data(2, **{"l2-name": second})))
    for value in ("abc", "-5", "1e309", "0", "99999999999999999999999", "", "4.5", "٣٠"):
        posts.append(("odd employees", post_data(1, employees=value)))
    for value in ("1234567890123", "70000120500020", "７０００ＡＢＣ", "", "0" * 13, "'; DROP TABLE x;--"):
        posts.append(("bad corporate number", post_data(1, corporate_number=value)))
    for size in (201, 301, 5000, 100_000):
        posts.append(("over-long text", post_data(1, company_name="株" * size, **{"l1-name": "A" * size})))
    too_many = post_data(5, employees="10")
    posts.append(("more learners than the company may have", too_many))
    posts.append(("a sixth learner block",
                  {**post_data(5), "l6-name": "EXTRA", "l6-nationality": "Viet Nam"}))
    posts.append(("no consent", post_data(1, consent="")))
    posts.append(("nothing", {}))
    posts.append(("learner without a company",
                  {k: v for k, v in post_data(1).items() if k.startswith("l1")}))
    posts.append(("choices not on the list",
                  post_data(1, industry="<script>", **{"l1-nationality": "Atlantis"})))
    posts.append(("takeover of a known company", post_data(
        1, company_name="乗っ取り", support_email="x@evil-mail.jp", **{"l1-name": "TAKEOVER"})))
    for _ in range(10):
        posts.append(("double submit", post_data(2, corporate_number=TOYOTA)))
    for n in range(20):  # junk that is valid: it may be stored, and it holds no place
        posts.append(("valid junk", post_data(1, corporate_number=valid_number(f"70000000{n:04d}"),
                                              employees="10", **{"l1-name": f"JUNK {n}"})))
    return posts


def raw_posts():
    """Bodies in charsets and types a browser would not send."""
    body = "&".join(f"{k}={v}" for k, v in post_data(1).items())
    sent = []
    for charset in ODD_CHARSETS:
        try:
            data = body.encode(charset if charset not in ("x-unknown", "rot13") else "utf-8")
        except (LookupError, UnicodeError):
            data = body.encode("utf-8")
        sent.append((f"charset={charset}", data, f"application/x-www-form-urlencoded; charset={charset}"))
    sent.append(("bad multipart", b"--x\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n1",
                 "multipart/form-data; boundary=x"))
    sent.append(("no boundary", b"a=1", "multipart/form-data"))
    sent.append(("json", b'{"company_name": "x"}', "application/json"))
    sent.append(("invalid utf-8", b"company_name=%FF%FE&l1-name=\xff\xfe",
                 "application/x-www-form-urlencoded"))
    return sent


def row_problems() -> list[str]:
    """Every stored row the form's rules would refuse."""
    problems = []
    for application in Application.objects.all():
        for text, limit in ((application.company_name, 200), (application.address, 300),
                            (application.support_name, 200)):
            try:
                assert validation.clean_text(text, limit) == text
            except (ValueError, AssertionError):
                problems.append(f"{application.receipt_number}: text {text!r}")
        try:
            assert validation.clean_email(application.support_email) == application.support_email
        except (ValueError, AssertionError):
            problems.append(f"{application.receipt_number}: e-mail {application.support_email!r}")
        people = [*application.applicants.all(), *application.waiting.all()]
        keys = [validation.same_person(p.display_name) for p in people]
        if len(set(keys)) != len(keys) or not 1 <= len(people) <= 5:
            problems.append(f"{application.receipt_number}: learners {keys}")
        for person in people:
            try:
                assert validation.clean_text(person.display_name) == person.display_name
                assert not person.email or validation.clean_email(person.email) == person.email
            except (ValueError, AssertionError):
                problems.append(f"{application.receipt_number}: learner {person.display_name!r}")
    return problems


def test_300_hostile_posts_give_no_server_error_and_store_no_invalid_row(window, capsys):
    assert visitor().post("/apply/", post_data(1, **{"l1-name": "REAL LEARNER"})).status_code == 302
    approve_all()
    real = Company.objects.get()
    real_before = (real.name, real.employees, real.address, support_email(real))
    statuses = []
    for _what, data in hostile_posts():
        statuses.append(visitor().post("/apply/", data).status_code)
    for _what, body, content_type in raw_posts():
        statuses.append(visitor().generic("POST", "/apply/", body, content_type=content_type).status_code)
    client = Client(REMOTE_ADDR="2001:db8:ffff::1")  # and one address that keeps trying
    for n in range(40):
        statuses.append(client.post("/apply/", post_data(1, **{"l1-name": f"FLOOD {n}"})).status_code)

    errors = sum(1 for s in statuses if s >= 500)
    invalid = row_problems()
    real.refresh_from_db()
    counts = {s: statuses.count(s) for s in sorted(set(statuses))}
    with capsys.disabled():
        print(f"\nhostile posts: {len(statuses)} sent, by status {counts}; server errors {errors}; "
              f"invalid rows {len(invalid)}; applications stored {Application.objects.count()}")
    assert len(statuses) >= 300
    assert errors == 0
    assert invalid == []
    assert (real.name, real.employees, real.address, support_email(real)) == real_before
    assert Application.objects.filter(corporate_number=TOYOTA).count() == 1  # ten submits, one application
    assert 429 in counts  # the flood was throttled
    forwarded = flows.forward(timezone.now(), "op", "correct horse battery")  # nothing crashes the sheet
    assert forwarded.applicants >= 1
