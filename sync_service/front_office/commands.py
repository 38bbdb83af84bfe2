"""``nihongo`` commands of sync_service.front_office."""


def register(sub) -> None:
    """Add this package's commands to the top-level subparsers."""
