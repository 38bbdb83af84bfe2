"""The ``placement_test`` XBlock (settings fixed; views and handlers to be built)."""

from __future__ import annotations

from web_fragments.fragment import Fragment
from xblock.core import XBlock
from xblock.fields import Float, Integer, Scope, String  # noqa: F401


def _(text: str) -> str:
    return text


@XBlock.needs("i18n")
class PlacementTestBlock(XBlock):
    """Placement test."""

    display_name = String(display_name=_("Display name"), default=_("Placement test"), scope=Scope.settings)
    weight = Float(display_name=_("Problem weight"), default=1.0, scope=Scope.settings, values={"min": 0})

    def student_view(self, context=None):
        return Fragment("<p>This activity is being built.</p>")
