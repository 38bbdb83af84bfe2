"""The drill's buttons and messages in every help language; every catalogue is complete and its .mo
current; a translator's edit of a .po reaches the hosts once compiled."""

import gettext

import pytest

from curriculum.activities import drill
from lti_tool import activity_page
from xblocks.common import catalogue
from xblocks.common import language as languages
from xblocks.jlpt_drill.block import TEXT

HERE = catalogue.folder("jlpt_drill")


def test_every_ui_string_has_a_translation_in_every_language():
    sources = set(TEXT.values()) | {drill.DEFAULT_TITLE}
    translations = catalogue.table(HERE)
    missing = {s for s in sources if s not in translations}
    assert missing == set(), "add them to xblocks/jlpt_drill/translations/<lang>/LC_MESSAGES/text.po"
    for source, targets in translations.items():
        assert set(targets) == set(catalogue.LANGUAGES), source
        for language, text in targets.items():
            assert text.strip(), (source, language)
            placeholders = {p for p in ("{n}", "{total}", "{days}", "{correct}", "{best}") if p in source}
            assert all(p in text for p in placeholders), (source, language)


@pytest.mark.parametrize(("folder", "domain"), catalogue.FOLDERS, ids=lambda v: str(v).split("/")[-2:][0])
def test_the_shipped_catalogues_are_the_compiled_source(folder, domain):
    assert catalogue.stale(folder, domain) == [], "run python -m xblocks.common.catalogue"


@pytest.mark.parametrize(("language", "button"), [("vi", "Tiếp theo"), ("my", "နောက်တစ်ခု"), ("ja", "つぎへ"),
                                                  ("en", "Next")])
def test_the_lti_drill_speaks_the_learners_language(language, button):
    assert activity_page.text(drill.PAGE, language)["next"] == button
    translation = gettext.translation("text", localedir=str(HERE), languages=[language], fallback=True)
    assert translation.gettext("Next") == button


LANGUAGE_LABEL = {"ja": "ことば", "vi": "Ngôn ngữ", "id": "Bahasa", "tl": "Wika", "my": "ဘာသာစကား"}


@pytest.mark.parametrize("block", ["jlpt_drill", "mock_test", "placement_test"])
@pytest.mark.parametrize("language", ["ja", "vi", "id", "tl", "my"])
def test_each_blocks_catalogue_answers_the_language_probe_with_its_own_code(block, language):
    translation = gettext.translation("text", localedir=str(catalogue.folder(block)), languages=[language])
    assert translation.gettext(languages.PROBE) == language
    assert translation.gettext("Language") == LANGUAGE_LABEL[language]


def test_every_catalogue_has_every_language():
    for folder, domain in catalogue.FOLDERS:
        assert sorted(p.parents[1].name for p in folder.glob(f"*/LC_MESSAGES/{domain}.po")) == sorted(
            catalogue.LANGUAGES), folder


def test_a_translators_edit_of_a_po_file_is_compiled_into_what_hosts_load(tmp_path):
    import shutil
    shutil.copytree(HERE, tmp_path / "translations")
    po = tmp_path / "translations" / "vi" / "LC_MESSAGES" / "text.po"
    edited = po.read_text(encoding="utf-8").replace('msgstr "Tiếp theo"', 'msgstr "Tiếp"')
    po.write_text(edited, encoding="utf-8")
    assert catalogue.stale(tmp_path / "translations") == [po.with_suffix(".mo")]
    assert catalogue.compile_all(tmp_path / "translations") == [po.with_suffix(".mo")]
    assert catalogue.translations(tmp_path / "translations", "vi").gettext("Next") == "Tiếp"
    assert catalogue.stale(tmp_path / "translations") == []


def test_no_python_dict_catalogue_is_left():
    """UI strings are translated in .po files only (item content, the bank's own data, is not UI)."""
    import re
    from pathlib import Path
    root = Path(catalogue.ROOT)
    dict_catalogue = re.compile(r"^\s*(TRANSLATIONS|TEXTS|JA|UI)\s*(:[^=]*)?=\s*\{", re.M)
    found = [str(p.relative_to(root)) for package in ("xblocks", "lti_tool", "programme/surveys")
             for p in (root / package).rglob("*.py") if dict_catalogue.search(p.read_text(encoding="utf-8"))]
    assert found == []
