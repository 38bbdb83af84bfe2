"""The ``dialect_lesson`` XBlock (settings fixed; views and handlers to be built)."""

from __future__ import annotations

from web_fragments.fragment import Fragment
from xblock.core import XBlock
from xblock.fields import Float, Integer, Scope, String  # noqa: F401


def _(text: str) -> str:
    return text


@XBlock.needs("i18n")
class DialectLessonBlock(XBlock):
    """Kagoshima dialect lesson."""

    display_name = String(display_name=_("Display name"), default=_("Kagoshima dialect lesson"),
                          scope=Scope.settings)
    lesson = String(display_name=_("Lesson"), default="greetings", scope=Scope.settings,
                    help=_("The lesson's ID in curriculum/content/dialect (see `nihongo content check`)"))
    weight = Float(display_name=_("Problem weight"), default=1.0, scope=Scope.settings, values={"min": 0})

    def student_view(self, context=None):
        return Fragment("<p>This activity is being built.</p>")
