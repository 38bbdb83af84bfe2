"""The manager's dashboard: this course's learners only, with their last week of practice."""

from datetime import datetime, timedelta, timezone

import pytest
from django.test import Client

from curriculum.bank import default_bank
from lti_tool.dashboard import Answer, Visit, summarise

from .harness import launch, post_json

JST = timezone(timedelta(hours=9))


def answer(client, launched, right: bool):
    item = post_json(client, launched.url("next")).json()["item"]
    correct = default_bank().get(item["id"]).answer
    choice = correct if right else (correct + 1) % len(item["choices"])
    response = post_json(client, launched.url("answer"), {"item_id": item["id"], "choice": choice})
    assert response.status_code == 200


def test_the_manager_sees_only_their_company_learners(demo):
    lan, budi, aung = Client(), Client(), Client()
    lan_launch = launch(lan, "lan")
    for right in (True, True, False):
        answer(lan, lan_launch, right)
    launch(budi, "budi")
    answer(aung, launch(aung, "aung"), True)  # another company's course

    page = launch(Client(), "manager1").page
    assert 'name="viewport"' in page
    assert 'data-subject="sub-lan"' in page and 'data-subject="sub-budi"' in page
    assert "sub-aung" not in page and "Aung" not in page
    assert "sub-m1" not in page  # the manager's own launch is not a learner's
    lan_card = page.split('data-subject="sub-lan"')[1].split("</li>")[0]
    assert '<dd class="lt-answered">3</dd>' in lan_card
    assert '<dd class="lt-accuracy">67%</dd>' in lan_card
    assert '<dd class="lt-days">1</dd>' in lan_card
    budi_card = page.split('data-subject="sub-budi"')[1].split("</li>")[0]
    assert '<dd class="lt-accuracy">–</dd>' in budi_card

    other = launch(Client(), "manager2").page
    assert 'data-subject="sub-aung"' in other and "sub-lan" not in other


NOW = datetime(2026, 6, 10, 3, 0, tzinfo=timezone.utc)  # 12:00 in Japan, a Wednesday


@pytest.mark.parametrize("visit_at, expected_days", [
    (datetime(2026, 6, 10, 0, 0, tzinfo=JST), 1),    # today, just after midnight in Japan
    (datetime(2026, 6, 4, 0, 0, tzinfo=JST), 1),     # six days ago: inside the seven
    (datetime(2026, 6, 3, 23, 59, tzinfo=JST), 0),   # seven days ago: outside
    (datetime(2026, 6, 3, 15, 30, tzinfo=timezone.utc), 1),  # 00:30 on 6/4 in Japan, though 6/3 in UTC
])
def test_days_active_counts_japan_days_in_the_last_seven(visit_at, expected_days):
    [row] = summarise([Visit("s", "Lan", visit_at)], [], NOW)
    assert row.days_active == expected_days


def test_summary_counts_answers_and_days_once_each():
    day = datetime(2026, 6, 9, 10, 0, tzinfo=JST)
    visits = [Visit("s", "", day), Visit("s", "Lan", day + timedelta(hours=1)), Visit("t", "Budi", day)]
    answers = [Answer("s", True, day), Answer("s", False, day + timedelta(hours=2)), Answer("x", True, day)]
    rows = summarise(visits, answers, NOW)
    assert [(r.name, r.days_active, r.answered, r.accuracy) for r in rows] == [
        ("Budi", 1, 0, None), ("Lan", 1, 2, 50)]
    assert rows[1].last_activity == day + timedelta(hours=2)
