"""Queries per drill request: a few, and the same with 30 or 1,700 cards of history."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from curriculum.bank import default_bank
from lti_tool import statements, tasks
from lti_tool.models import DrillCard, DrillProgress

from .harness import launch, post_json

#: launch record + registration (one join); the learner's row, locked (with the answered card, in an answer)
NEXT_PENDING = 2       # the question on screen again (a reload): nothing written
#: + the next question, chosen in the same request: the first due card (one read; the next new item of each
#: type is kept in the state); then the writes: the card's UPDATE, the state row, the answer record
WRITES = 3
#: a round end: no next question; the score queued with the answer (its timestamp, its row: INSERT …
#: RETURNING), and older waiting scores superseded among the writes
ROUND_END_WRITES = WRITES + 1


def _expected(reads: int, writes: int) -> int:
    """Statements sent: on PostgreSQL the writes go in one round trip (``statements.Writes``)."""
    return reads + (1 if statements.batches(connection.vendor) else writes)


ANSWER_READS, ROUND_END_READS = 3, 2 + 2
def _history(cards: int):
    """``cards`` items met, due in a week (so the drill goes on with new items), written behind the
    drill's back as the migration leaves them: the per-type counter and frontier rebuilt on first use."""
    progress = DrillProgress.objects.get()
    progress.state = {k: v for k, v in progress.state.items() if k not in ("met", "frontier")}
    progress.save()
    week = timezone.now() + timedelta(days=7)
    items = [i.id for i in default_bank().select("N5")][:cards]
    DrillCard.objects.bulk_create([DrillCard(progress=progress, item_id=item_id, due=due, card={
        "card_id": 1, "state": 2, "step": None, "stability": 9.0, "difficulty": 5.0,
        "due": due.isoformat(), "last_review": timezone.now().isoformat()})
        for n, item_id in enumerate(items) for due in [week + timedelta(minutes=n)]])


def _count(call) -> tuple[object, list[str]]:
    """The request's queries; savepoints aside (the test's transaction turns BEGIN/COMMIT into them)."""
    with CaptureQueriesContext(connection) as queries:
        response = call()
    assert response.status_code == 200, response.content
    return response, [q["sql"] for q in queries.captured_queries if "SAVEPOINT" not in q["sql"]]


@pytest.mark.parametrize("history", [30, 1700])
def test_queries_per_request_do_not_grow_with_history(demo, monkeypatch, history):
    monkeypatch.setattr(tasks.send_score, "apply_async", lambda *a, **kw: None)  # the worker's, not ours
    client = Client()
    launched = launch(client, "lan")
    # The tool's page lives in the LMS's iframe: its requests carry the tool's cookies, not the
    # Django session this one test client also holds as the demo LMS's user.
    del client.cookies["sessionid"]
    _history(history)
    counts = {"next (pending)": [], "first answer": [], "answer": [], "round end": []}
    response, sql = _count(lambda: post_json(client, launched.url("next")))  # the launch page chose it
    counts["next (pending)"].append(len(sql))
    shown = response.json()
    for n in range(10):
        item = shown["item"]
        body = {"item_id": item["id"], "choice": default_bank().get(item["id"]).answer}
        response, sql = _count(lambda body=body: post_json(client, launched.url("answer"), body))
        counts["round end" if n == 9 else "first answer" if n == 0 else "answer"].append(len(sql))
        shown = response.json()["next"]  # one request per question: the answer brings the next one
        assert (shown["item"] is None) == (n == 9), shown
        if n == 4:  # a reload on the way reads the pending question and writes nothing
            response, sql = _count(lambda: post_json(client, launched.url("next")))
            assert response.json()["item"]["id"] == shown["item"]["id"]
            counts["next (pending)"].append(len(sql))
    assert set(counts["next (pending)"]) == {NEXT_PENDING}, counts
    # once, after the migration: which items are met (one read), the per-type counter (one read)
    answer, round_end = _expected(ANSWER_READS, WRITES), _expected(ROUND_END_READS, ROUND_END_WRITES)
    assert answer <= counts["first answer"][0] <= answer + 2, counts
    assert set(counts["answer"]) == {answer}, counts
    assert counts["round end"] == [round_end], counts
