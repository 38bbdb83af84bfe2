"""``nihongo`` commands of sync_service.outbox."""


def register(sub) -> None:
    """Add this package's commands to the top-level subparsers."""
