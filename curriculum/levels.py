"""The JLPT levels placement and study plans speak of, lowest first, and the outcome below them all.

Its own module so that ``placement`` (which proposes a plan) and ``study_plan`` (which starts from a
placement level) both depend on it and not on each other.
"""

LEVELS = ("N5", "N4", "N3", "N2")
BELOW = "below N5"
