"""Operations (O1, O3, O4): health endpoints, JSON logs with request ids and no personal data, versions."""

import io
import json
import logging

import pytest

from portal.cli import main
from portal.logs import JsonFormatter
from tests.programme.test_front_office import (
    post_data,
    window,  # noqa: F401  (a fixture)
)


def test_healthz_answers_without_the_database(client):
    response = client.get("/healthz")  # no db fixture: any query here would raise
    assert response.status_code == 200 and response.content == b"ok\n"
    assert "no-cache" in response["Cache-Control"]


@pytest.mark.django_db
def test_readyz_checks_the_database_and_the_cache_and_reports_sync_age(client):
    response = client.get("/readyz")
    body = response.json()
    assert response.status_code == 200 and body["ready"] is True
    assert body["checks"]["database"] == "ok" and body["checks"]["cache"] == "ok"
    assert body["last_sync_hours_ago"] == {}  # no sync yet: reported, not a reason to be unready


@pytest.mark.django_db
def test_readyz_is_503_when_the_cache_cannot_be_reached(client, settings):
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache",
                                   "LOCATION": "redis://127.0.0.1:1/0",
                                   "OPTIONS": {"socket_connect_timeout": 0.2, "socket_timeout": 0.2}}}
    from django.core.cache import caches

    caches._settings = caches.settings = settings.CACHES  # the handler reads its settings once
    try:
        response = client.get("/readyz")
    finally:
        del caches._settings
    assert response.status_code == 503
    body = response.json()
    assert body["ready"] is False and body["checks"]["cache"].startswith("failed:")
    assert body["checks"]["database"] == "ok"


def _log_lines(text: str) -> list[dict]:
    return [json.loads(line) for line in text.splitlines() if line.startswith("{")]


@pytest.fixture
def logged(settings):
    """What the configured handlers write, read back: the settings' formatter and filters on a buffer."""
    config = settings.LOGGING
    assert config["loggers"]["programme"]["level"] == "INFO"
    buffer = io.StringIO()
    handler = logging.StreamHandler(buffer)
    handler.setFormatter(JsonFormatter())
    for name in config["handlers"]["console"]["filters"]:
        handler.addFilter(config["filters"][name]["()"]())
    logging.getLogger().addHandler(handler)
    yield lambda: _log_lines(buffer.getvalue())
    logging.getLogger().removeHandler(handler)


def test_an_application_is_logged_as_json_with_its_request_id_and_no_personal_data(client, window, logged):  # noqa: F811
    data = post_data(2)
    response = client.post("/apply/", data, HTTP_X_REQUEST_ID="req-4242")
    assert response.status_code == 302 and response["X-Request-ID"] == "req-4242"
    lines = logged()
    received = [x for x in lines if "application" in x["message"] and "received" in x["message"]]
    assert received and received[0]["level"] == "INFO" and received[0]["request_id"] == "req-4242"
    everything = json.dumps(lines, ensure_ascii=False)
    personal = [data["support_name"], data["support_email"], data["support_phone"], data["company_name"]]
    personal += [v for k, v in data.items() if k.endswith("-name")]
    assert len(personal) == 6
    assert [p for p in personal if p in everything] == []


def test_a_request_without_an_id_gets_one_and_an_unsafe_one_is_replaced(client):
    made = client.get("/healthz")["X-Request-ID"]
    assert len(made) == 32
    replaced = client.get("/healthz", HTTP_X_REQUEST_ID="bad id\nwith newline")["X-Request-ID"]
    assert replaced != "bad id\nwith newline" and len(replaced) == 32


def test_an_address_or_a_phone_number_that_slips_into_a_message_is_masked(logged):
    logging.getLogger("programme.test").info("mail to %s failed, call %s", "yamada@example.jp",
                                             "099-286-0000")
    [line] = [x for x in logged() if x["logger"] == "programme.test"]
    assert line["message"] == "mail to [email] failed, call [phone]"


def test_version_names_the_software_and_what_it_runs_on(capsys):
    with pytest.raises(SystemExit) as done:
        main(["--version"])
    assert done.value.code == 0
    out = capsys.readouterr().out
    assert out.startswith("kagoshima-nihongo ") and "Python 3." in out and "Django 5." in out


def test_serve_runs_gunicorn_with_two_threads_per_process_after_the_deploy_checks(monkeypatch):
    # benchmarks/lti_answers.py: a request is mostly Python, so threads beyond two only wait for one another
    import os

    import django.core.management

    calls, started = [], []
    monkeypatch.setattr(django.core.management, "call_command", lambda *a, **kw: calls.append(a))
    monkeypatch.setattr(os, "execvp", lambda file, argv: started.append(argv))
    main(["serve", "--workers", "4"])
    assert calls == [("collectstatic", "--no-input"), ("check", "--deploy")]
    command = " ".join(started[0])
    assert "portal.wsgi:application" in command and "--workers 4" in command
    assert "--worker-class gthread --threads 2" in command


def test_a_server_process_loads_the_bank_then_freezes_its_heap():
    import gc

    from portal.warm import warm_up

    gc.unfreeze()
    try:
        warm_up()
        assert gc.get_freeze_count() > 10_000  # Django, the apps and the bank: out of the collector's sight
    finally:
        gc.unfreeze()
