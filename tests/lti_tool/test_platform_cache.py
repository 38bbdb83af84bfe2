"""The platform's key set and access tokens are kept until they expire or rotate, not fetched per launch."""

from django.test import Client

from lti_tool.models import PlatformRegistration

from .harness import BASE, launch


def calls(sent, path: str) -> int:
    return sum(1 for r in sent if r.url.split("?")[0].endswith(path))


def test_the_key_set_is_fetched_once_and_again_when_the_platform_rotates_its_keys(demo, sent_to_platform):
    PlatformRegistration.objects.update(key_set=None, key_set_url=BASE + "/demo-lms/jwks/")
    for login_id in ("lan", "budi", "lan"):
        assert launch(Client(), login_id).response.status_code == 200
    assert calls(sent_to_platform, "/demo-lms/jwks/") == 1

    # The platform rotates its keys: the kept set no longer holds the key the next launch is signed with.
    import hashlib

    from pylti1p3.launch_data_storage.base import DisableSessionId

    from lti_tool import services

    storage = services.launch_storage()
    with DisableSessionId(storage):
        key = "key-set-url-" + hashlib.md5((BASE + "/demo-lms/jwks/").encode()).hexdigest()
        assert storage.get_value(key)["keys"]  # kept
        storage.set_value(key, {"keys": [{"kid": "retired", "kty": "RSA", "n": "AQAB", "e": "AQAB"}]}, 3600)
    assert launch(Client(), "budi").response.status_code == 200  # unknown kid in the kept set: fetched again
    assert calls(sent_to_platform, "/demo-lms/jwks/") == 2


def test_access_tokens_are_reused_until_they_expire(demo, sent_to_platform):
    for _ in range(3):
        assert launch(Client(), "manager1").response.status_code == 200  # NRPS roster, each time
    assert sum("/demo-lms/memberships/" in r.url for r in sent_to_platform) >= 3  # company-<id> varies
    assert calls(sent_to_platform, "/demo-lms/token/") == 1
