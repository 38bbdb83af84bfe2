"""Grades back (AGS) that survive a platform that is down: queued, retried with backoff, visible in
``nihongo status``; strictly increasing timestamps; Open edX's default mode (no line-item scope)."""

from datetime import datetime, timedelta, timezone
from urllib.parse import parse_qs

import jwt
import pytest
import requests
from django.test import Client

from lti_tool import score_queue, services
from lti_tool.models import LaunchRecord, ScoreRecord
from portal.cli import main
from portal.demo_lms.models import Score
from sync_service.status import status

from .harness import BASE, InProcessAdapter, launch
from .test_round_and_grades import WRONG_ON, answer_round

NOW = datetime(2026, 11, 27, 9, 0, tzinfo=timezone.utc)
SCORE_SCOPE = "https://purl.imsglobal.org/spec/lti-ags/scope/score"
LINEITEM_SCOPE = "https://purl.imsglobal.org/spec/lti-ags/scope/lineitem"


class Flaky(InProcessAdapter):
    """The demo LMS behind a gateway: down for ``down`` requests (503 or no connection), then up."""

    def __init__(self, sent, down: int, how: str = "503", only: str = ""):
        super().__init__(sent)
        self.down, self.how, self.only = down, how, only

    def send(self, request, **kwargs):
        if self.down and self.only in request.url:
            self.down -= 1
            self.sent.append(request)
            if self.how == "refuse":
                raise requests.ConnectionError("platform unreachable")
            response = requests.Response()
            response.status_code, response._content = 503, b"Service Unavailable"
            response.url, response.request = request.url, request
            return response
        return super().send(request, **kwargs)


@pytest.fixture
def platform(monkeypatch, sent_to_platform):
    """Swap the platform's behaviour: ``platform(down=2)`` answers 503 twice, then serves."""
    def set_up(down=0, how="503", only=""):
        adapter = Flaky(sent_to_platform, down, how, only)

        def session():
            s = requests.Session()
            s.mount(BASE, adapter)
            return s
        monkeypatch.setattr(services, "http_session", session)
        return adapter
    return set_up


def launched(demo, login_id="lan"):
    """A real launch: its LaunchRecord and the AGS claim the platform put in the id_token."""
    client = Client()
    result = launch(client, login_id)
    assert result.response.status_code == 200
    claims = jwt.decode(result.id_token, options={"verify_signature": False})
    return client, result, LaunchRecord.objects.get(launch_id=result.launch_id), claims[score_queue.AGS_CLAIM]


def queue_and_try(record, claim, now, earned=7, possible=10, in_writes=False):
    """Queue a score (``in_writes``: among an answer's writes, as a round end queues it: on PostgreSQL one
    statement in their pipeline) and try it once."""
    if in_writes:
        from django.db import transaction

        from lti_tool import statements

        with transaction.atomic():
            writes = statements.Writes()
            score = score_queue.enqueue(record, earned, possible, now, claim, writes=writes)
            writes.run()
        assert score.pk is not None and ScoreRecord.objects.get(pk=score.pk).timestamp == score.timestamp
    else:
        score = score_queue.enqueue(record, earned, possible, now, claim)
    return score_queue.attempt(score, score_queue.connector_for(record.registration), now)


def test_a_round_is_fully_graded_with_the_launch_line_item_and_no_line_item_scope(demo, sent_to_platform):
    """Open edX's default (declarative) mode: one line item per block, the tool may not create any."""
    client, result, record, claim = launched(demo)
    assert LINEITEM_SCOPE not in claim["scope"] and SCORE_SCOPE in claim["scope"]
    answer_round(client, result, WRONG_ON)
    record = ScoreRecord.objects.get()
    assert (record.state, record.delivered, record.attempts) == ("delivered", True, 1)
    assert record.next_try_at is None
    assert record.ags == claim and record.activity == "jlpt_drill"
    score = Score.objects.get()
    assert (score.score_given, score.score_maximum) == (7, 10)
    assert (score.activity_progress, score.grading_progress) == ("Completed", "FullyGraded")
    assert datetime.fromisoformat(score.timestamp) == record.timestamp
    assert score.line_item_id == int(claim["lineitem"].rsplit("/", 1)[1])
    assert not [r for r in sent_to_platform if r.method == "POST" and r.url.endswith("/lineitems/")]
    score_posts = [r for r in sent_to_platform if r.url.endswith("/scores")]
    assert [r.url for r in score_posts] == [claim["lineitem"] + "/scores"]


