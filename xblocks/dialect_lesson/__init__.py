"""The ``dialect_lesson`` XBlock."""
