"""The ``mock_test`` XBlock."""
