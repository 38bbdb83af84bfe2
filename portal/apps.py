from django.apps import AppConfig


class PortalConfig(AppConfig):
    name = "portal"
    verbose_name = "Kagoshima Nihongo portal"

    def ready(self):
        from . import checks  # noqa: F401  (registers the start-up checks)
