"""``nihongo`` commands of sync_service.accounts."""


def register(sub) -> None:
    """Add this package's commands to the top-level subparsers."""
