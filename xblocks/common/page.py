"""A block's page outside Open edX (the LTI tool): its own template, CSS, JS and catalogue, read from
the package, so a learner sees one activity whichever host serves it (as ``lti_tool/drill_page.py``)."""

from __future__ import annotations

from importlib import resources

from django.template import Context, Template

from . import catalogue


def read(package: str, *parts: str) -> str:
    """A file of the block's package, as text."""
    return resources.files(package).joinpath(*parts).read_text(encoding="utf-8")


def text(package: str, strings: dict, language: str) -> dict:
    """The block's UI strings (``block.TEXT``) translated by its own catalogue (English without one)."""
    translate = catalogue.translations(resources.files(package).joinpath("translations"), language).gettext
    return {key: translate(value) for key, value in strings.items()}


def title(package: str, default: str, language: str) -> str:
    """The block's default display name in ``language``."""
    folder = resources.files(package).joinpath("translations")
    return catalogue.translations(folder, language).gettext(default)


def markup(package: str, template: str, context: dict) -> str:
    """The block's ``templates/<template>`` rendered with ``context``."""
    return Template(read(package, "templates", template)).render(Context(context))
