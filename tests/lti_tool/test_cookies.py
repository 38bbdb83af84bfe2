"""The tool's cookies work inside the LMS's cross-site iframe: `Secure; SameSite=None` over HTTPS,
also behind a TLS-terminating proxy (NIHONGO_BEHIND_TLS_PROXY)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from urllib.parse import urlsplit

from django.test import Client

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def _login_path(client: Client) -> str:
    start = client.get("/demo-lms/launch/lan/", secure=True)
    parts = urlsplit(start["Location"])
    return parts.path + "?" + parts.query


def _lti_cookies(response) -> dict:
    return {name: morsel for name, morsel in response.cookies.items() if name.startswith("lti1p3-")}


def test_behind_a_tls_proxy_the_login_cookies_are_secure_and_samesite_none(demo, settings):
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    client = Client()
    path = _login_path(client)
    # The proxy speaks plain HTTP to us and says the browser used HTTPS.
    login = client.get(path, HTTP_X_FORWARDED_PROTO="https")
    assert login.status_code == 302, login.content
    cookies = _lti_cookies(login)
    assert "lti1p3-session-id" in cookies and any(n.startswith("lti1p3-state-") for n in cookies)
    for morsel in cookies.values():
        assert morsel["secure"] and morsel["samesite"] == "None" and morsel["httponly"], morsel.output()


def test_without_the_proxy_setting_the_cookies_would_not_survive_an_iframe(demo, settings):
    """What NIHONGO_BEHIND_TLS_PROXY prevents: PyLTI1p3 sees HTTP, sets no session cookie and no SameSite."""
    settings.SECURE_PROXY_SSL_HEADER = None
    client = Client()
    login = client.get(_login_path(client), HTTP_X_FORWARDED_PROTO="https")
    cookies = _lti_cookies(login)
    assert "lti1p3-session-id" not in cookies
    assert all(not m["secure"] and m["samesite"] != "None" for m in cookies.values())


def _settings_with(**env) -> dict:
    code = ("import json; from django.conf import settings as s; print(json.dumps([s.SESSION_COOKIE_SECURE, "
            "s.CSRF_COOKIE_SECURE, s.SESSION_COOKIE_SAMESITE, list(s.SECURE_PROXY_SSL_HEADER or [])]))")
    env = {**{k: v for k, v in os.environ.items() if not k.startswith("NIHONGO_")},
           "DJANGO_SETTINGS_MODULE": "portal.settings", **env}
    out = subprocess.run([sys.executable, "-c", code], env=env, cwd=ROOT, capture_output=True, text=True,
                         check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def test_production_settings_mark_cookies_secure_and_trust_the_proxy():
    secure, csrf, samesite, proxy = _settings_with(NIHONGO_BASE_URL="https://nihongo.example.jp",
                                                   NIHONGO_BEHIND_TLS_PROXY="true")
    assert (secure, csrf, samesite, proxy) == (True, True, "Lax", ["HTTP_X_FORWARDED_PROTO", "https"])
    assert _settings_with(NIHONGO_BASE_URL="http://127.0.0.1:8000") == [False, False, "Lax", []]
