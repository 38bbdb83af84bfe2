"""The ``progress`` XBlock (settings fixed; views and handlers to be built)."""

from __future__ import annotations

from web_fragments.fragment import Fragment
from xblock.core import XBlock
from xblock.fields import Float, Integer, Scope, String  # noqa: F401


def _(text: str) -> str:
    return text


@XBlock.needs("i18n")
class ProgressBlock(XBlock):
    """My week."""

    display_name = String(display_name=_("Display name"), default=_("My week"), scope=Scope.settings)
    weekly_goal_days = Integer(display_name=_("Days of study per week (goal)"), default=3,
                               scope=Scope.settings, values={"min": 1, "max": 7})

    def student_view(self, context=None):
        return Fragment("<p>This activity is being built.</p>")
