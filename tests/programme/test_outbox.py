"""The outbox (O10): BCC for groups, approval after a double check, encrypted attachments, a hold."""

from datetime import datetime, timedelta, timezone

import pytest
from django.contrib.auth.models import User
from django.test import Client

from portal.cli import main
from programme.outbox import flows
from programme.outbox.encryption import encrypted_zip, is_encrypted_zip, read_encrypted_zip
from programme.outbox.models import MailEvent, OutgoingMail

NOW = datetime(2026, 10, 1, 1, 0, tzinfo=timezone.utc)
LATER = NOW + timedelta(minutes=11)
PASSWORD = "Kq7wP2mZx9Rt4Lbn"


def queue(recipients=("hr@sakura.example",), personal=False, attachments=(), **kwargs):
    return flows.queue(subject="Weekly study", body="Hello", recipients=list(recipients), purpose="notice",
                       personal_data=personal, created_by="tanaka", now=NOW, attachments=attachments,
                       hold=timedelta(minutes=10), **kwargs)


def packet() -> flows.File:
    content = encrypted_zip({"ids.csv": b"login,password\nk26-0001,x\n"}, PASSWORD)
    return flows.File("credentials.zip", content)


@pytest.mark.django_db
def test_group_mail_goes_in_bcc_never_to_or_cc(mailoutbox, settings):
    settings.DEFAULT_FROM_EMAIL = "nihongo@pref.example"
    queue(["a@x.example", "b@y.example", "c@z.example"])
    assert flows.send_due(LATER) == (1, 0)
    [sent] = mailoutbox
    assert sent.to == ["nihongo@pref.example"] and sent.cc == []
    assert sent.bcc == ["a@x.example", "b@y.example", "c@z.example"]
    assert "a@x.example" not in sent.message().as_string()  # BCC is not in the headers a recipient sees


@pytest.mark.django_db
def test_one_recipient_is_to(mailoutbox):
    queue(["hr@sakura.example"])
    flows.send_due(LATER)
    assert mailoutbox[0].to == ["hr@sakura.example"] and mailoutbox[0].bcc == []


@pytest.mark.django_db
def test_nothing_leaves_during_the_hold_and_a_cancelled_mail_never_does(mailoutbox):
    mail = queue()
    assert flows.send_due(NOW + timedelta(minutes=9)) == (0, 0)
    flows.cancel(mail.pk, by="tanaka", now=NOW + timedelta(minutes=9))
    assert flows.send_due(LATER) == (0, 0) and mailoutbox == []
    assert list(MailEvent.objects.values_list("action", flat=True)) == ["queued", "cancelled"]


@pytest.mark.django_db
def test_personal_data_waits_for_an_approval_after_the_double_check(mailoutbox):
    mail = queue(["a@x.example", "b@y.example"], personal=True, attachments=(packet(),))
    assert flows.send_due(LATER) == (0, 0)
    check = flows.double_check(mail.pk)
    assert check.to == [] and check.bcc == ["a@x.example", "b@y.example"]
    [(name, size, encrypted)] = check.attachments
    assert (name, encrypted) == ("credentials.zip", True) and size > 0
    with pytest.raises(flows.OutboxRefused, match="has 2 recipient"):
        flows.approve(mail.pk, by="suzuki", now=NOW, confirmed_recipients=3)
    with pytest.raises(flows.OutboxRefused, match="cannot approve their own"):
        flows.approve(mail.pk, by="tanaka", now=NOW, confirmed_recipients=2)
    assert OutgoingMail.objects.get().status == "queued"
    flows.approve(mail.pk, by="suzuki", now=NOW, confirmed_recipients=2)
    assert flows.send_due(LATER) == (1, 0)
    attachment = mailoutbox[0].attachments[0]
    assert attachment[0] == "credentials.zip"
    assert read_encrypted_zip(attachment[1], PASSWORD) == {"ids.csv": b"login,password\nk26-0001,x\n"}
    assert list(MailEvent.objects.values_list("action", "by")) == [
        ("queued", "tanaka"), ("approved", "suzuki"), ("sent", "outbox")]


@pytest.mark.django_db
@pytest.mark.parametrize("recipients, attachments, message", [
    (["not-an-address"], (), "is not an e-mail address"),
    ([], (), "at least one recipient"),
    (["a@x.example"], (flows.File("ids.csv", b"login,password\n", "text/csv"),), "unencrypted"),
    (["a@x.example"], (flows.File("plain.zip", encrypted_zip({"a": b"1"}, PASSWORD)[:10]),), "unencrypted"),
])
def test_bad_mail_is_refused_and_nothing_is_stored(recipients, attachments, message):
    with pytest.raises(flows.OutboxRefused, match=message):
        queue(recipients, personal=True, attachments=attachments)
    assert OutgoingMail.objects.count() == 0 and MailEvent.objects.count() == 0


