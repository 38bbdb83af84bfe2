"""The manager's and course author's pages in Japanese, the learners' "Open in a new window" help in
every help language: every string translated, .mo current."""

import ast
import re
from pathlib import Path

from django.test import Client
from django.utils.translation.template import templatize

import lti_tool
from lti_tool import new_window
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


def test_every_template_string_has_its_japanese():
    strings = {s if isinstance(s, str) else s[0] for s in template_strings()}
    learners = set(new_window.MESSAGES.values())
    assert "Learners' practice" in strings  # the extraction sees the dashboard
    assert strings - set(ja()) == set(), "add them to lti_tool/locale/ja/LC_MESSAGES/django.po"
    assert set(ja()) - strings - learners == set(), "remove strings no template uses"
    assert all(ja().values())


def test_the_learners_strings_are_in_every_help_language():
    learners = set(new_window.MESSAGES.values())
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
