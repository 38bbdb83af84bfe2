"""The ``placement_test`` XBlock."""
