"""What every one of our blocks shares, written once: the clock and the randomness the core is given,
the learner's language, the activity's page rendered from the core's ``Page`` (with the shared JS
helper), OLX export without learner state, and the workbench scenarios from ``scenarios/*.xml``.

Mix in before ``XBlock`` and set ``ACTIVITY`` to the core's activity (``curriculum.activities``)::

    class MyBlock(ActivityBlockMixin, LearnerRecordMixin, StudioEditableXBlockMixin, XBlock):
        ACTIVITY = curriculum.activities.get("my_activity")
"""

from __future__ import annotations

import random
from datetime import datetime, timezone
from importlib import resources

from lxml import etree
from web_fragments.fragment import Fragment
from xblock.core import XBlockMixin
from xblock.exceptions import JsonHandlerError
from xblock.fields import UserScope
from xblock.utils.resources import ResourceLoader

from curriculum.activity import Context, LanguageError, Step
from curriculum.bank import default_bank

from . import language as languages
from . import page as pages
from .audio import AudioMixin

#: The JS helper every block's fragment carries (each fragment stands alone in Open edX).
HELPER_JS = ("xblocks.common", "public/js/nihongo.js")


def helper_js() -> str:
    """The shared JS helper (``window.NihongoCommon``), as each block serves it in its fragment."""
    package, path = HELPER_JS
    return resources.files(package).joinpath(path).read_text(encoding="utf-8")


class ActivityBlockMixin(AudioMixin, XBlockMixin):
    """The boilerplate of our blocks, once (and the listening audio's handler, ``AudioMixin``)."""

    ACTIVITY = None  # the core's activity (``curriculum.activities.get(name)``)

    # -- the core's inputs, each read in one place --------------------------------------------

    def _now(self) -> datetime:
        """The only clock of the block (tests patch it)."""
        return datetime.now(timezone.utc)

    def _rng(self) -> random.Random:
        """The only randomness of the block (tests patch it)."""
        return random.Random()

    def _language(self) -> str:
        """The learner's choice (the switch, a ``language`` field), else the LMS's language."""
        chosen = getattr(self, "language", "")
        return chosen if chosen in languages.LANGUAGES else languages.runtime_language(self)

    def _step(self, call: str, state, settings, *args, now: datetime | None = None,
              language: str | None = None) -> Step:
        """The contract's ``call`` (present, answer, restart, change_language or an action) on ``state``;
        the activity's refusals of bad input become a 400 with their message (nothing is saved)."""
        ctx = Context(now or self._now(), language or self._language(), default_bank(), self._rng())
        try:
            return getattr(self.ACTIVITY, call)(state or None, settings, *args, ctx)
        except (*self.ACTIVITY.errors, LanguageError) as exc:
            raise JsonHandlerError(400, str(exc)) from None

    # -- the page -----------------------------------------------------------------------------

    @classmethod
    def _package(cls) -> str:
        return getattr(cls, "unmixed_class", cls).__module__.rsplit(".", 1)[0]

    def _text(self, language: str) -> dict:
        """The page's UI strings in ``language`` (the block's own catalogue; English without one)."""
        return pages.text(self.ACTIVITY.page.package, self.ACTIVITY.page.text, language)

    def _title(self, language: str) -> str:
        """The author's title, or the default title in the learner's language when they kept it."""
        default = self.ACTIVITY.page.default_title
        return self.display_name if self.display_name != default else pages.title(
            self.ACTIVITY.page.package, default, language)

    def render_page(self, screen: dict, language: str, title: str | None = None, **extra) -> Fragment:
        """The activity's page (``Page.context`` over ``screen``), its CSS, the shared JS helper, its JS."""
        page = self.ACTIVITY.page
        loader = ResourceLoader(page.package)
        urls = {name: self.runtime.handler_url(self, name) for name in page.handlers}
        urls["audio"] = self.audio_url()  # the listening audio, the file's name in place of __AUDIO__
        title = self._title(language) if title is None else title
        context = page.context(title, screen, self._text(language), urls, language, **extra)
        frag = Fragment(loader.render_django_template(f"templates/{page.template}", context))
        frag.add_css(loader.load_unicode(page.css))
        if page.js:
            frag.add_javascript(helper_js())
            frag.add_javascript(loader.load_unicode(page.js))
            frag.initialize_js(page.init)
        return frag

    # -- Studio and the workbench -------------------------------------------------------------

    def add_xml_to_node(self, node):
        """OLX carries settings only: a learner's state never leaves with an export, whoever exports."""
        super().add_xml_to_node(node)
        for name, field in self.fields.items():
            if getattr(field.scope, "user", UserScope.NONE) != UserScope.NONE:  # children/parent: sentinels
                node.attrib.pop(name, None)

    @classmethod
    def workbench_scenarios(cls):
        """The ``scenarios/*.xml`` files, titled by their display_name (a vertical's only titles it)."""
        scenarios = []
        for _file_title, xml in ResourceLoader(cls._package()).load_scenarios_from_path("scenarios"):
            root = etree.fromstring(xml.encode())
            title = root.get("display_name")
            if root.tag == "vertical_demo":
                root.attrib.pop("display_name")
                xml = etree.tostring(root, encoding="unicode")
            scenarios.append((title, xml))
        return scenarios
