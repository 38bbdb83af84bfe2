from django.apps import AppConfig


class SyncServiceConfig(AppConfig):
    name = "sync_service"
    verbose_name = "Programme registry and sync"
