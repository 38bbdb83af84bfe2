"""Our gettext catalogues: the ``.po`` files are the source a translator edits (Poedit, Weblate, a text
editor); the ``.mo`` beside each is compiled from it, and a test checks they agree.

Where they are, as each host loads them:

- each XBlock's ``translations/<lang>/LC_MESSAGES/text.po`` and ``.mo``: the folder and domain Open edX's
  ``XBlockI18nService`` loads from the block's own package (the LTI tool reads the same files);
- the LTI tool's Django catalogue, ``lti_tool/locale/<lang>/LC_MESSAGES/django.po`` (Django finds it);
- the survey form's words, ``programme/surveys/locale/<lang>/LC_MESSAGES/django.po``.

``python -m xblocks.common.catalogue`` compiles every ``.po`` of the project into its ``.mo`` (after a
translator's edit, or ``msgfmt`` does the same); ``--check`` only says which ``.mo`` are stale.
Compiled files come out byte-identical when nothing changed.
"""

from __future__ import annotations

import gettext
import io
import re
import sys
from pathlib import Path

from curriculum.languages import CATALOGUE_LANGUAGES

DOMAIN = "text"
LANGUAGES = CATALOGUE_LANGUAGES
ROOT = Path(__file__).resolve().parents[2]
#: Every block with a catalogue (each ``xblocks/<block>/translations``).
BLOCKS = tuple(sorted(p.parent.name for p in (ROOT / "xblocks").glob("*/translations")))


def folder(block: str) -> Path:
    """A block's catalogue folder (``xblocks/<block>/translations``)."""
    return ROOT / "xblocks" / block / "translations"


#: Every catalogue folder of the project, with its domain.
FOLDERS = (*((folder(block), DOMAIN) for block in BLOCKS), (ROOT / "lti_tool" / "locale", "django"),
           (ROOT / "programme" / "surveys" / "locale", "django"),
           (ROOT / "programme" / "accounts" / "locale", "django"))


def _read(path: Path):
    from babel.messages.pofile import read_po

    with open(path, "rb") as po:
        return read_po(po, locale=path.parents[1].name)


def table(folder: Path, domain: str = DOMAIN) -> dict[str, dict[str, str]]:
    """Every message of a folder's catalogues: ``{source: {language: translation}}`` (plural forms:
    the source is the singular, the translation the first form)."""
    found: dict[str, dict[str, str]] = {}
    for language in LANGUAGES:
        path = folder / language / "LC_MESSAGES" / f"{domain}.po"
        if not path.exists():
            continue
        for message in _read(path):
            if not message.id:
                continue
            source = message.id[0] if isinstance(message.id, tuple) else message.id
            text = message.string[0] if isinstance(message.string, tuple) else message.string
            found.setdefault(source, {})[language] = text or ""
    return found


def problems(translations: dict, sources: set, languages: tuple[str, ...] = LANGUAGES) -> list[str]:
    """What is missing or broken: untranslated sources, absent languages, lost ``{placeholders}``."""
    found = [f"no translation: {s!r}" for s in sorted(sources - set(translations))]
    for source, targets in translations.items():
        if source not in sources:
            continue
        absent = sorted(set(languages) - {code for code, text in targets.items() if text.strip()})
        if absent:
            found.append(f"languages missing for {source!r}: {absent}")
        for language, text in targets.items():
            lost = set(re.findall(r"\{\w+\}|%\(\w+\)s", source)) - set(re.findall(r"\{\w+\}|%\(\w+\)s", text))
            if text.strip() and lost:
                found.append(f"{language} for {source!r}: lost {sorted(lost)}")
    return found


def compiled(po_path: Path) -> bytes:
    """The ``.mo`` of a ``.po``, as bytes."""
    from babel.messages.mofile import write_mo

    out = io.BytesIO()
    write_mo(out, _read(po_path))
    return out.getvalue()


def stale(folder: Path, domain: str = DOMAIN) -> list[Path]:
    """The ``.mo`` files of a folder that are missing or differ from their compiled ``.po``."""
    return [po.with_suffix(".mo") for po in sorted(folder.glob(f"*/LC_MESSAGES/{domain}.po"))
            if not po.with_suffix(".mo").exists() or po.with_suffix(".mo").read_bytes() != compiled(po)]


def compile_all(folder: Path, domain: str = DOMAIN) -> list[Path]:
    """Compile a folder's ``.po`` files; returns the ``.mo`` files rewritten."""
    written = stale(folder, domain)
    for mo in written:
        mo.write_bytes(compiled(mo.with_suffix(".po")))
    return written


def translations(folder: Path, language: str, domain: str = DOMAIN) -> gettext.NullTranslations:
    """A block's catalogue for ``language`` (English when there is none)."""
    return gettext.translation(domain, localedir=str(folder), languages=[language], fallback=True)


def main(argv: list[str]) -> int:
    check = "--check" in argv
    changed = [mo for folder, domain in FOLDERS for mo in (stale if check else compile_all)(folder, domain)]
    for mo in changed:
        print(("stale: " if check else "compiled: ") + str(mo.relative_to(ROOT)))
    return 1 if check and changed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
