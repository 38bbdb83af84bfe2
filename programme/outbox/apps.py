from django.apps import AppConfig


class OutboxConfig(AppConfig):
    name = "programme.outbox"
    label = "outbox"
    verbose_name = "Outbox (all outgoing mail)"