@pytest.mark.parametrize("in_writes", [False, True], ids=["alone", "among-an-answers-writes"])
def test_timestamps_strictly_increase_per_learner_and_link_and_the_lms_accepts_each(demo, sent_to_platform,
                                                                                   in_writes):
    _client, _result, record, claim = launched(demo)
    first = queue_and_try(record, claim, NOW, earned=5, in_writes=in_writes)
    second = queue_and_try(record, claim, NOW, earned=8, in_writes=in_writes)  # same clock reading
    # a clock that went back
    third = queue_and_try(record, claim, NOW - timedelta(seconds=5), earned=9, in_writes=in_writes)
    assert first.timestamp < second.timestamp < third.timestamp
    assert second.timestamp - first.timestamp == timedelta(milliseconds=1)
    assert [s.state for s in (first, second, third)] == ["delivered"] * 3
    assert Score.objects.get().score_given == 9  # the LMS took every one in turn
    other = score_queue.next_timestamp(record.registration, "sub-budi", record.resource_link_id, NOW)
    assert other == NOW  # another learner has a line of their own


def test_a_platform_that_is_down_loses_nothing_and_the_retry_sends_it(demo, platform, capsys):
    client, result, record, claim = launched(demo)
    platform(down=1000, how="refuse")
    answer_round(client, result)  # the learner finishes the round while the LMS is unreachable
    pending = ScoreRecord.objects.get()
    assert pending.state == "pending" and not pending.delivered and "platform unreachable" in pending.error
    # the worker's try comes just after the answer; the next one a minute after that try
    wait = pending.next_try_at - pending.sent_at
    assert pending.attempts == 1 and timedelta(minutes=1) <= wait < timedelta(minutes=1, seconds=10)
    assert not Score.objects.exists()
    found = status(pending.sent_at)
    assert "LTI scores: 1 waiting for the platform, 0 failed" in "\n".join(found.lines)
    assert not [p for p in found.problems if "LTI" in p]
    assert any("overdue" in p for p in status(pending.sent_at + timedelta(hours=1)).problems)

    sent = platform()  # the LMS is back; the retry needs no launch, only the registration
    ScoreRecord.objects.update(next_try_at=datetime.now(timezone.utc) - timedelta(seconds=1))
    assert main(["lti", "retry-scores"]) == 0
    assert "tried 1 scores: 1 delivered" in capsys.readouterr().out
    delivered = ScoreRecord.objects.get()
    assert (delivered.state, delivered.delivered, delivered.attempts) == ("delivered", True, 2)
    assert delivered.error == ""
    assert datetime.fromisoformat(Score.objects.get().timestamp) == delivered.timestamp
    token = [r for r in sent.sent if r.url.endswith("/token/")][-1]
    assert parse_qs(token.body)["grant_type"] == ["client_credentials"]  # a fresh access token
    assert "LTI scores: 0 waiting for the platform, 0 failed" in "\n".join(status(NOW).lines)


def test_a_platform_answering_503_then_200_gets_the_score_after_backoff(demo, platform):
    _client, _result, record, claim = launched(demo)
    platform(down=3, only="/scores")
    score = queue_and_try(record, claim, NOW)
    assert score.state == "pending" and "503" in score.error
    waits = [score.next_try_at - NOW]
    assert score_queue.retry_due(NOW).tried == 0  # not due yet
    moment = NOW
    for _ in range(2):
        moment = ScoreRecord.objects.get().next_try_at
        run = score_queue.retry_due(moment)
        assert (run.tried, run.waiting) == (1, 1)
        waits.append(ScoreRecord.objects.get().next_try_at - moment)
    assert waits == [timedelta(minutes=1), timedelta(minutes=2), timedelta(minutes=4)]
    run = score_queue.retry_due(ScoreRecord.objects.get().next_try_at)
    assert (run.tried, run.delivered) == (1, 1)
    assert ScoreRecord.objects.get().attempts == 4 and Score.objects.get().score_given == 7


def test_backoff_is_capped_and_a_score_is_given_up_after_the_last_try(demo, platform, capsys):
    assert [score_queue.backoff(n) for n in (1, 2, 3, 9, 10, 30)] == [
        timedelta(minutes=1), timedelta(minutes=2), timedelta(minutes=4), timedelta(minutes=256),
        timedelta(hours=6), timedelta(hours=6)]
    _client, _result, record, claim = launched(demo)
    platform(down=1000)
    score = queue_and_try(record, claim, NOW)
    while score.state == "pending":
        score_queue.retry_due(score.next_try_at)
        score.refresh_from_db()
    assert (score.state, score.attempts, score.next_try_at) == ("failed", score_queue.MAX_ATTEMPTS, None)
    problems = status(NOW).problems
    assert any("1 LTI score(s) not delivered" in p and "503" in p and "--include-failed" in p
               for p in problems)

    platform()
    assert main(["lti", "retry-scores"]) == 0
    assert "tried 0 scores" in capsys.readouterr().out  # given up: not retried on its own
    assert main(["lti", "retry-scores", "--include-failed"]) == 0
    assert "tried 1 scores: 1 delivered" in capsys.readouterr().out
    assert ScoreRecord.objects.get().state == "delivered" and Score.objects.get().score_given == 7


