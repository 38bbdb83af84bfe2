"""``nihongo export olx|cc``: the courses as an Open edX OLX archive or an IMS Common Cartridge."""


def register(sub) -> None:
    """Add the ``export`` commands (filled in by the course-exports work)."""
