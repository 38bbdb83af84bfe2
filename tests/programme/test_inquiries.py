"""The question-and-answer log (P10): record, answer once, list, the operator view and the monthly figures."""

import logging
from datetime import datetime, timedelta, timezone

import pytest
from django.contrib.auth.models import User

from portal.cli import main
from programme.inquiries import flows
from programme.inquiries.models import AnswerRevision, Inquiry
from programme.inquiries.summary import monthly_summary
from tests.conftest import jst

QUESTION = "Nguyen Van An cannot log in since Monday; the password reset mail never arrives."


@pytest.fixture
def asked(company_factory, learner_factory):
    """A company, one of its learners, and a function that records a question from them."""
    company = company_factory()
    learner = learner_factory(company=company, login_id="k26-0100")

    def make(at=None, channel="mail", category="account", learner=learner, **extra):
        at = at or jst(2026, 11, 2, 9)
        return flows.add(company_id=company.pk, channel=channel, question=extra.pop("question", QUESTION),
                         category=category, learner_login_id=learner.login_id if learner else None,
                         received_at=at, **extra)

    make.company, make.learner = company, learner
    return make


def test_a_new_question_is_open_and_asked_by_the_named_learner(asked):
    inquiry = asked()
    assert (inquiry.status, inquiry.asker_kind, inquiry.learner, inquiry.answer) == ("open", "learner",
                                                                                      asked.learner, "")
    assert asked(learner=None).asker_kind == "company"
    assert asked(asker_kind="company").asker_kind == "company"  # a manager asking about a learner


@pytest.mark.parametrize("change, message", [
    ({"company_id": 9999}, "no company with ID 9999"),
    ({"learner_login_id": "nobody"}, "no learner with login ID 'nobody'"),
    ({"channel": "fax"}, "channel must be one of mail, chat, phone, form"),
    ({"category": "billing"}, "category must be one of"),
    ({"question": "   "}, "the question is empty"),
])
def test_adding_refuses_what_cannot_be_recorded(asked, change, message):
    fields = {"company_id": asked.company.pk, "channel": "mail", "question": QUESTION,
              "received_at": jst(2026, 11, 2), **change}
    with pytest.raises(flows.InquiryError, match=message):
        flows.add(**fields)
    assert Inquiry.objects.count() == 0


def test_a_learner_of_another_company_is_refused(asked, company_factory, learner_factory):
    other = learner_factory(company=company_factory(name="Kirishima Metal"))
    with pytest.raises(flows.InquiryError, match=f"learner {other.login_id} belongs to company"):
        asked(learner=other)


def test_answering_records_who_and_when(asked):
    inquiry = asked()
    at = jst(2026, 11, 3, 10)
    flows.answer(inquiry.pk, text="Reset the password and sent it by post.", by="Sato", now=at)
    inquiry.refresh_from_db()
    assert (inquiry.status, inquiry.answered_by, inquiry.answered_at) == ("answered", "Sato", at)
    assert inquiry.amended_at is None


def test_answering_twice_is_refused_and_changes_nothing(asked):
    inquiry = asked()
    flows.answer(inquiry.pk, text="First answer.", by="Sato", now=jst(2026, 11, 3))
    refused = f"question {inquiry.pk} was already answered on 2026-11-03 by Sato"
    with pytest.raises(flows.AlreadyAnswered, match=refused):
        flows.answer(inquiry.pk, text="Second answer.", by="Tanaka", now=jst(2026, 11, 4))
    inquiry.refresh_from_db()
    assert (inquiry.answer, inquiry.answered_by) == ("First answer.", "Sato")
    assert AnswerRevision.objects.count() == 0


def test_amending_keeps_the_earlier_answers_and_the_first_answer_time(asked):
    inquiry = asked()
    flows.answer(inquiry.pk, text="First answer.", by="Sato", now=jst(2026, 11, 3))
    flows.answer(inquiry.pk, text="Second answer.", by="Tanaka", now=jst(2026, 11, 4), amend=True)
    flows.answer(inquiry.pk, text="Third answer.", by="Sato", now=jst(2026, 11, 5), amend=True)
    inquiry.refresh_from_db()
    assert (inquiry.answer, inquiry.answered_by) == ("Third answer.", "Sato")
    assert (inquiry.answered_at, inquiry.amended_at) == (jst(2026, 11, 3), jst(2026, 11, 5))
    history = [(r.answer, r.answered_by, r.written_at, r.replaced_at) for r in inquiry.revisions.all()]
    assert history == [("First answer.", "Sato", jst(2026, 11, 3), jst(2026, 11, 4)),
                       ("Second answer.", "Tanaka", jst(2026, 11, 4), jst(2026, 11, 5))]


