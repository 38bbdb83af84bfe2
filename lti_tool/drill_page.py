"""The drill as the XBlock renders it: its template, strings, CSS and JS, read from the package.

Both hosts render the same markup and run the same ``drill.js``, so a learner sees one drill
whether it comes through Open edX or through an LTI platform.
"""

from __future__ import annotations

import json

from xblocks.common import language as languages
from xblocks.common import page
from xblocks.jlpt_drill import block

PACKAGE = "xblocks.jlpt_drill"
DEFAULT_TITLE = "JLPT vocabulary drill"


def css() -> str:
    return page.read(PACKAGE, "public", "css", "drill.css")


def js() -> str:
    return page.read(PACKAGE, "public", "js", "drill.js")


def text(language: str) -> dict:
    """The UI strings in ``language``, keyed as drill.js reads them."""
    return page.text(PACKAGE, block.TEXT, language)


def markup(payload: dict, urls: dict, language: str, title: str = "") -> str:
    """The ``.nihongo-drill`` element with the current question, from the XBlock's template."""
    strings = text(language)
    return page.markup(PACKAGE, "drill.html", {
        "display_name": title or page.title(PACKAGE, DEFAULT_TITLE, language),
        "payload": payload, "text": strings, "text_json": json.dumps(strings), "language": language,
        "languages": languages.LANGUAGE_NAMES, "shown": block._shown(strings, payload), "urls": urls,
    })
