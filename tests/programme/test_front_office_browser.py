"""The entry form in Debian's Chromium at phone size (390×844): fill, fix a mistake, get a receipt."""

import os
import re
from datetime import timedelta
from pathlib import Path

import pytest
from django.utils import timezone

from curriculum.japan_time import japan_date
from programme.approvals import programme_counter
from programme.models import Application, ApplicationLearner

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run"]
PHONE = {"width": 390, "height": 844}
SCREENSHOT = Path(__file__).resolve().parents[2] / "docs" / "img" / "apply-form-phone.png"


@pytest.mark.browser
def test_a_company_applies_on_a_phone(live_server, transactional_db, monkeypatch):
    from playwright.sync_api import expect, sync_playwright

    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # Playwright's loop runs in this thread
    counter = programme_counter()
    today = japan_date(timezone.now())
    counter.recruitment_opens_on, counter.recruitment_closes_on = today - timedelta(30), today + timedelta(30)
    counter.save()
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        try:
            page = browser.new_page(viewport=PHONE)
            page.goto(f"{live_server.url}/apply/")
            assert page.evaluate("document.documentElement.scrollWidth") <= 390  # no sideways scrolling
            page.get_by_label("企業名").fill("桜島食品株式会社")
            page.get_by_label("所在地").fill("鹿児島県鹿児島市山下町11-1")
            page.get_by_label("法人番号（13桁）").fill("8000012050002")  # one digit wrong
            page.get_by_label("従業員数").fill("29")
            page.get_by_label("業種").select_option("飲食料品製造業")
            page.get_by_label("学習支援担当者の氏名").fill("山田 花子")
            page.get_by_label("担当者のメールアドレス").fill("yamada@sakurajima.example.jp")
            page.get_by_label("担当者の電話番号").fill("099-286-0000")
            learner = page.locator("#learner-1")
            learner.get_by_label("氏名（ローマ字）").fill("NGUYEN THI LAN")
            learner.get_by_label("国籍").select_option("Viet Nam")
            learner.get_by_label("在留資格").select_option("育成就労")
            learner.get_by_label("現在の日本語レベル").select_option("N5")
            learner.get_by_label("説明の言語").select_option("vi")
            page.locator("#learner-2 summary").click()
            second = page.locator("#learner-2")
            second.get_by_label("氏名（ローマ字）").fill("BUDI SANTOSO")
            second.get_by_label("国籍").select_option("Indonesia")
            second.get_by_label("在留資格").select_option("特定技能1号")
            second.get_by_label("説明の言語").select_option("id")
            page.get_by_label("個人情報の取扱いに同意します").check()
            submit = page.get_by_role("button", name="申請する")
            assert submit.bounding_box()["height"] >= 44  # a touch target
            submit.click()

            expect(page.locator("#problems")).to_contain_text("チェックデジット")
            field = page.get_by_label("法人番号（13桁）")
            expect(field).to_have_attribute("aria-invalid", "true")
            expect(page.locator("#learner-2")).to_have_attribute("open", "")  # what was typed stays visible
            assert page.evaluate("document.documentElement.scrollWidth") <= 390
            field.fill("7000012050002")
            expect(page.get_by_label("個人情報の取扱いに同意します")).to_be_checked()
            if os.environ.get("NIHONGO_SCREENSHOT") == "1":
                SCREENSHOT.parent.mkdir(parents=True, exist_ok=True)
                page.screenshot(path=str(SCREENSHOT))
            page.get_by_role("button", name="申請する").click()

            expect(page.locator("#receipt")).to_have_text(re.compile(r"^A\d{6}-[A-Z2-9]{4}$"))
            receipt = page.locator("#receipt").inner_text()
            assert page.evaluate("document.documentElement.scrollWidth") <= 390
        finally:
            browser.close()
    # Outside Playwright's block: the ORM on this thread's own connection.
    assert Application.objects.get().receipt_number == receipt
    assert ApplicationLearner.objects.count() == 2