def test_a_refusal_is_not_retried(demo, platform):
    _client, _result, record, claim = launched(demo)
    platform()
    score = queue_and_try(record, claim, NOW)
    assert score.state == "delivered"
    refused = queue_and_try(record, {**claim, "lineitem": claim["lineitem"].rsplit("/", 1)[0] + "/999"}, NOW)
    assert (refused.state, refused.next_try_at) == ("failed", None) and "404" in refused.error


@pytest.mark.parametrize("in_writes", [False, True], ids=["alone", "among-an-answers-writes"])
def test_a_newer_score_supersedes_an_older_one_still_waiting(demo, platform, in_writes):
    _client, _result, record, claim = launched(demo)
    platform(down=1, how="refuse")
    older = queue_and_try(record, claim, NOW, earned=3, in_writes=in_writes)
    assert older.state == "pending"
    newer = queue_and_try(record, claim, NOW + timedelta(seconds=30), earned=9, in_writes=in_writes)
    older.refresh_from_db()
    assert (older.state, older.next_try_at) == ("superseded", None) and str(newer.id) in older.error
    assert newer.state == "delivered" and Score.objects.get().score_given == 9
    assert score_queue.retry_due(NOW + timedelta(days=1)).tried == 0


def test_a_launch_without_a_grade_service_is_recorded_as_not_graded(demo, sent_to_platform):
    _client, _result, record, _claim = launched(demo)
    score = queue_and_try(record, None, NOW)
    assert (score.state, score.next_try_at) == ("not_graded", None) and "no grade service" in score.error
    assert not [p for p in status(NOW).problems if "LTI" in p]


def test_in_progress_scores_are_not_fully_graded(demo, sent_to_platform):
    _client, _result, record, claim = launched(demo)
    score = score_queue.enqueue(record, 3, 10, NOW, claim, progress=score_queue.IN_PROGRESS)
    score_queue.attempt(score, score_queue.connector_for(record.registration), NOW)
    lms = Score.objects.get()
    assert (lms.activity_progress, lms.grading_progress) == ("InProgress", "Pending")


class Programmatic(requests.adapters.BaseAdapter):
    """A platform in programmatic mode (the tool creates its line items): line items and scores in memory."""

    def __init__(self):
        super().__init__()
        self.items, self.scores, self.requests = [], [], []

    def send(self, request, **kwargs):
        import json

        self.requests.append((request.method, request.url))
        response = requests.Response()
        response.url, response.request, response.status_code = request.url, request, 200
        body = None
        if request.url.endswith("/token"):
            body = {"access_token": "t", "token_type": "bearer", "expires_in": 3600}
        elif request.url.endswith("/lineitems") and request.method == "GET":
            body = self.items
        elif request.url.endswith("/lineitems"):
            item = {**json.loads(request.body), "id": f"https://lms.example/lineitems/{len(self.items) + 1}"}
            self.items.append(item)
            body, response.status_code = item, 201
        elif request.url.endswith("/scores"):
            self.scores.append((request.url, json.loads(request.body)))
        response._content = json.dumps(body).encode()
        return response

    def close(self):
        pass


def test_programmatic_mode_creates_one_line_item_per_activity_link(registration, monkeypatch):
    lms = Programmatic()

    def session():
        s = requests.Session()
        s.mount("https://lms.example", lms)
        return s
    monkeypatch.setattr(services, "http_session", session)
    claim = {"scope": [SCORE_SCOPE, LINEITEM_SCOPE], "lineitems": "https://lms.example/lineitems"}
    common = {"registration": registration, "subject": "s1", "context_id": "c1", "launched_at": NOW}
    drill = LaunchRecord.objects.create(resource_link_id="rl-drill", activity="jlpt_drill", **common)
    mock = LaunchRecord.objects.create(resource_link_id="rl-mock", activity="mock_test", **common)
    for record in (drill, mock, drill):
        score = score_queue.enqueue(record, 4, 10, NOW, claim, label=f"{record.activity} link")
        assert score_queue.attempt(score, score_queue.connector_for(registration), NOW).state == "delivered"
    assert [(i["resourceLinkId"], i["tag"], i["label"]) for i in lms.items] == [
        ("rl-drill", "jlpt_drill", "jlpt_drill link"), ("rl-mock", "mock_test", "mock_test link")]
    assert [url for url, _ in lms.scores] == ["https://lms.example/lineitems/1/scores",
                                              "https://lms.example/lineitems/2/scores",
                                              "https://lms.example/lineitems/1/scores"]
    assert all(s["gradingProgress"] == "FullyGraded" and s["scoreMaximum"] == 10 for _, s in lms.scores)
