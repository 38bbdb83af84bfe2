"""Grades leave the learner's request: queued for the worker, sent once, reused tokens, never lost."""

import dataclasses
from urllib.parse import parse_qs

import kombu.exceptions
import requests
from django.test import Client

from lti_tool import score_queue, services, tasks
from lti_tool.models import ScoreRecord
from portal.config import Config
from portal.demo_lms.models import Score

from .harness import BASE, InProcessAdapter, launch, post_json
from .test_round_and_grades import WRONG_ON, answer_round


def _token_requests(sent) -> list:
    return [r for r in sent if r.url == BASE + "/demo-lms/token/"]


def _config(**changes) -> Config:
    return dataclasses.replace(Config.from_env(), **changes)


def test_without_a_broker_tasks_run_in_the_process_and_with_one_on_redis():
    assert _config(broker_url="").celery()["TASK_ALWAYS_EAGER"] is True
    on_redis = _config(broker_url="redis://127.0.0.1:6379/1").celery()
    assert on_redis["TASK_ALWAYS_EAGER"] is False and on_redis["BROKER_URL"] == "redis://127.0.0.1:6379/1"
    assert on_redis["TASK_PUBLISH_RETRY"] is False, "a broker that is down must not hold the request"
    assert "retry-scores" in on_redis["BEAT_SCHEDULE"]
    assert any("NIHONGO_BROKER_URL" in p for p in _config(broker_url="amqp://x").problems())


def test_the_answer_only_queues_the_grade_and_the_worker_sends_it(demo, sent_to_platform, monkeypatch):
    handed = []
    monkeypatch.setattr(tasks.send_scores, "apply_async", lambda args, **kw: handed.append(args[0]))
    client = Client()
    last = answer_round(client, launch(client, "lan"), WRONG_ON)
    assert last.json()["round_complete"] is True
    score = ScoreRecord.objects.get()
    assert handed == [[score.id]] and score.state == "pending" and score.attempts == 0
    assert not _token_requests(sent_to_platform), "nothing was sent to the LMS in the request"
    assert tasks.send_scores([score.id]) == ["delivered"]
    assert Score.objects.get().score_given == 7
    assert tasks.send_scores([score.id]) == ["not waiting"], "a score is sent once"
    # a message published before scores were batched (an upgrade with messages in the broker) still works
    assert tasks.send_score(score.id) == "not waiting"


def test_the_access_token_is_reused_until_it_expires(demo, sent_to_platform):
    client = Client()
    launched = launch(client, "lan")
    answer_round(client, launched)
    post_json(client, launched.url("new_round"))
    answer_round(client, launched, WRONG_ON)  # a second round: a second score, the same token
    assert ScoreRecord.objects.filter(state="delivered").count() == 2
    tokens = _token_requests(sent_to_platform)
    assert len(tokens) == 1
    assert parse_qs(tokens[0].body)["grant_type"] == ["client_credentials"]


class RefusesToken(InProcessAdapter):
    """The LMS answers 401 to the first score PUT (a token it revoked), then serves."""

    def __init__(self, sent):
        super().__init__(sent)
        self.refused = False

    def send(self, request, **kwargs):
        if "/scores" in request.url and not self.refused:
            self.refused = True
            self.sent.append(request)
            response = requests.Response()
            response.status_code, response._content = 401, b"revoked"
            response.url, response.request = request.url, request
            return response
        return super().send(request, **kwargs)


def test_a_refused_token_is_dropped_and_a_fresh_one_sends_the_grade(demo, sent_to_platform, monkeypatch):
    client = Client()
    launched = launch(client, "lan")
    answer_round(client, launched)
    assert len(_token_requests(sent_to_platform)) == 1
    post_json(client, launched.url("new_round"))
    adapter = RefusesToken(sent_to_platform)

    def session():
        s = requests.Session()
        s.mount(BASE, adapter)
        return s
    monkeypatch.setattr(services, "http_session", session)
    answer_round(client, launched, WRONG_ON)
    assert adapter.refused and len(_token_requests(sent_to_platform)) == 2
    assert ScoreRecord.objects.filter(state="delivered").count() == 2


def test_with_the_broker_and_the_lms_down_the_grade_waits_and_is_sent_later(demo, sent_to_platform,
                                                                            monkeypatch):
    def broker_down(*args, **kwargs):
        raise kombu.exceptions.OperationalError("Error 111 connecting to 127.0.0.1:6379. Connection refused.")
    monkeypatch.setattr(tasks.send_scores, "apply_async", broker_down)

    def lms_down():
        s = requests.Session()
        s.mount(BASE, _Unreachable())
        return s
    monkeypatch.setattr(services, "http_session", lms_down)
    client = Client()
    last = answer_round(client, launch(client, "lan"), WRONG_ON)
    assert last.status_code == 200 and last.json()["round_complete"] is True
    score = ScoreRecord.objects.get()
    assert score.state == "pending" and not Score.objects.exists()

    assert tasks.retry_scores()["tried"] == 1  # the minute's retry: the LMS is still down
    score.refresh_from_db()
    assert score.state == "pending" and score.attempts == 1 and "unreachable" in score.error
    monkeypatch.undo()
    monkeypatch.setattr(services, "http_session", lambda: _session(sent_to_platform))
    run = score_queue.retry_due(score.next_try_at)  # the LMS is back when the backoff ends
    assert (run.tried, run.delivered) == (1, 1)
    assert Score.objects.get().score_given == 7


