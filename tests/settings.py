"""Test settings: the portal, plus the xblock-sdk workbench so XBlocks run on its real runtime."""

from pathlib import Path

from portal.settings import *  # noqa: F403

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
