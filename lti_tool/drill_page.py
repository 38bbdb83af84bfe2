"""The drill as the XBlock renders it: its template, strings, CSS and JS, read from the package.

Both hosts render the same markup and run the same ``drill.js``, so a learner sees one drill
whether it comes through Open edX or through an LTI platform.
"""

from __future__ import annotations

import gettext
import json
from importlib import resources

from django.template import Context, Template

from xblocks.jlpt_drill import block

PACKAGE = "xblocks.jlpt_drill"
DEFAULT_TITLE = "JLPT vocabulary drill"


def _read(*parts: str) -> str:
    return resources.files(PACKAGE).joinpath(*parts).read_text(encoding="utf-8")


def css() -> str:
    return _read("public", "css", "drill.css")


def js() -> str:
    return _read("public", "js", "drill.js")


def _translations(language: str) -> gettext.NullTranslations:
    """The XBlock's own catalogue for ``language`` (Open edX has none for my or tl)."""
    localedir = resources.files(PACKAGE).joinpath("translations")
    return gettext.translation("text", localedir=str(localedir), languages=[language], fallback=True)


def text(language: str) -> dict:
    """The UI strings in ``language``, keyed as drill.js reads them."""
    translate = _translations(language).gettext
    return {key: translate(value) for key, value in block.TEXT.items()}


def markup(payload: dict, urls: dict, language: str, title: str = "") -> str:
    """The ``.nihongo-drill`` element with the current question, from the XBlock's template."""
    strings = text(language)
    context = {
        "display_name": title or _translations(language).gettext(DEFAULT_TITLE),
        "payload": payload, "text": strings, "text_json": json.dumps(strings),
        "shown": block._shown(strings, payload), "urls": urls,
    }
    return Template(_read("templates", "drill.html")).render(Context(context))