def test_question_texts_never_reach_the_logs(asked, caplog):
    caplog.set_level(logging.DEBUG)
    inquiry = asked()
    flows.answer(inquiry.pk, text="Called Nguyen Van An back.", by="Sato", now=jst(2026, 11, 3))
    assert f"question {inquiry.pk} recorded" in caplog.text
    assert "Nguyen" not in caplog.text
    assert "Nguyen" not in str(inquiry)


def test_listing_filters_open_month_in_japan_time_and_company(asked, company_factory):
    oct_last = asked(at=datetime(2026, 10, 31, 14, 30, tzinfo=timezone.utc))  # 23:30 JST on 31 October
    nov_first = asked(at=datetime(2026, 10, 31, 15, 30, tzinfo=timezone.utc))  # 00:30 JST on 1 November
    other = flows.add(company_id=company_factory(name="Kirishima Metal").pk, channel="phone", question="?",
                      received_at=jst(2026, 11, 5))
    flows.answer(nov_first.pk, text="Done.", by="Sato", now=jst(2026, 11, 2))

    def ids(**filters):
        return [q.pk for q in flows.list_inquiries(**filters)]

    assert ids() == [other.pk, nov_first.pk, oct_last.pk]
    assert ids(open_only=True) == [other.pk, oct_last.pk]
    assert ids(month=(2026, 10)) == [oct_last.pk]
    assert ids(month=(2026, 11), company_id=asked.company.pk) == [nov_first.pk]