class _Unreachable(requests.adapters.BaseAdapter):
    def send(self, request, **kwargs):
        raise requests.ConnectionError("platform unreachable")

    def close(self):
        pass


def _session(sent):
    s = requests.Session()
    s.mount(BASE, InProcessAdapter(sent))
    return s


def test_with_a_broker_the_round_end_does_not_wait_for_it(demo, sent_to_platform, monkeypatch, settings):
    # publishing is a millisecond of CPU, and a broker that hangs would hold the learner's request
    import threading

    settings.CELERY_TASK_ALWAYS_EAGER = False  # a broker: tasks go to the worker
    released, handed = threading.Event(), []

    def slow_broker(args, **kwargs):
        released.wait(10)
        handed.append((args[0], threading.current_thread().name))
    monkeypatch.setattr(tasks.send_scores, "apply_async", slow_broker)
    client = Client()
    last = answer_round(client, launch(client, "lan"), WRONG_ON)
    assert last.json()["round_complete"] is True and handed == []  # answered while the broker hangs
    score = ScoreRecord.objects.get()
    assert score.state == "pending"
    released.set()
    tasks._publisher.submit(lambda: None).result(10)  # the publisher's queue, drained
    assert handed == [([score.id], handed[0][1])] and handed[0][1].startswith("grade-publisher")


def test_round_ends_that_come_together_share_messages_in_order_none_lost(monkeypatch, settings):
    """While one message is on its way, the scores committed meanwhile wait and go together (at most
    ``BATCH`` a message): a burst of round ends costs the server and the worker a few messages, and a
    lone round end is published at once."""
    import threading

    settings.CELERY_TASK_ALWAYS_EAGER = False
    first_sent, release, messages = threading.Event(), threading.Event(), []

    def broker(args, **kwargs):
        messages.append(list(args[0]))
        first_sent.set()
        release.wait(10)  # the first message is slow to publish: the others queue behind it
    monkeypatch.setattr(tasks.send_scores, "apply_async", broker)
    tasks.queue_score(1)
    assert first_sent.wait(10)
    for score_id in range(2, 26):
        tasks.queue_score(score_id)
    release.set()
    tasks._publisher.submit(lambda: None).result(10)
    assert messages == [[1], list(range(2, 12)), list(range(12, 22)), list(range(22, 26))]


def test_an_unreachable_platform_costs_one_timeout_per_message_not_one_per_score(demo, monkeypatch):
    """Three learners' grades in one message while the LMS cannot be reached: the first is tried and waits
    for its backoff; the others are left waiting, untried, for the minute's retry, which sends them all
    once the LMS is back."""
    from django.utils import timezone

    def lms_down():
        s = requests.Session()
        s.mount(BASE, _Unreachable())
        return s
    monkeypatch.setattr(services, "http_session", lms_down)
    for name in ("lan", "budi", "aung"):
        client = Client()
        answer_round(client, launch(client, name), WRONG_ON)
    ids = sorted(ScoreRecord.objects.values_list("id", flat=True))
    assert len(ids) == 3 and all(s.attempts == 1 for s in ScoreRecord.objects.all())  # sent in each request
    ScoreRecord.objects.update(attempts=0, next_try_at=timezone.now(), error="")  # as if the broker had them
    assert tasks.send_scores(ids) == ["pending", "not waiting", "not waiting"]
    tried = {s.id: s.attempts for s in ScoreRecord.objects.all()}
    assert tried == {ids[0]: 1, ids[1]: 0, ids[2]: 0}
    monkeypatch.setattr(services, "http_session", lambda: _session([]))
    run = score_queue.retry_due(timezone.now())
    assert (run.tried, run.delivered) == (2, 2), "the two left waiting go with the minute's retry"
    assert ScoreRecord.objects.filter(state="pending").count() == 1  # the first: after its backoff


def test_the_worker_lowers_its_cpu_priority_so_answers_come_first(monkeypatch):
    """Beside the web server, a class ending a round together sends a burst of grades: the worker runs
    niced (NIHONGO_WORKER_NICE, 10) from its start, so the learners' answers get the CPU first."""
    import os

    from celery.signals import celeryd_init

    niced = []
    monkeypatch.setattr(os, "nice", niced.append)
    monkeypatch.delenv("NIHONGO_WORKER_NICE", raising=False)
    celeryd_init.send(sender="worker@test", instance=None, conf=None, options={})  # as a worker starts
    assert niced == [10]
    monkeypatch.setenv("NIHONGO_WORKER_NICE", "0")
    celeryd_init.send(sender="worker@test", instance=None, conf=None, options={})
    assert niced == [10], "0 keeps the web server's priority"
    assert any("NIHONGO_WORKER_NICE" in p for p in _config(worker_nice=25).problems())
