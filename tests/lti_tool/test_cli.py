"""``nihongo lti``: key rotation and platform registration from the command line."""

from urllib.parse import parse_qs

import jwt
import pytest
from django.test import Client

from lti_tool import keys
from lti_tool.models import PlatformRegistration, ToolKey
from portal.cli import main

from .harness import BASE, launch
from .test_round_and_grades import answer_round


def published() -> set[str]:
    return {k["kid"] for k in Client().get("/lti/jwks/", secure=True).json()["keys"]}


def test_rotate_keys_keeps_the_old_key_published_and_signs_with_the_new(demo, sent_to_platform, capsys):
    old = keys.signing_key()
    assert main(["lti", "rotate-keys"]) == 0
    new = ToolKey.objects.exclude(pk=old.pk).get()
    assert new.kid in capsys.readouterr().out
    assert published() == {old.kid, new.kid}

    client = Client()
    answer_round(client, launch(client, "lan"))
    token_request = next(r for r in sent_to_platform if r.url.endswith("/token/"))
    assertion = parse_qs(token_request.body)["client_assertion"][0]
    assert jwt.get_unverified_header(assertion)["kid"] == new.kid

    assert main(["lti", "keys"]) == 0
    listing = capsys.readouterr().out.splitlines()
    assert listing[0].split() == ["kid", "created", "active", "signing"]
    rows = {line.split()[0]: line.split()[3:] for line in listing[1:]}
    assert rows == {new.kid: ["yes", "yes"], old.kid: ["yes"]}

    assert main(["lti", "retire-key", "--", old.kid]) == 0  # a key ID may begin with "-"
    assert "retired" in capsys.readouterr().out
    assert published() == {new.kid}
    assert main(["lti", "keys"]) == 0
    rows = {line.split()[0]: line.split()[3:] for line in capsys.readouterr().out.splitlines()[1:]}
    assert rows == {new.kid: ["yes", "yes"], old.kid: ["no"]}


def test_retire_key_refuses_the_signing_key_and_unknown_kids(demo, capsys):
    signing = keys.signing_key()
    assert main(["lti", "retire-key", "--", signing.kid]) == 2
    assert "Rotate first" in capsys.readouterr().err
    assert published() == {signing.kid}
    assert main(["lti", "retire-key", "no-such-kid"]) == 2
    assert "no published key" in capsys.readouterr().err


def test_keys_on_a_fresh_install_creates_the_first_key(db, capsys):
    assert main(["lti", "keys"]) == 0
    assert ToolKey.objects.get().kid in capsys.readouterr().out


def _register(*extra: str, login="https://lms.example/auth", client_id="block-1", deployments=("1",)):
    args = ["lti", "register", "--name", "Example LMS", "--issuer", "https://lms.example",
            "--client-id", client_id, "--login-url", login, "--token-url", "https://lms.example/token",
            "--jwks-url", "https://lms.example/jwks"]
    for d in deployments:
        args += ["--deployment-id", d]
    return main(args + list(extra))


def test_register_creates_then_updates_and_prints_the_tool_urls(db, settings, capsys):
    settings.NIHONGO_BASE_URL = "https://nihongo.example/"
    assert _register(deployments=("1", "2")) == 0
    out = capsys.readouterr().out
    assert "registered" in out
    for url in ("https://nihongo.example/lti/login/", "https://nihongo.example/lti/launch/",
                "https://nihongo.example/lti/jwks/"):
        assert url in out
    reg = PlatformRegistration.objects.get()
    assert (reg.issuer, reg.client_id, reg.deployment_ids) == ("https://lms.example", "block-1", ["1", "2"])
    assert (reg.auth_login_url, reg.auth_token_url, reg.key_set_url) == (
        "https://lms.example/auth", "https://lms.example/token", "https://lms.example/jwks")

    assert _register(login="https://lms.example/auth2", deployments=("3",)) == 0
    assert "updated" in capsys.readouterr().out
    reg = PlatformRegistration.objects.get()
    assert (reg.auth_login_url, reg.deployment_ids) == ("https://lms.example/auth2", ["3"])

    assert _register(client_id="block-2") == 0
    assert PlatformRegistration.objects.count() == 2


def test_registered_platform_is_what_the_tool_uses(db, settings):
    settings.NIHONGO_BASE_URL = "https://nihongo.example"
    assert _register(deployments=("1", "2")) == 0
    from lti_tool.services import tool_conf

    conf = tool_conf()
    reg = conf.find_registration_by_params("https://lms.example", "block-1")
    assert reg.get_auth_login_url() == "https://lms.example/auth"
    assert reg.get_key_set_url() == "https://lms.example/jwks"
    assert conf.find_deployment_by_params("https://lms.example", "2", "block-1") is not None
    assert conf.find_deployment_by_params("https://lms.example", "9", "block-1") is None


@pytest.mark.parametrize("login, message", [
    ("http://lms.example/auth", "--login-url must use https"),
    ("lms.example/auth", "--login-url must be an absolute URL"),
])
def test_register_refuses_bad_urls_when_not_debug(db, settings, capsys, login, message):
    settings.DEBUG = False
    assert _register(login=login) == 2
    assert message in capsys.readouterr().err
    assert not PlatformRegistration.objects.exists()


def test_register_allows_http_with_debug(db, settings, capsys):
    settings.DEBUG = True
    assert _register(login="http://localhost:8000/auth") == 0
    assert PlatformRegistration.objects.get().auth_login_url == "http://localhost:8000/auth"


def test_register_needs_the_required_options(db, capsys):
    with pytest.raises(SystemExit):
        main(["lti", "register", "--name", "x"])
    assert "--issuer" in capsys.readouterr().err


def test_the_printed_urls_are_the_ones_the_tool_serves(demo):
    from lti_tool.operations import tool_urls

    urls = tool_urls()
    assert urls == {"login": BASE + "/lti/login/", "launch": BASE + "/lti/launch/",
                    "jwks": BASE + "/lti/jwks/"}
    assert Client().get(urls["jwks"].removeprefix(BASE), secure=True).status_code == 200
