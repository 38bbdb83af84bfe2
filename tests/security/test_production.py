"""A production start (no demo asked for), in its own process with the real portal settings:
debug off, no demo LMS, no demo users, `check --deploy` clean behind TLS, security headers present,
static files served, and the demo's commands and passwords refused."""

import json
import os
import secrets
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
HOST = "nihongo.example.jp"


@pytest.fixture
def production_env(tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith("NIHONGO_")
           and k not in ("DATABASE_URL", "CACHE_URL", "DJANGO_SETTINGS_MODULE", "DJANGO_ALLOW_ASYNC_UNSAFE")}
    env.update(DJANGO_SETTINGS_MODULE="portal.settings", NIHONGO_SECRET_KEY=secrets.token_urlsafe(50),
               NIHONGO_BASE_URL=f"https://{HOST}", NIHONGO_ALLOWED_HOSTS=HOST, NIHONGO_BEHIND_TLS_PROXY="1",
               NIHONGO_VAR_DIR=str(tmp_path), DATABASE_URL=f"sqlite:///{tmp_path / 'prod.sqlite3'}",
               PYTHONPATH=str(ROOT))
    return env


def run(env, *args, code=None):
    command = [sys.executable, *args] if code is None else [sys.executable, "-c", textwrap.dedent(code)]
    return subprocess.run(command, env=env, cwd=ROOT, capture_output=True, text=True, timeout=300)


PROBE = """
    import json, django
    HOST = "HOSTNAME"
    django.setup()
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django.test import Client
    call_command("migrate", "--no-input", verbosity=0)
    call_command("createcachetable", verbosity=0)
    client = Client(HTTP_X_FORWARDED_PROTO="https", HTTP_HOST=HOST)
    seen = {}
    for url in ["/", "/demo-lms/", "/demo-lms/launch/k26-0001/", "/admin/login/", "/apply/",
                "/accounts/login/", "/static/admin/css/base.css", "/no-such-page/"]:
        r = client.get(url)
        seen[url] = {"status": r.status_code, "headers": dict(r.items()),
                     "debug_page": not r.streaming and b"Django tried these URL patterns" in r.content}
    plain = Client(HTTP_HOST=HOST).get("/apply/")
    print(json.dumps({"debug": settings.DEBUG, "users": get_user_model().objects.count(),
                      "apps": settings.INSTALLED_APPS, "pages": seen,
                      "plain_http": [plain.status_code, plain.get("Location", "")]}))
""".replace("HOSTNAME", HOST)


def test_production_settings_have_no_demo_and_send_the_security_headers(production_env):
    done = run(production_env, code=PROBE)
    assert done.returncode == 0, done.stderr
    seen = json.loads(done.stdout.strip().splitlines()[-1])
    assert seen["debug"] is False
    assert seen["users"] == 0
    assert "portal.demo_lms.apps.DemoLmsConfig" not in seen["apps"]
    pages = seen["pages"]
    assert pages["/demo-lms/"]["status"] == 404 and pages["/demo-lms/launch/k26-0001/"]["status"] == 404
    assert not any(p["debug_page"] for p in pages.values())
    for url in ["/", "/admin/login/", "/apply/", "/accounts/login/"]:
        assert pages[url]["status"] == 200, url
        headers = pages[url]["headers"]
        assert "frame-ancestors 'none'" in headers["Content-Security-Policy"]
        assert "object-src 'none'" in headers["Content-Security-Policy"]
        assert headers["Strict-Transport-Security"].startswith("max-age=31536000")
        assert "camera=()" in headers["Permissions-Policy"]
        assert headers["X-Frame-Options"] == "DENY" and headers["X-Content-Type-Options"] == "nosniff"
    assert pages["/static/admin/css/base.css"]["status"] == 200  # the admin's CSS without DEBUG
    assert seen["plain_http"] == [301, f"https://{HOST}/apply/"]


def test_check_deploy_is_clean_behind_tls(production_env):
    done = run(production_env, "manage.py", "check", "--deploy", "--fail-level", "WARNING")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "no issues" in done.stdout


def test_without_settings_the_deployment_is_production_and_says_what_is_missing(production_env):
    env = {k: v for k, v in production_env.items() if k not in ("NIHONGO_SECRET_KEY", "NIHONGO_BASE_URL")}
    done = run(env, "manage.py", "check")
    assert done.returncode != 0
    assert "NIHONGO_SECRET_KEY is the development key" in done.stderr
    assert "NIHONGO_BASE_URL must be https://" in done.stderr


def test_seed_demo_refuses_outside_the_demo(production_env):
    done = run(production_env, "-m", "portal.cli", "seed-demo")
    assert done.returncode == 2
    assert "runs only in the demo" in done.stderr


def test_a_demo_password_stops_the_start(production_env):
    setup = """
        import django
        django.setup()
        from django.core.management import call_command
        from django.contrib.auth import get_user_model
        call_command("migrate", "--no-input", verbosity=0)
        get_user_model().objects.create_superuser("operator", password="demo-operator")
    """
    assert run(production_env, code=setup).returncode == 0
    checked = run(production_env, "manage.py", "check")
    assert checked.returncode != 0 and "demo's published password" in checked.stderr
    started = run(production_env, code="import portal.wsgi")  # what gunicorn imports
    assert started.returncode != 0 and "will not start" in started.stderr
