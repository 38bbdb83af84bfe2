"""Test settings: the portal, plus the xblock-sdk workbench so XBlocks run on its real runtime."""

import os
from pathlib import Path

# The suite drives the demo LMS (the LMS in its launches), so it runs with the demo's settings; the
# production settings are tested in their own process (tests/security/test_production.py).
os.environ.setdefault("NIHONGO_DEMO", "1")
os.environ.setdefault("NIHONGO_DEBUG", "1")

from portal.settings import *  # noqa: E402, F403

INSTALLED_APPS = INSTALLED_APPS + ["djpyfs", "workbench"]  # noqa: F405
ROOT_URLCONF = "tests.urls"
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # fast users in tests

# What xblock-sdk's own settings give its runtime (workbench/settings.py).
WORKBENCH = {"reset_state_on_restart": False, "services": {"fs": "xblock.reference.plugins.FSService"}}
DJFS = {"type": "osfs", "directory_root": str(CONFIG.var_dir / "djpyfs"), "url_root": "/static/djpyfs"}  # noqa: F405
EXCLUDED_XBLOCKS = set()
# Live-server threads must not keep connections open, or PostgreSQL refuses to drop the test database.
DATABASES["default"]["CONN_MAX_AGE"] = 0  # noqa: F405
# The SDK's structural blocks (vertical_demo) render templates the workbench's own settings list.
import sample_xblocks  # noqa: E402

TEMPLATES = [{**TEMPLATES[0], "DIRS": [str(Path(sample_xblocks.__file__).parent / "basic" / "templates")]}]  # noqa: F405
