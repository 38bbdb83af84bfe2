"""Drill blocks on xblock-sdk's real WorkbenchRuntime (its Django key-value store, so it needs the db)."""

import itertools
import json
from datetime import datetime, timezone
from pathlib import Path

import pytest
import webob
from playwright.sync_api import sync_playwright
from workbench.runtime import WorkbenchRuntime
from workbench.scenarios import init_scenarios

from curriculum.bank import default_bank
from xblocks.jlpt_drill.block import JlptDrillBlock

#: A Tuesday, so the study week (Monday to Sunday, Japan time) has room on both sides.
TUESDAY = datetime(2026, 7, 14, 3, 0, tzinfo=timezone.utc)

_scenario_numbers = itertools.count()


@pytest.fixture
def clock(monkeypatch):
    """The block's one clock, held still; set ``clock.now`` to move it."""
    class Clock:
        now = TUESDAY

    monkeypatch.setattr(JlptDrillBlock, "_now", lambda block: Clock.now)
    return Clock


@pytest.fixture
def published(monkeypatch):
    """Every event the drill publishes, as (event_type, data); the workbench would only log them."""
    events = []
    monkeypatch.setattr(WorkbenchRuntime, "publish",
                        lambda runtime, block, event_type, data: events.append((event_type, data)))
    return events


@pytest.fixture
def drill_factory(db, clock):
    """Make a drill from OLX, as one learner sees it."""
    def make(olx='<jlpt_drill level="N5" item_count="3"/>', user_id="alice"):
        runtime = WorkbenchRuntime(user_id)
        runtime.id_generator.set_scenario(f"test{next(_scenario_numbers)}")
        return runtime.get_block(runtime.parse_xml_string(olx))
    return make


def as_learner(block, user_id):
    """The same block, freshly loaded from the store for ``user_id`` (a new request, a reload)."""
    return WorkbenchRuntime(user_id).get_block(block.scope_ids.usage_id)


def post(block, handler, body=None):
    """POST to a handler the way the browser does; returns (status, parsed JSON body)."""
    raw = body if isinstance(body, bytes) else json.dumps({} if body is None else body).encode()
    response = block.runtime.handle(block, handler, webob.Request.blank("/", method="POST", body=raw))
    return response.status_code, response.json


def right_choice(item_id):
    return default_bank().get(item_id).answer


def wrong_choice(item_id):
    return (right_choice(item_id) + 1) % len(default_bank().get(item_id).choices)


def answer_current(block, correct=True):
    """Ask for the current question and answer it right or wrong; returns the answer's payload."""
    _status, payload = post(block, "next")
    item_id = payload["item"]["id"]
    choice = right_choice(item_id) if correct else wrong_choice(item_id)
    status, result = post(block, "answer", {"item_id": item_id, "choice": choice})
    assert status == 200, result
    return result


# -- the browser tests' workbench and phone (Debian's Chromium) ----------------------------------

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
PHONE = {"width": 390, "height": 844}


@pytest.fixture
def workbench(live_server, transactional_db, monkeypatch):
    """The workbench index URL, its scenarios loaded into this test's (empty) database."""
    # Playwright's sync API runs an asyncio event loop in the test's thread, and Django then refuses
    # any ORM call from that thread as "async-unsafe". Nothing here is really async: allow it.
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    init_scenarios()  # the scenarios' settings live in the workbench's store, emptied between tests
    return f"{live_server.url}/workbench/"


@pytest.fixture
def phone():
    """A new page in Chromium with a phone's viewport."""
    if not CHROMIUM.exists():
        pytest.fail("Debian's Chromium is missing: apt-get install -y chromium fonts-noto-cjk "
                    "(or deselect with -m 'not browser')")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        page = browser.new_context(viewport=PHONE).new_page()
        yield page
        browser.close()