def test_cli_add_answer_and_list(asked, capsys):
    company = asked.company
    assert main(["questions", "add", "--company", str(company.pk), "--channel", "phone",
                 "--learner", "k26-0100", "--category", "usage", "--question", QUESTION,
                 "--received", "2026-11-02T10:30+09:00"]) == 0
    inquiry = Inquiry.objects.get()
    assert capsys.readouterr().out == (f"question {inquiry.pk} recorded (phone, usage, asked by learner); "
                                       "status open\n")

    assert main(["questions", "list", "--open", "--month", "2026-11"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split() == ["ID", "RECEIVED", "(JST)", "CHANNEL", "CATEGORY", "STATUS", "ANSWERED",
                                "(JST)", "LEARNER", "COMPANY"]
    assert lines[1].split() == [str(inquiry.pk), "2026-11-02", "10:30", "phone", "usage", "open", "-",
                                "k26-0100", str(company.pk), "Sakurajima", "Foods"]
    assert lines[2] == "1 questions"
    assert "Nguyen" not in "\n".join(lines)  # texts only on request

    assert main(["questions", "answer", str(inquiry.pk), "--answer", "Explained the menu.",
                 "--by", "Sato"]) == 0
    assert capsys.readouterr().out == f"question {inquiry.pk} answered by Sato\n"
    assert main(["questions", "list", "--open"]) == 0
    assert capsys.readouterr().out.splitlines()[-1] == "0 questions"
    assert main(["questions", "list", "--text"]) == 0
    assert "answered" in capsys.readouterr().out.splitlines()[1]


def test_cli_refuses_a_second_answer_without_amend(asked, capsys):
    inquiry = asked()
    assert main(["questions", "answer", str(inquiry.pk), "--answer", "One.", "--by", "Sato"]) == 0
    assert main(["questions", "answer", str(inquiry.pk), "--answer", "Two.", "--by", "Sato"]) == 1
    err = capsys.readouterr().err
    assert f"error: question {inquiry.pk} was already answered" in err and "--amend" in err
    assert main(["questions", "answer", str(inquiry.pk), "--answer", "Two.", "--by", "Sato", "--amend"]) == 0
    assert capsys.readouterr().out.endswith(f"question {inquiry.pk} amended by Sato\n")


def test_cli_explains_bad_input(asked, capsys):
    assert main(["questions", "add", "--company", "9999", "--channel", "mail", "--question", "x"]) == 1
    assert main(["questions", "list", "--month", "11/2026"]) == 2
    assert main(["questions", "add", "--company", str(asked.company.pk), "--channel", "mail",
                 "--question", "x", "--received", "2026-11-02T10:30"]) == 2
    assert capsys.readouterr().err.splitlines() == [
        "error: no company with ID 9999",
        "error: month must look like 2026-10, not '11/2026'",
        "error: --received needs a time zone, e.g. 2026-11-02T10:30+09:00",
    ]


# The operator view -------------------------------------------------------------------------------

@pytest.fixture
def operator(db):
    return User.objects.create_user("sato", password="pw", is_staff=True, first_name="Hanako",
                                    last_name="Sato")


def test_anonymous_and_non_staff_users_are_sent_to_the_login_page(asked, client):
    inquiry = asked()
    for url in ["/operator/questions/", f"/operator/questions/{inquiry.pk}/", "/operator/questions/new/"]:
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith("/admin/login/?next=/operator/")
    client.force_login(User.objects.create_user("learner", password="pw"))
    assert client.get("/operator/questions/").status_code == 302
    response = client.post(f"/operator/questions/{inquiry.pk}/", {"answer": "Sneaky."})
    assert response.status_code == 302
    inquiry.refresh_from_db()
    assert inquiry.status == "open"


def test_staff_see_open_questions_and_answer_them(asked, client, operator):
    inquiry = asked()
    client.force_login(operator)
    page = client.get("/operator/questions/").content.decode()
    assert 'name="viewport"' in page and QUESTION[:40] in page and "k26-0100" in page

    response = client.post(f"/operator/questions/{inquiry.pk}/", {"answer": "Sent a new password by post."})
    assert response.status_code == 302 and response["Location"] == "/operator/questions/"
    inquiry.refresh_from_db()
    assert (inquiry.status, inquiry.answered_by) == ("answered", "Hanako Sato")
    assert inquiry.answer == "Sent a new password by post."
    assert QUESTION[:40] not in client.get("/operator/questions/").content.decode()  # no longer open
    assert QUESTION[:40] in client.get("/operator/questions/?show=all").content.decode()


def test_staff_must_tick_amend_to_replace_an_answer(asked, client, operator):
    inquiry = asked()
    flows.answer(inquiry.pk, text="First.", by="Tanaka", now=jst(2026, 11, 3))
    client.force_login(operator)
    response = client.post(f"/operator/questions/{inquiry.pk}/", {"answer": "Better."})
    assert response.status_code == 200
    assert "was already answered on 2026-11-03 by Tanaka" in response.content.decode()
    client.post(f"/operator/questions/{inquiry.pk}/", {"answer": "Better.", "amend": "on"})
    inquiry.refresh_from_db()
    assert (inquiry.answer, inquiry.revisions.get().answer) == ("Better.", "First.")
    assert "Earlier answers" in client.get(f"/operator/questions/{inquiry.pk}/").content.decode()


def test_staff_record_a_phone_question(asked, client, operator):
    client.force_login(operator)
    response = client.post("/operator/questions/new/", {
        "company": asked.company.pk, "learner": "", "channel": "phone", "category": "rules",
        "question": "How many learners may we add?"})
    inquiry = Inquiry.objects.get()
    assert response["Location"] == f"/operator/questions/{inquiry.pk}/"
    assert (inquiry.channel, inquiry.category, inquiry.asker_kind) == ("phone", "rules", "company")


# The monthly figures -----------------------------------------------------------------------------

def test_monthly_summary_counts_received_answered_open_and_median_wait(asked):
    def q(received, answered=None, **kw):
        inquiry = asked(at=received, **kw)
        if answered:
            flows.answer(inquiry.pk, text="ok", by="Sato", now=answered)
        return inquiry

    q(jst(2026, 10, 28), answered=jst(2026, 11, 2))  # October's question answered in November: 5 days
    q(jst(2026, 10, 29))  # still open
    q(jst(2026, 11, 1, 9), answered=jst(2026, 11, 1, 21), channel="phone")  # half a day
    q(jst(2026, 11, 10), answered=jst(2026, 11, 12), channel="chat", category="technical")  # 2 days
    q(jst(2026, 11, 30, 18), answered=jst(2026, 12, 1, 9), category="rules")  # open at November's end
    q(jst(2026, 12, 2))  # December: not counted at all

    assert monthly_summary(2026, 11) == {
        "year": 2026, "month": 11,
        "received": 3,
        "answered": 3,
        "open": 2,
        "by_channel": {"mail": 1, "chat": 1, "phone": 1, "form": 0},
        "by_category": {"account": 1, "usage": 0, "content": 0, "technical": 1, "rules": 1, "other": 0},
        "median_days_to_answer": 2.0,
    }
    assert monthly_summary(2027, 1)["median_days_to_answer"] is None


def test_monthly_summary_counts_an_answer_given_once_even_if_amended(asked):
    inquiry = asked(at=jst(2026, 11, 2))
    flows.answer(inquiry.pk, text="One.", by="Sato", now=jst(2026, 11, 3))
    flows.answer(inquiry.pk, text="Two.", by="Sato", now=jst(2026, 12, 3) + timedelta(hours=1), amend=True)
    assert (monthly_summary(2026, 11)["answered"], monthly_summary(2026, 12)["answered"]) == (1, 0)
