"""The ``progress`` XBlock."""
