from django.apps import AppConfig


class OutboxConfig(AppConfig):
    name = "sync_service.outbox"
    label = "outbox"
    verbose_name = "Outbox (all outgoing mail)"
