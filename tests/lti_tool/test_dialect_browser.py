"""A learner on a phone: demo LMS → LTI launch → a whole dialect lesson, in Debian's Chromium."""

import os

import pytest

from curriculum import dialect
from lti_tool.models import ActivityResult, AnswerRecord, ScoreRecord
from portal.demo_lms.models import Score

from .harness import make_programme
from .test_browser import ARGS, CHROMIUM

# Playwright's sync API runs an asyncio loop in this thread; the test's own ORM use is plain setup.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"


@pytest.mark.browser
def test_a_learner_finishes_a_dialect_lesson_launched_from_the_lms(live_server, transactional_db, settings,
                                                                  monkeypatch):
    from playwright.sync_api import expect, sync_playwright

    settings.NIHONGO_BASE_URL = live_server.url
    make_programme(live_server.url)
    # the course's link opens the ～っせ lesson (the live server runs in this process)
    monkeypatch.setattr("portal.demo_lms.launches.DRILL_SETTINGS",
                        {"activity": "dialect_lesson", "lesson": "grammar_sse", "item_count": "6"})
    key = {drill.prompt: drill.answer for drill in dialect.lesson("grammar_sse").drills}
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        try:
            page = browser.new_page(viewport={"width": 390, "height": 844})
            page.goto(live_server.url + "/demo-lms/")
            page.get_by_role("link", name="Launch drill as lan").click()
            lesson = page.locator(".nihongo-dialect")
            expect(lesson).to_be_visible()
            expect(lesson.locator(".ndl-lesson")).to_have_text(dialect.lesson("grammar_sse").title["vi"])
            assert page.evaluate("document.documentElement.scrollWidth") <= 390
            for n in range(1, 7):
                expect(lesson.locator(".ndl-progress")).to_have_text(f"{n} / 6")
                buttons = lesson.locator(".ndl-choice")
                answer = key[lesson.locator(".ndl-prompt").inner_text()]
                buttons.nth(buttons.all_inner_texts().index(answer)).click()
                # lan reads Vietnamese
                expect(lesson.locator(".ndl-feedback .ndl-result")).to_have_text("Đúng rồi!")
                lesson.locator(".ndl-next").click()
            expect(lesson.locator(".ndl-score")).to_have_text("Điểm của bạn: 6 / 6")
        finally:
            browser.close()
    # Outside Playwright's greenlet (see test_browser.py)
    assert AnswerRecord.objects.filter(subject="sub-lan").count() == 6
    assert ActivityResult.objects.get(subject="sub-lan").summary["scored_correct"] == 6
    assert ScoreRecord.objects.get().delivered is True
    assert (Score.objects.get().score_given, Score.objects.get().score_maximum) == (6, 6)
