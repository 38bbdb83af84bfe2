"""The manager's and course author's pages in Japanese: every template string translated, .mo current."""

import ast
import re
from pathlib import Path

from django.test import Client
from django.utils.translation.template import templatize

from lti_tool.locale import catalogue

from .harness import launch

TEMPLATES = Path(catalogue.__file__).resolve().parents[1] / "templates" / "lti_tool"
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
    strings = template_strings()
    assert "Learners' practice" in strings  # the extraction sees the dashboard
    assert strings - set(catalogue.JA) == set(), "add them to lti_tool/locale/catalogue.py"
    assert set(catalogue.JA) - strings == set(), "remove strings no template uses"
    assert all(catalogue.JA.values())


def test_the_shipped_catalogue_is_current(tmp_path):
    for fresh in catalogue.write(tmp_path):
        shipped = catalogue.HERE / fresh.relative_to(tmp_path)
        assert shipped.read_bytes() == fresh.read_bytes(), f"{shipped}: python -m lti_tool.locale.catalogue"


def test_a_japanese_manager_reads_the_dashboard_in_japanese(demo):
    launch(Client(), "lan")
    page = launch(Client(), "manager1").page  # the demo LMS launches managers with the ja locale
    assert "学習者の学習状況" in page and "ダウンロード（.xlsx）" in page
    assert "Learners' practice" not in page
