"""Start-up checks: a misconfigured deployment refuses to start and says why."""

from django.core.checks import Error, register

from .config import CONFIG


@register()
def config_check(app_configs, **kwargs):
    return [Error(problem, id="nihongo.E001") for problem in CONFIG.problems()]
