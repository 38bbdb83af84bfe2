"""Queries per drill request: a few, and the same with 30 or 1,700 cards of history."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test import Client
from django.utils import timezone

from curriculum.bank import default_bank
from lti_tool import statements, tasks
from lti_tool.models import DrillCard, DrillProgress, ScoreRecord

from .harness import launch, post_json

#: launch record + registration (one join); the learner's row, locked (with the answered card, in an answer)
NEXT_PENDING = 2       # the question on screen again (a reload): nothing written
#: + the next question, chosen in the same request: the first due card (one read; the next new item of each
#: type is kept in the state); then the writes: the card's UPDATE, the state row, the answer record
WRITES = 3
#: a round end: no next question; the score queued with the answer. On PostgreSQL one more write (its
#: timestamp, its row and older waiting scores superseded, in one statement); elsewhere two more reads (its
#: timestamp, its row: INSERT … RETURNING) and older waiting scores superseded among the writes
ROUND_END_WRITES = WRITES + 1


def _expected(reads: int, writes: int) -> int:
    """Statements sent."""
    return reads + writes


def _round_end_reads() -> int:
    return 2 if statements.batches() else 2 + 2


ANSWER_READS = 3


def _round_trips(sql: list[tuple[str, bool]]) -> int:
    """Round trips to the database: a statement each, except statements sent together in a pipeline."""
    return sum(1 for n, (_s, piped) in enumerate(sql) if not piped or n == 0 or not sql[n - 1][1])


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


def _count(call) -> tuple[object, list[tuple[str, bool]]]:
    """The request's statements, each with whether it went in a pipeline (PostgreSQL: sent together, one
    round trip); savepoints aside (the test's transaction turns BEGIN/COMMIT into them)."""
    sent = []

    def record(execute, sql, params, many, context):
        raw = connection.connection
        piped = connection.vendor == "postgresql" and raw.pgconn.pipeline_status != 0
        sent.append((sql, piped))
        return execute(sql, params, many, context)

    with connection.execute_wrapper(record):
        response = call()
    assert response.status_code == 200, response.content
    return response, [(sql, piped) for sql, piped in sent if "SAVEPOINT" not in sql]


@pytest.mark.parametrize("history", [30, 1700])
def test_queries_per_request_do_not_grow_with_history(demo, monkeypatch, history):
    monkeypatch.setattr(tasks.send_scores, "apply_async", lambda *a, **kw: None)  # the worker's, not ours
    client = Client()
    launched = launch(client, "lan")
    # The tool's page lives in the LMS's iframe: its requests carry the tool's cookies, not the
    # Django session this one test client also holds as the demo LMS's user.
    del client.cookies["sessionid"]
    _history(history)
    counts = {"next (pending)": [], "first answer": [], "answer": [], "round end": []}
    trips = {"answer": [], "round end": []}
    response, sql = _count(lambda: post_json(client, launched.url("next")))  # the launch page chose it
    counts["next (pending)"].append(len(sql))
    shown = response.json()
    for n in range(10):
        item = shown["item"]
        body = {"item_id": item["id"], "choice": default_bank().get(item["id"]).answer}
        response, sql = _count(lambda body=body: post_json(client, launched.url("answer"), body))
        counts["round end" if n == 9 else "first answer" if n == 0 else "answer"].append(len(sql))
        if n:
            trips["round end" if n == 9 else "answer"].append(_round_trips(sql))
        shown = response.json()["next"]  # one request per question: the answer brings the next one
        assert (shown["item"] is None) == (n == 9), shown
        if n == 4:  # a reload on the way reads the pending question and writes nothing
            response, sql = _count(lambda: post_json(client, launched.url("next")))
            assert response.json()["item"]["id"] == shown["item"]["id"]
            counts["next (pending)"].append(len(sql))
    assert set(counts["next (pending)"]) == {NEXT_PENDING}, counts
    # once, after the migration: which items are met (one read), the per-type counter (one read)
    answer, round_end = _expected(ANSWER_READS, WRITES), _expected(_round_end_reads(), ROUND_END_WRITES)
    assert answer <= counts["first answer"][0] <= answer + 2, counts
    assert set(counts["answer"]) == {answer}, counts
    assert counts["round end"] == [round_end], counts
    # PostgreSQL: the writes go together, one round trip (``statements.Writes``); elsewhere one each
    piped = statements.batches()
    assert set(trips["answer"]) == {ANSWER_READS + 1 if piped else answer}, trips
    assert trips["round end"] == [_round_end_reads() + 1 if piped else round_end], trips


def test_preparing_can_be_turned_off_for_a_pooler_that_cannot_keep_prepared_statements(monkeypatch):
    from portal.config import Config

    monkeypatch.delenv("NIHONGO_PREPARED_STATEMENTS", raising=False)
    assert Config.from_env().prepared_statements is True
    monkeypatch.setenv("NIHONGO_PREPARED_STATEMENTS", "0")
    assert Config.from_env().prepared_statements is False


def test_with_preparing_off_a_round_still_works_one_statement_a_trip(demo, monkeypatch):
    """NIHONGO_PREPARED_STATEMENTS=0 (``portal.settings`` then leaves psycopg's ``prepare_threshold`` unset):
    the drill's statements go through Django's own cursors, one round trip each, and a round ends with its
    score queued, as on the other databases."""
    if connection.vendor != "postgresql":
        pytest.skip("a PostgreSQL setting: elsewhere the statements already go one by one (this file's "
                    "other tests); CI runs the suite on PostgreSQL too")
    monkeypatch.setitem(connection.settings_dict["OPTIONS"], "prepare_threshold", None)
    monkeypatch.setattr(tasks.send_scores, "apply_async", lambda *a, **kw: None)
    assert not statements.batches()
    client = Client()
    launched = launch(client, "lan")
    del client.cookies["sessionid"]
    shown = post_json(client, launched.url("next")).json()
    for n in range(10):
        item = shown["item"]
        body = {"item_id": item["id"], "choice": default_bank().get(item["id"]).answer}
        response, sql = _count(lambda body=body: post_json(client, launched.url("answer"), body))
        assert not any(piped for _s, piped in sql) and _round_trips(sql) == len(sql)
        if n == 9:
            assert len(sql) == _expected(2 + 2, ROUND_END_WRITES), sql
        shown = response.json()["next"]
    assert response.json()["round_complete"] is True
    assert ScoreRecord.objects.get().state == "pending"
