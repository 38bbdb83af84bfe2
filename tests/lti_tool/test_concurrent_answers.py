"""The same answer sent from several tabs at once counts once: the learner's row lock, with real transactions.

Each thread has its own database connection and sends its answer at the same moment (a barrier). The
answered card is read in the statement that takes the lock; the lock makes every other answer wait, and
the drill then refuses them (the pending question has moved on). SQLite has one writer and locks the
whole database, so there the proof means nothing: CI runs this file on PostgreSQL.
"""

import threading

import pytest
from django.db import connection, connections
from django.test import Client

from curriculum.bank import default_bank
from lti_tool.models import AnswerRecord, DrillCard, DrillProgress

from .harness import launch, post_json

pytestmark = [
    pytest.mark.skipif(connection.vendor != "postgresql",
                       reason="row locks are proven on PostgreSQL; CI runs this file with DATABASE_URL"),
    pytest.mark.django_db(transaction=True),
]

TABS = 8


def test_one_answer_sent_from_eight_tabs_at_once_counts_once(demo):
    client = Client()
    launched = launch(client, "lan")
    del client.cookies["sessionid"]  # the tool's page in the LMS's iframe has no Django session
    item = post_json(client, launched.url("next")).json()["item"]["id"]
    body = {"item_id": item, "choice": default_bank().get(item).answer}
    barrier = threading.Barrier(TABS)
    statuses, errors = [], []

    def tab():
        try:
            own = Client()
            own.cookies = client.cookies  # the same browser: its launch cookie
            barrier.wait()
            statuses.append(post_json(own, launched.url("answer"), body).status_code)
        except Exception as error:  # noqa: BLE001 - reported below, so a deadlock fails the test
            errors.append(repr(error))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=tab) for _ in range(TABS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert errors == []
    assert sorted(statuses) == [200] + [400] * (TABS - 1)
    assert AnswerRecord.objects.filter(item_id=item).count() == 1
    assert DrillCard.objects.filter(item_id=item).count() == 1
    state = DrillProgress.objects.get().state
    assert state["pending"] != item
    assert (state["round"]["answered"], state["round"]["correct"]) == (1, 1)
