"""The drill's buttons and messages in every help language; the shipped catalogues are current."""

import gettext
from pathlib import Path

import pytest

from lti_tool import drill_page
from xblocks.jlpt_drill.block import TEXT
from xblocks.jlpt_drill.translations import catalogue


def test_every_ui_string_has_a_translation_in_every_language():
    sources = set(TEXT.values()) | {drill_page.DEFAULT_TITLE}
    missing = {s for s in sources if s not in catalogue.TRANSLATIONS}
    assert missing == set(), "add them to xblocks/jlpt_drill/translations/catalogue.py"
    for source, targets in catalogue.TRANSLATIONS.items():
        assert set(targets) == set(catalogue.LANGUAGES), source
        for language, text in targets.items():
            assert text.strip(), (source, language)
            placeholders = {p for p in ("{n}", "{total}", "{days}", "{correct}", "{best}") if p in source}
            assert all(p in text for p in placeholders), (source, language)


def test_the_shipped_catalogues_are_the_compiled_source(tmp_path):
    for fresh in catalogue.write(tmp_path):
        shipped = catalogue.HERE / fresh.relative_to(tmp_path)
        assert shipped.read_bytes() == fresh.read_bytes(), (
            f"{shipped} is stale: run python -m xblocks.jlpt_drill.translations.catalogue")


@pytest.mark.parametrize(("language", "button"), [("vi", "Tiếp theo"), ("my", "နောက်တစ်ခု"), ("ja", "つぎへ"),
                                                  ("en", "Next")])
def test_the_lti_drill_speaks_the_learners_language(language, button):
    assert drill_page.text(language)["next"] == button
    translation = gettext.translation("text", localedir=str(catalogue.HERE), languages=[language],
                                      fallback=True)
    assert translation.gettext("Next") == button


@pytest.mark.parametrize("block", ["jlpt_drill", "mock_test", "placement_test"])
@pytest.mark.parametrize("language", ["ja", "vi", "id", "tl", "my"])
def test_each_blocks_catalogue_answers_the_language_probe_with_its_own_code(block, language):
    from xblocks.common import language as languages
    folder = Path(__file__).resolve().parents[2] / "xblocks" / block / "translations"
    translation = gettext.translation("text", localedir=str(folder), languages=[language])
    assert translation.gettext(languages.PROBE) == language
    assert translation.gettext("Language") == languages.SWITCH_TRANSLATIONS["Language"][language]
