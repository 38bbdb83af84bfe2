"""Learners launched with Moodle-, Canvas- and Open edX-shaped claims are matched, their study counted,
and nobody who studied is warned. A subject no claim names waits for an operator, its study held.

The claim shapes are the platforms' own (lti_tool/identity.py cites where each comes from): the launch
goes through the demo LMS, and its id_token is re-signed with the claims each platform sends.
"""

from datetime import datetime, time, timedelta

import pytest
from django.test import Client
from django.utils import timezone

from curriculum.japan_time import PROGRAMME_TZ, japan_date
from portal.cli import main
from portal.lti_records import LtiToolRecords
from programme import identities
from programme.models import DailyActivity, Learner, LmsIdentity
from sync_service.rules_run import run
from sync_service.sync import sync

from .harness import launch
from .hostile_catalogue import LTI, resign

MOODLE = {"sub": "27", "name": None, "given_name": "Lan", "family_name": "Nguyen",
          LTI + "ext": {"user_username": "LAN", "lms": "moodle-2"},  # Moodle may send another case
          LTI + "lis": {"person_sourcedid": "", "course_section_sourcedid": "N5-2026"}}
CANVAS = {"sub": "535fa085f22b4655f48cd5a36a9215f64c062838",
          LTI + "custom": lambda old: {**(old or {}), "login_id": "budi"},
          LTI + "lti11_legacy_user_id": "535fa085f22b4655f48cd5a36a9215f64c062838", LTI + "ext": None}
OPEN_EDX = {"sub": "9d8a3c57-2b1e-4f0c-9d8b-0f3c5e6a7b81", "preferred_username": "aung", "name": "Aung",
            LTI + "ext": None}
#: Canvas without the substitution configured sends the variable's name: it names nobody.
CANVAS_UNSET = {"sub": "f00dfeedf00dfeedf00dfeedf00dfeedf00dfeed",
                LTI + "custom": lambda old: {**(old or {}), "login_id": "$Canvas.user.loginId"},
                LTI + "ext": None}


def this_monday():
    today = japan_date(timezone.now())
    return today - timedelta(days=today.weekday())


@pytest.fixture
def hosts(demo, learner_factory):
    """The learners as approvals create them: ``lms_user_id`` is the login ID, which no platform sends."""
    monday = this_monday()
    for login_id in ("lan", "budi", "aung"):
        Learner.objects.filter(login_id=login_id).update(lms_user_id=login_id, joined_on=monday)
    demo["dewi"] = learner_factory(company=demo["aung"].company, login_id="dewi", joined_on=monday)
    return demo


def launched(login_id: str, claims: dict):
    response = launch(Client(), login_id, tamper=resign(**claims)).response
    assert response.status_code == 200, response.content.decode()[:500]
    return response


def decided_monday():
    return datetime.combine(this_monday() + timedelta(days=7), time(9), PROGRAMME_TZ)


def warned(now) -> set[str]:
    logins = dict(Learner.objects.values_list("id", "login_id"))
    return {logins[i] for d in run(now, apply_changes=False).decisions if d.kind.value == "warning"
            for i in d.learner_ids}


def test_each_platforms_shape_is_matched_counted_and_nobody_who_studied_is_warned(hosts):
    launched("lan", MOODLE)
    launched("budi", CANVAS)
    launched("aung", OPEN_EDX)
    links = {row.learner.login_id: (row.subject, row.via)
             for row in LmsIdentity.objects.filter(status="linked")}
    assert links == {"lan": ("27", "ext.user_username"), "budi": (CANVAS["sub"], "custom.login_id"),
                     "aung": (OPEN_EDX["sub"], "preferred_username")}
    result = sync(LtiToolRecords(), timezone.now())
    assert result.unmatched_subjects == 0
    present = DailyActivity.objects.filter(DailyActivity.PRESENT)
    studied = set(present.values_list("learner__login_id", flat=True))
    assert studied == {"lan", "budi", "aung"}
    assert warned(decided_monday()) == {"dewi"}  # only the one who never studied


def test_an_unmatched_subject_waits_for_an_operator_and_its_study_counts_once_linked(hosts, capsys):
    launched("dewi", CANVAS_UNSET)
    row = LmsIdentity.objects.get(subject=CANVAS_UNSET["sub"])
    assert row.status == "unmatched" and row.learner is None
    assert sync(LtiToolRecords(), timezone.now()).unmatched_subjects == 1
    assert not DailyActivity.objects.filter(learner=hosts["dewi"]).exists()
    row.refresh_from_db()
    assert sum(day["logins"] for day in row.held.values()) == 1  # held, not dropped
    assert "dewi" in warned(decided_monday())  # unlinked, dewi's study does not count yet

    assert main(["status"]) == 1
    assert "1 host user(s) match no learner" in capsys.readouterr().out
    assert main(["identities", "list"]) == 0
    assert CANVAS_UNSET["sub"] in capsys.readouterr().out
    assert main(["identities", "link", str(row.pk), "dewi", "--by", "operator-a"]) == 0
    assert DailyActivity.objects.get(learner=hosts["dewi"]).logins == 1
    assert "dewi" not in warned(decided_monday())
    launched("dewi", CANVAS_UNSET)  # later launches keep the link
    sync(LtiToolRecords(), timezone.now())
    assert DailyActivity.objects.get(learner=hosts["dewi"]).logins == 2


def test_a_hint_naming_a_learner_already_linked_on_that_platform_is_not_trusted(hosts):
    launched("lan", MOODLE)
    launched("budi", {**MOODLE, "sub": "28"})  # another Moodle user whose username says "lan"
    row = LmsIdentity.objects.get(subject="28")
    assert row.status == "unmatched" and "already linked" in row.hints["problem"]
    with pytest.raises(identities.IdentityError, match="already linked"):
        identities.link(row.pk, "lan", "operator-a", timezone.now())


def test_a_stopped_learner_is_refused_whatever_the_platform_calls_them(hosts):
    launched("lan", MOODLE)
    Learner.objects.filter(login_id="lan").update(status="stopped")
    response = launch(Client(), "lan", tamper=resign(**MOODLE)).response
    assert response.status_code == 403 and "đã kết thúc" in response.content.decode()  # lan reads Vietnamese


def test_the_operator_page_links_and_a_reload_does_not_post_again(hosts, admin_client):
    launched("dewi", CANVAS_UNSET)
    row = LmsIdentity.objects.get(subject=CANVAS_UNSET["sub"])
    page = admin_client.get("/operator/identities/").content.decode()
    assert CANVAS_UNSET["sub"] in page and "$Canvas.user.loginId" in page
    response = admin_client.post("/operator/identities/", {"identity": row.pk, "login_id": "dewi",
                                                            "action": "link"})
    assert response.status_code == 302
    row.refresh_from_db()
    assert row.learner == hosts["dewi"] and row.via.startswith("operator")
    after = admin_client.get("/operator/identities/").content.decode()
    assert "Every user the hosts sent is linked" in after
