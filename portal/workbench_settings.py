"""The xblock-sdk workbench, as ``make demo`` serves it: its own settings, our database path."""

import os
from pathlib import Path

from workbench.settings import *  # noqa: F403

_VAR = Path(os.environ.get("NIHONGO_VAR_DIR", Path(__file__).resolve().parent.parent / "var"))
DATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": str(_VAR / "workbench.sqlite3")}}
DJFS = {"type": "osfs", "directory_root": str(_VAR / "djpyfs"), "url_root": "/static/djpyfs"}
# Show our blocks, not the SDK's dozen samples.
EXCLUDED_XBLOCKS = {
    "allscopes_demo", "attempts_scoreboard_demo", "equality_demo", "filethumbs", "helloworld_demo",
    "html_demo", "problem_demo", "sidebar_demo", "slider_demo", "textinput_demo", "thumbs",
    "view_counter_demo",
}
# The SDK logs to var/workbench.log relative to the working directory; the console is enough here.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}
