"""Every hostile or malformed launch of the catalogue is refused: a 4xx error page with a clear
message and no traceback, no LaunchRecord, and a log record free of the token's personal data."""

import html
import logging

import pytest
from django.test import Client

from lti_tool import launch as hardened
from lti_tool.models import LaunchRecord

from .hostile_catalogue import (
    CASES,
    EMAIL,
    NAME,
    Form,
    login_round_trip,
    lti,
    markdown,
    now,
    resign,
    run,
    send_post,
)


@pytest.fixture
def programme(demo):
    """The demo programme; the learner's LMS name is a full one, to look for in the logs."""
    learner = demo["lan"]
    learner.display_name = NAME
    learner.save()
    return demo


def test_the_catalogue_is_large_and_well_formed():
    ids = [case.id for case in CASES]
    assert len(ids) >= 40 and len(set(ids)) == len(ids)
    assert all(400 <= case.status < 500 and case.fragment for case in CASES)
    table = markdown()
    assert table.count("\n") == len(CASES) + 1 and "`jku-injection`" in table


@pytest.mark.parametrize("case", CASES, ids=[case.id for case in CASES])
def test_hostile_launch_is_refused(programme, case, caplog):
    caplog.set_level(logging.INFO)
    response = run(case, Client())
    page = html.unescape(response.content.decode())
    assert response.status_code == case.status, page
    assert 'role="alert"' in page  # the tool's error page, not a bare status
    assert case.fragment.lower() in page.lower(), page
    assert "Traceback" not in page and 'File "' not in page
    assert LaunchRecord.objects.count() == case.legit_launches
    refusals = [r for r in caplog.records if r.name.startswith("lti_tool") and "refused" in r.getMessage()]
    assert refusals, "the refusal is logged"
    logged = "\n".join(r.getMessage() for r in caplog.records)
    assert NAME not in logged and EMAIL not in logged


@pytest.mark.parametrize("tamper", [
    resign(exp=now(-30), iat=now(-200)),
    resign(iat=now(30), exp=now(400)),
    resign(nbf=now(30)),
    resign(iat=now(-hardened.MAX_TOKEN_AGE_SECONDS + 30), exp=now(300)),
    lti(roles=[]),
], ids=["expired-inside-leeway", "iat-future-inside-leeway", "nbf-future-inside-leeway",
        "just-under-max-age", "no-roles-at-all"])
def test_the_near_side_of_each_limit_is_accepted(programme, tamper):
    """The other side of the catalogue's time cases: a 60 s leeway; an empty roles list is allowed."""
    client = Client()
    form = login_round_trip(client)
    response = send_post(client, Form(form.action, tamper(form.id_token), form.state))
    assert response.status_code == 200, response.content.decode()
    assert LaunchRecord.objects.get().subject == "sub-lan"


def test_the_markdown_table_lists_verdicts():
    table = markdown({CASES[0].id: "refused as expected"})
    assert "| verdict |" in table.splitlines()[0]
    assert "refused as expected" in table and "not run" in table
