"""The ``grammar_notes`` XBlock (文法ノート): a level's grammar points and their lessons."""
