"""Writing a block's gettext catalogues (``<lang>/LC_MESSAGES/text.po`` and ``.mo``) from a dict.

The same layout and domain as ``xblocks/jlpt_drill/translations/catalogue.py``: what Open edX loads
from an XBlock package and what the LTI tool reads. Files come out byte-identical when nothing
changed, so a test can compare the shipped ones with a fresh build.
"""

from __future__ import annotations

import gettext
import re
from datetime import datetime, timezone
from pathlib import Path

DOMAIN = "text"
LANGUAGES = ("ja", "vi", "id", "tl", "my")
FIXED_DATE = datetime(2026, 11, 27, tzinfo=timezone.utc)


def catalog(translations: dict, language: str):
    from babel.messages.catalog import Catalog

    cat = Catalog(locale=language, domain=DOMAIN, project="kagoshima-nihongo", charset="utf-8",
                  creation_date=FIXED_DATE, revision_date=FIXED_DATE, version="0.1",
                  copyright_holder="Kagoshima Nihongo authors", language_team="Kagoshima Nihongo authors",
                  last_translator="Kagoshima Nihongo authors", msgid_bugs_address="(the project's issues)")
    cat.fuzzy = False
    for source, targets in translations.items():
        cat.add(source, targets[language])
    return cat


def write(translations: dict, root: Path) -> list[Path]:
    """Write every language's .po and .mo under ``root``; returns the files written."""
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import write_po

    written = []
    for language in LANGUAGES:
        folder = root / language / "LC_MESSAGES"
        folder.mkdir(parents=True, exist_ok=True)
        cat = catalog(translations, language)
        with open(folder / f"{DOMAIN}.po", "wb") as po:
            write_po(po, cat, omit_header=False, sort_output=True, width=110)
        with open(folder / f"{DOMAIN}.mo", "wb") as mo:
            write_mo(mo, cat)
        written += [folder / f"{DOMAIN}.po", folder / f"{DOMAIN}.mo"]
    return written


def problems(translations: dict, sources: set) -> list[str]:
    """What is missing or broken: untranslated sources, absent languages, lost ``{placeholders}``."""
    found = [f"no translation: {s!r}" for s in sorted(sources - set(translations))]
    for source, targets in translations.items():
        if set(targets) != set(LANGUAGES):
            found.append(f"languages missing for {source!r}: {sorted(set(LANGUAGES) - set(targets))}")
        for language, text in targets.items():
            lost = set(re.findall(r"\{\w+\}", source)) - set(re.findall(r"\{\w+\}", text))
            if not text.strip() or lost:
                found.append(f"{language} for {source!r}: empty or lost {sorted(lost)}")
    return found


def translations(folder: Path, language: str) -> gettext.NullTranslations:
    """A block's catalogue for ``language`` (English when there is none)."""
    return gettext.translation(DOMAIN, localedir=str(folder), languages=[language], fallback=True)
