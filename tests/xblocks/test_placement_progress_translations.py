"""The placement test and "My week" in every help language; the shipped catalogues are current."""

import pytest

from xblocks.common import catalogue
from xblocks.placement_test import block as placement_block
from xblocks.progress import block as progress_block

BLOCKS = {
    "placement_test": (placement_block.TEXT, "Placement test"),
    "progress": (progress_block.TEXT, "My week"),
}


@pytest.mark.parametrize("name", BLOCKS)
def test_every_ui_string_has_a_translation_in_every_language(name):
    text, title = BLOCKS[name]
    assert catalogue.problems(catalogue.table(catalogue.folder(name)), set(text.values()) | {title}) == []


@pytest.mark.parametrize("name", BLOCKS)
def test_the_shipped_catalogues_are_the_compiled_source(name):
    assert catalogue.stale(catalogue.folder(name)) == [], "stale: run python -m xblocks.common.catalogue"


def test_the_check_itself_catches_a_missing_or_broken_translation():
    broken = {"Hello {name}": {"ja": "こんにちは", "vi": "Xin chào {name}"}}
    found = catalogue.problems(broken, {"Hello {name}", "Bye"})
    assert any("'Bye'" in p for p in found)
    assert any("languages missing" in p for p in found)
    assert any(p.startswith("ja for") and "{name}" in p for p in found)


@pytest.mark.parametrize(("language", "expected"), [("ja", "わたしの 1しゅうかん"), ("vi", "Tuần của tôi"),
                                                    ("my", "ကျွန်ုပ်၏ အပတ်"), ("en", "My week")])
def test_the_shipped_catalogue_is_what_hosts_load(language, expected):
    assert catalogue.translations(catalogue.folder("progress"), language).gettext("My week") == expected
