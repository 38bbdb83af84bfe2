"""The ``mock_test`` XBlock (settings fixed; views and handlers to be built)."""

from __future__ import annotations

from web_fragments.fragment import Fragment
from xblock.core import XBlock
from xblock.fields import Float, Integer, Scope, String  # noqa: F401


def _(text: str) -> str:
    return text


@XBlock.needs("i18n")
class MockTestBlock(XBlock):
    """Mock test."""

    display_name = String(display_name=_("Display name"), default=_("Mock test"), scope=Scope.settings)
    form = String(display_name=_("Test form"), default="N5", scope=Scope.settings,
                  values=["N5", "N4", "N3", "N2", "JFT"],
                  help=_("JLPT N5–N2, or JFT-Basic (A2 pass line), as defined in curriculum.mock_test"))
    weight = Float(display_name=_("Problem weight"), default=1.0, scope=Scope.settings, values={"min": 0})

    def student_view(self, context=None):
        return Fragment("<p>This activity is being built.</p>")
