"""An activity's one page (``curriculum.activity.Page``) as the LTI tool serves it: the template, CSS,
JS and gettext catalogue that Open edX serves from the block's package, read here as package data, and
the context from the core's ``Page.context``. So a learner sees one activity whichever host serves it.
"""

from __future__ import annotations

import gettext
from importlib import resources

from django.template import Context, Template

from curriculum.activity import Page


def read(page: Page, path: str) -> str:
    """A file of the page's package (``templates/…``, ``public/…``), as text."""
    return resources.files(page.package).joinpath(path).read_text(encoding="utf-8")


def _catalogue(page: Page, language: str) -> gettext.NullTranslations:
    folder = resources.files(page.package).joinpath("translations")
    return gettext.translation("text", localedir=str(folder), languages=[language], fallback=True)


def text(page: Page, language: str) -> dict:
    """The page's UI strings translated by the block's own catalogue (English without one)."""
    translate = _catalogue(page, language).gettext
    return {key: translate(value) for key, value in page.text.items()}


def title(page: Page, language: str, given: str = "") -> str:
    """The link's title when it has one, else the page's default title in ``language``."""
    return given or _catalogue(page, language).gettext(page.default_title)


def markup(page: Page, context: dict) -> str:
    """The page's template rendered with ``context`` (``page.context(...)``)."""
    return Template(read(page, f"templates/{page.template}")).render(Context(context))


#: The JS helper every page's script may use (``window.NihongoCommon``), served before it, as each
#: XBlock's fragment serves it in Open edX.
HELPER_JS = ("xblocks.common", "public/js/nihongo.js")


def assets(page: Page) -> dict:
    """The page's CSS and JS (the shared helper first), inlined by the tool's launch template."""
    if not page.js:
        return {"css": read(page, page.css), "js": ""}
    package, path = HELPER_JS
    helper = resources.files(package).joinpath(path).read_text(encoding="utf-8")
    return {"css": read(page, page.css), "js": helper + "\n" + read(page, page.js)}
