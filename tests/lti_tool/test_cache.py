"""Launch data lives in the shared cache (``CACHE_URL``): the database by default, or Redis.

The Redis test runs a whole launch with the cache on Redis (database 15, a key prefix of its own,
removed afterwards) and reads the launch data back with a separate Redis client: it is in Redis, where
every worker finds it, not in the process's memory.
"""

from __future__ import annotations

import os
import pickle
import uuid

import pytest
import redis
from django.core.cache import cache, caches
from django.test import Client

from portal.config import Config

from .harness import launch, post_json

REDIS_URL = "redis://127.0.0.1:6379/15"


def _config(**changes) -> Config:
    base = Config(debug=True, secret_key="x", database_url="sqlite:///x", allowed_hosts=(), base_url="http://x",
                  behind_tls_proxy=False)
    return Config(**{**base.__dict__, **changes})


def test_the_cache_is_the_database_unless_cache_url_names_redis():
    assert _config().cache()["BACKEND"] == "django.core.cache.backends.db.DatabaseCache"
    assert _config(cache_url=REDIS_URL).cache() == {"BACKEND": "django.core.cache.backends.redis.RedisCache",
                                                    "LOCATION": REDIS_URL, "KEY_PREFIX": "nihongo"}
    assert any("CACHE_URL scheme 'memcached'" in p for p in _config(cache_url="memcached://x").problems())
    assert not [p for p in _config(cache_url=REDIS_URL).problems() if "CACHE_URL" in p]


@pytest.fixture
def redis_cache(settings):
    client = redis.Redis.from_url(REDIS_URL)
    try:
        client.ping()
    except redis.exceptions.ConnectionError:
        if os.environ.get("CI"):
            raise
        pytest.skip("Redis is not running on 127.0.0.1:6379 (start it: redis-server --daemonize yes)")
    prefix = f"nihongo-test-{uuid.uuid4().hex[:12]}"
    settings.CACHES = {"default": {**_config(cache_url=REDIS_URL).cache(), "KEY_PREFIX": prefix}}
    try:
        yield client, prefix
    finally:
        for key in client.scan_iter(f"{prefix}:*"):
            client.delete(key)
        caches.close_all()
        client.close()


def test_launch_data_is_stored_in_redis(demo, redis_cache):
    client, prefix = redis_cache
    assert cache._cache.__class__.__name__ == "RedisCacheClient"
    browser = Client()
    launched = launch(browser, "lan")
    assert launched.response.status_code == 200, launched.page
    keys = [k.decode() for k in client.scan_iter(f"{prefix}:*")]
    # PyLTI1p3's key: "lti1p3-<browser session>-launch-<uuid>" for launch ID "lti1p3-launch-<uuid>"
    session = browser.cookies["lti1p3-session-id"].value
    launch_keys = [k for k in keys if k.endswith(f"{session}-{launched.launch_id.removeprefix('lti1p3-')}")]
    assert len(launch_keys) == 1, (launched.launch_id, keys)
    stored = pickle.loads(client.get(launch_keys[0]))
    assert stored["sub"] == "sub-lan"
    assert any("lti-nonce-used-" in k for k in keys)  # the one-time nonce, for every worker to see

    caches.close_all()  # a fresh connection, as another worker would have: the launch resumes
    assert post_json(browser, launched.url("next")).status_code == 200
