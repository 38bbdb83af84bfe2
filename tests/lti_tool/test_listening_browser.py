"""Listening through LTI on a 360 px phone: demo LMS → launch of a listening drill → the audio plays,
the script appears only after the answer, and the browser keeps the file (downloaded once)."""

import os
import time

import pytest

from curriculum import audio
from curriculum.bank import default_bank
from curriculum.furigana import plain

from .harness import make_programme

# Playwright's sync API runs an asyncio loop in this thread (see tests/lti_tool/test_browser.py).
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run", "--autoplay-policy=no-user-gesture-required"]



def heard_by(page, player: str, seconds: float, timeout: float = 15.0):
    """Wait until the player's clock passes ``seconds`` (polled: the page's CSP forbids eval'd waits)."""
    deadline = time.monotonic() + timeout
    while page.evaluate(f"document.querySelector('{player}').currentTime") <= seconds:
        assert time.monotonic() < deadline, f"{player} did not play (no audio decoded)"
        page.wait_for_timeout(100)

def play(page, seconds=1.0):
    page.evaluate("document.querySelector('.nd-audio').play()")
    heard_by(page, ".nd-audio", seconds)
    page.evaluate("document.querySelector('.nd-audio').pause()")


@pytest.mark.browser
def test_a_learner_listens_and_answers_through_lti(live_server, transactional_db, settings, monkeypatch):
    from playwright.sync_api import expect, sync_playwright

    settings.NIHONGO_BASE_URL = live_server.url
    make_programme(live_server.url)
    monkeypatch.setattr("portal.demo_lms.launches.DRILL_SETTINGS",
                        {"activity": "jlpt_drill", "level": "N5", "item_count": "2",
                         "types": "quick_response,task_listening"})
    sent, real = [], audio.file_response

    def counting(name, range_header):
        sent.append(name)
        return real(name, range_header)
    monkeypatch.setattr("lti_tool.audio_views.file_response", counting)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        try:
            page = browser.new_page(viewport={"width": 360, "height": 740})
            page.goto(live_server.url + "/demo-lms/")
            page.get_by_role("link", name="Launch drill as lan").click()
            drill = page.locator(".nihongo-drill")
            item = default_bank().get(drill.get_attribute("data-item-id"))
            stimulus = default_bank().stimuli[item.stimulus]
            expect(drill.locator(".nd-audio")).to_be_visible()
            # lan reads Vietnamese
            expect(drill.locator(".nd-audio-note")).to_have_text(audio.SYNTHETIC_NOTE["vi"])
            expect(drill.locator(".nd-stimulus-text")).to_be_empty()
            assert page.evaluate("document.documentElement.scrollWidth") <= 360

            with page.expect_response(lambda r: "/lti/audio/" in r.url) as first:
                play(page)
            assert first.value.headers["cache-control"] == audio.CACHE_CONTROL
            assert sent and set(sent) == {stimulus["audio"]}
            page.evaluate("document.querySelector('.nd-audio').currentTime = 0")  # practice: replay freely
            play(page, 0.5)
            before = len(sent)  # the browser keeps the file: asking for it again does not reach the server
            assert page.evaluate("fetch(document.querySelector('.nd-audio').src).then(r => r.status)") == 200
            assert len(sent) == before, "the audio was downloaded again"

            drill.locator(".nd-choice").nth(item.answer).click()
            expect(drill.locator(".nd-feedback .nd-result")).to_be_visible()
            expect(drill.locator(".nd-feedback .nd-script")).to_have_text(plain(stimulus["text"]))
            assert page.evaluate("document.documentElement.scrollWidth") <= 360
        finally:
            browser.close()
