"""The mock test as the XBlock renders it: its template, strings, CSS and JS, read from the package.

Both hosts render the same markup and run the same ``mock.js``, so a learner sees one mock test
whether it comes through Open edX or through an LTI platform.
"""

from __future__ import annotations

import gettext
import json
from importlib import resources

from django.template import Context, Template

from xblocks.mock_test import block

PACKAGE = "xblocks.mock_test"


def _read(*parts: str) -> str:
    return resources.files(PACKAGE).joinpath(*parts).read_text(encoding="utf-8")


def css() -> str:
    return _read("public", "css", "mock.css")


def js() -> str:
    return _read("public", "js", "mock.js")


def _translations(language: str) -> gettext.NullTranslations:
    """The XBlock's own catalogue for ``language`` (Open edX has none for my or tl)."""
    localedir = resources.files(PACKAGE).joinpath("translations")
    return gettext.translation("text", localedir=str(localedir), languages=[language], fallback=True)


def text(language: str) -> dict:
    """The UI strings in ``language``, keyed as mock.js reads them."""
    translate = _translations(language).gettext
    return {key: translate(value) for key, value in block.TEXT.items()}


def markup(payload: dict, urls: dict, language: str, title: str = "") -> str:
    """The ``.nihongo-mock`` element with the page's first state, from the XBlock's template."""
    strings = text(language)
    context = {
        "display_name": title or _translations(language).gettext(block.DEFAULT_TITLE),
        "text": strings, "text_json": json.dumps(strings), "payload_json": json.dumps(payload),
        "urls_json": json.dumps(urls), "uid": "lti",
    }
    return Template(_read("templates", "mock.html")).render(Context(context))