@pytest.mark.django_db
def test_a_failed_send_is_recorded_and_retried(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", 9, 2  # nothing listens
    queue()
    assert flows.send_due(LATER) == (0, 1)
    mail = OutgoingMail.objects.get()
    assert mail.status == "failed" and mail.attempts == 1 and mail.error
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert flows.send_due(LATER) == (1, 0)
    assert list(MailEvent.objects.values_list("action", flat=True)) == ["queued", "failed", "sent"]


def test_the_zip_is_aes_encrypted_and_needs_its_password():
    data = encrypted_zip({"ids.csv": b"secret"}, PASSWORD)
    assert is_encrypted_zip(data) and b"secret" not in data
    with pytest.raises(RuntimeError):
        read_encrypted_zip(data, "wrong-password-123")
    with pytest.raises(ValueError, match="12 characters"):
        encrypted_zip({"a": b"1"}, "short")


@pytest.mark.django_db
def test_cli_lists_checks_approves_and_sends(capsys, mailoutbox):
    mail = queue(["a@x.example", "b@y.example"], personal=True, attachments=(packet(),))
    OutgoingMail.objects.filter(pk=mail.pk).update(hold_until=NOW)
    assert main(["outbox", "list"]) == 0
    assert "APPROVE" in capsys.readouterr().out
    assert main(["outbox", "show", str(mail.pk)]) == 0
    shown = capsys.readouterr().out
    assert "BCC: a@x.example, b@y.example" in shown and "credentials.zip" in shown and "encrypted" in shown
    assert main(["outbox", "approve", str(mail.pk), "--by", "suzuki", "--recipients", "1"]) == 2
    assert "has 2 recipient(s), not 1" in capsys.readouterr().err
    assert main(["outbox", "approve", str(mail.pk), "--by", "suzuki", "--recipients", "2"]) == 0
    assert main(["outbox", "send"]) == 0
    assert "1 sent, 0 failed" in capsys.readouterr().out and len(mailoutbox) == 1
    assert main(["outbox", "show", "999"]) == 2


@pytest.mark.django_db
def test_the_screen_is_for_operators_and_approves_after_the_check(mailoutbox):
    mail = queue(["a@x.example", "b@y.example"], personal=True, attachments=(packet(),))
    url = f"/operator/outbox/{mail.pk}/"
    assert Client().get(url).status_code == 302  # to the login page
    operator = User.objects.create_user("suzuki", is_staff=True)
    client = Client()
    client.force_login(operator)
    page = client.get(url).content.decode()
    assert "a@x.example" in page and "(BCC)" in page and "credentials.zip" in page
    wrong = client.post(url, {"recipients": "3", "checked": "on"})
    assert "has 2 recipient(s), not 3" in wrong.content.decode()
    assert client.post(url, {"recipients": "2", "checked": "on"}).status_code == 302
    assert OutgoingMail.objects.get().approved_by == "suzuki"
    listing = client.get("/operator/outbox/").content.decode()
    assert "No mail is waiting for approval." in listing


@pytest.mark.django_db
def test_status_shows_mail_waiting_and_flags_mail_that_does_not_leave():
    from sync_service.status import status

    queue(["a@x.example"], personal=True)
    stuck = queue(["b@y.example"])
    found = status(NOW)
    assert "outbox: 1 waiting for approval, 0 failed, 0 letter(s) to print" in found.lines
    assert found.problems == ["no sync has run yet: run `nihongo sync`"]
    later = status(NOW + timedelta(hours=2))
    assert any("due for over an hour" in p for p in later.problems)
    OutgoingMail.objects.filter(pk=stuck.pk).update(status="failed", attempts=flows.MAX_ATTEMPTS)
    assert any("failed 5 times" in p for p in status(NOW).problems)


@pytest.mark.django_db
def test_notices_go_to_the_learner_or_the_support_person_and_wait_for_approval(capsys):
    from datetime import date

    from programme.models import Application, ApplicationLearner, Company, Learner, Notice, RuleDecision

    def company(name, with_application):
        c = Company.objects.create(name=name, employees=10, joined_on=date(2026, 9, 1))
        if with_application:
            Application.objects.create(
                receipt_number=f"A-{name}", company=c, company_name=name, address="鹿児島市",
                corporate_number="7000012050002", employees=10, industry="介護", support_name="山田",
                support_email=f"hr@{name}.example", support_phone="099", submitted_at=NOW,
                consent_version="1", contact_confirmed_at=NOW, contact_confirmed_by="operator")
        return c

    sakura, kirishima = company("sakura", True), company("kirishima", False)
    people = {}
    for login, c, email in [("k26-0001", sakura, "lan@mail.example"), ("k26-0002", sakura, ""),
                            ("k26-0003", kirishima, "")]:
        people[login] = Learner.objects.create(
            company=c, login_id=login, display_name=login, nationality="-", residence_status="-",
            lms_user_id=login, joined_on=date(2026, 9, 1))
        ApplicationLearner.objects.create(company=c, login_id=login, display_name=login, nationality="-",
                                          residence_status="-", email=email, applied_on=date(2026, 9, 1),
                                          status="approved", learner=people[login])
    for login, learner in people.items():
        decision = RuleDecision.objects.create(kind="nudge", company=learner.company, week=date(2026, 9, 28),
                                               learner_key=login, decided_at=NOW)
        Notice.objects.create(decision=decision, recipient_kind="learner", learner=learner, language="vi",
                              subject="Let's study this week", body="…", created_at=NOW)

    assert main(["outbox", "notices"]) == 1  # kirishima has no support e-mail on file
    assert "2 notice(s) queued" in capsys.readouterr().out
    sent_to = sorted(m.recipients[0] for m in OutgoingMail.objects.all())
    assert sent_to == ["hr@sakura.example", "lan@mail.example"]
    assert all(m.personal_data and m.status == "queued" for m in OutgoingMail.objects.all())
    assert list(Notice.objects.filter(status="queued").values_list("learner__login_id", flat=True)) == [
        "k26-0003"]
