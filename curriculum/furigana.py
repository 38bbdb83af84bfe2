"""Furigana markup in item text: ``{漢字|かんじ}`` puts a reading above its base text.

Renderer-neutral: hosts get plain text plus segments ``[[base, reading-or-null], ...]`` and draw
``<ruby>`` from them (no HTML in the bank).
"""

from __future__ import annotations

import re

_MARK = re.compile(r"\{([^{}|]+)\|([^{}|]+)\}")


class FuriganaError(ValueError):
    pass


def segments(text: str) -> list[list[str | None]]:
    """Split marked text into [base, reading] pairs; unmarked runs have reading None."""
    out: list[list[str | None]] = []
    pos = 0
    for match in _MARK.finditer(text):
        if match.start() > pos:
            out.append([text[pos:match.start()], None])
        out.append([match.group(1), match.group(2)])
        pos = match.end()
    if pos < len(text):
        out.append([text[pos:], None])
    rest = _MARK.sub("", text)
    if "{" in rest or "}" in rest:
        raise FuriganaError(f"unbalanced furigana markup in {text!r}; write {{漢字|かんじ}}")
    return out


def plain(text: str) -> str:
    """The text as printed without readings."""
    return _MARK.sub(r"\1", text)


def has_markup(text: str) -> bool:
    return bool(_MARK.search(text))
