"""A block's UI strings and default title in a given language, from its own gettext catalogue (the
learner's choice on the switch may differ from the LMS's language, which the i18n service speaks)."""

from __future__ import annotations

from importlib import resources

from . import catalogue


def text(package: str, strings: dict, language: str) -> dict:
    """The block's UI strings (``Page.text``) translated by its own catalogue (English without one)."""
    translate = catalogue.translations(resources.files(package).joinpath("translations"), language).gettext
    return {key: translate(value) for key, value in strings.items()}


def title(package: str, default: str, language: str) -> str:
    """The block's default display name in ``language``."""
    folder = resources.files(package).joinpath("translations")
    return catalogue.translations(folder, language).gettext(default)
