"""The manager's and course author's pages in Japanese, the learners' "Open in a new window" help in
every help language: every string translated, .mo current."""

import ast
import re
from pathlib import Path

from django.test import Client
from django.utils.translation.template import templatize

import lti_tool
from lti_tool import learner_messages, new_window
from xblocks.common import catalogue

from .harness import launch

TEMPLATES = Path(lti_tool.__file__).resolve().parent / "templates" / "lti_tool"
LOCALE = Path(lti_tool.__file__).resolve().parent / "locale"


def ja() -> dict:
    """The Japanese catalogue, as {source: translation} (plurals: the singular's first form)."""
    return {source: targets["ja"] for source, targets in catalogue.table(LOCALE, "django").items()
            if "ja" in targets}
LITERAL = r"u('(?:\\.|[^'\\])*'|\"(?:\\.|[^\"\\])*\")"


def template_strings() -> set:
    found = set()
    for path in TEMPLATES.glob("*.html"):
        code = templatize(path.read_text(encoding="utf-8"))
        for single in re.findall(rf"(?<!n)gettext\({LITERAL}\)", code):
            found.add(ast.literal_eval(single))
        for one, many in re.findall(rf"ngettext\({LITERAL}, {LITERAL}, count\)", code):
            found.add((ast.literal_eval(one), ast.literal_eval(many)))
    return found


def code_strings() -> set:
    """What the manager's .xlsx and the skill names say, from Python (``_("…")`` and ``SKILLS``)."""
    from lti_tool import dashboard

    source = Path(dashboard.__file__).read_text(encoding="utf-8")
    said = {ast.literal_eval(s) for s in re.findall(r'\b_\(("(?:\\.|[^"\\])*")\)', source)}
    return said | set(dashboard.SKILLS.values()) | {"Learners"}


def test_every_template_string_has_its_japanese():
    strings = {s if isinstance(s, str) else s[0] for s in template_strings()}
    learners = set(new_window.MESSAGES.values()) | set(learner_messages.MESSAGES.values())
    assert "Learners' practice" in strings  # the extraction sees the dashboard
    assert strings - set(ja()) == set(), "add them to lti_tool/locale/ja/LC_MESSAGES/django.po"
    assert set(ja()) - strings - learners - code_strings() == set(), "remove strings nothing uses"
    assert all(ja().values())


def test_every_string_of_the_managers_workbook_and_skills_has_its_japanese():
    said = code_strings()
    assert "Accuracy by skill" in said and "Kagoshima dialect" in said
    assert said - set(ja()) == set(), "add them to lti_tool/locale/ja/LC_MESSAGES/django.po"


def test_the_learners_strings_are_in_every_help_language():
    learners = set(new_window.MESSAGES.values()) | set(learner_messages.MESSAGES.values())
    table = catalogue.table(LOCALE, "django")
    assert catalogue.problems({s: table.get(s, {}) for s in learners}, learners) == []
    assert new_window.texts("tl")["open"] == "Buksan sa bagong window"
    assert new_window.texts("fr")["open"] == "Open in a new window"


def test_the_shipped_catalogue_is_current():
    assert catalogue.stale(LOCALE, "django") == [], "run python -m xblocks.common.catalogue"


def test_a_japanese_manager_reads_the_dashboard_in_japanese(demo):
    launch(Client(), "lan")
    page = launch(Client(), "manager1").page  # the demo LMS launches managers with the ja locale
    assert "学習者の学習状況" in page and "ダウンロード（.xlsx）" in page
    assert "Learners' practice" not in page


def test_a_refusal_speaks_the_learners_language_and_shows_the_way_back(demo):
    from programme.models import Learner

    Learner.objects.filter(login_id="lan").update(status="stopped")  # lan's LMS speaks Vietnamese
    page = launch(Client(), "lan").page
    assert "Suất học của bạn trong chương trình Kagoshima Nihongo đã kết thúc." in page
    assert "Không thể mở hoạt động này" in page and "Hãy quay lại trang khóa học" in page
    # Before any launch is read, the browser's language.
    unknown = Client().get("/lti/launched/no-such-launch/", secure=True, HTTP_ACCEPT_LANGUAGE="my")
    assert unknown.status_code == 403
    assert "သင်တန်းမှ လေ့ကျင့်ခန်းကို ထပ်မံဖွင့်ပါ။" in unknown.content.decode()
