"""The learners' languages, declared once: everything else (the item bank's translations, the UI
catalogues, the hosts' language switches, the LTI tool's locale mapping) imports them from here."""

from __future__ import annotations

#: Every language a learner can choose, in the language switch's order; English is the source language.
LANGUAGES = ("en", "ja", "vi", "id", "tl", "my")
SOURCE = "en"
#: Each language's own name, for the switch (not translated: a learner looks for their own).
LANGUAGE_NAMES = (("en", "English"), ("ja", "日本語"), ("vi", "Tiếng Việt"), ("id", "Bahasa Indonesia"),
                  ("tl", "Tagalog"), ("my", "မြန်မာ"))
#: The languages of the UI catalogues (.po): all but the source language.
CATALOGUE_LANGUAGES = tuple(code for code in LANGUAGES if code != SOURCE)
#: The languages an item's help is translated into (the questions themselves are Japanese).
TRANSLATION_LANGUAGES = tuple(code for code in LANGUAGES if code != "ja")

assert tuple(code for code, _name in LANGUAGE_NAMES) == LANGUAGES
