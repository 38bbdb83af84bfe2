"""The mock test as the XBlock renders it: its template, strings, CSS and JS, read from the package.

Both hosts render the same markup and run the same ``mock.js``, so a learner sees one mock test
whether it comes through Open edX or through an LTI platform.
"""

from __future__ import annotations

import json

from xblocks.common import language as languages
from xblocks.common import page
from xblocks.mock_test import block

PACKAGE = "xblocks.mock_test"


def css() -> str:
    return page.read(PACKAGE, "public", "css", "mock.css")


def js() -> str:
    return page.read(PACKAGE, "public", "js", "mock.js")


def text(language: str) -> dict:
    """The UI strings in ``language``, keyed as mock.js reads them."""
    return page.text(PACKAGE, block.TEXT, language)


def markup(payload: dict, urls: dict, language: str, title: str = "") -> str:
    """The ``.nihongo-mock`` element with the page's first state, from the XBlock's template."""
    strings = text(language)
    return page.markup(PACKAGE, "mock.html", {
        "display_name": title or page.title(PACKAGE, block.DEFAULT_TITLE, language),
        "text": strings, "text_json": json.dumps(strings), "payload_json": json.dumps(payload),
        "urls_json": json.dumps(urls), "uid": "lti", "language": language,
        "languages": languages.LANGUAGE_NAMES,
    })
