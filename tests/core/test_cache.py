"""CACHE_URL=redis://… gives every worker process one shared cache (production's setting)."""

import os
import socket
import time

import pytest
import redis

from core.cache import CacheUnavailable, CampaignRedisCache
from tests.conftest import CI_REQUIRES_EVERYTHING
from tests.infra.test_settings import run_manage

REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/15")


@pytest.fixture
def redis_url():
    """An empty Redis database: skipped without a server, except in CI where it fails."""
    server = redis.Redis.from_url(REDIS_URL)
    try:
        server.flushdb()
    except redis.ConnectionError:
        message = f"needs a Redis server at {REDIS_URL} (set TEST_REDIS_URL)"
        if CI_REQUIRES_EVERYTHING:
            pytest.fail(message)
        pytest.skip(message)
    yield REDIS_URL
    server.flushdb()


def test_a_value_cached_by_one_process_is_read_by_another(redis_url):
    write = run_manage(
        "shell",
        "-c",
        "from django.core.cache import cache; cache.set('shared', 'from worker one', 60)",
        DEBUG="1",
        CACHE_URL=redis_url,
    )
    assert write.returncode == 0, write.stderr
    read = run_manage(
        "shell",
        "-c",
        "from django.core.cache import cache; print(cache.get('shared'))",
        DEBUG="1",
        CACHE_URL=redis_url,
    )
    assert read.returncode == 0, read.stderr
    assert read.stdout.strip().endswith("\nfrom worker one")


@pytest.mark.django_db
def test_pages_are_served_from_redis_after_the_first_visit(client, settings, redis_url):
    settings.CACHES = {
        "default": {"BACKEND": "core.cache.CampaignRedisCache", "LOCATION": redis_url}
    }

    first = client.get("/")
    second = client.get("/")
    third = client.get("/")

    assert first["X-Page-Cache"] == "miss"
    assert second["X-Page-Cache"] == third["X-Page-Cache"] == "hit"
    assert second.content == first.content
    assert redis.Redis.from_url(redis_url).dbsize() >= 2


@pytest.fixture
def silent_server():
    """A server that takes connections and never answers, as a hung or unreachable host
    does: without timeouts a call would wait on it for minutes."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(16)
    yield f"redis://127.0.0.1:{listener.getsockname()[1]}/0"
    listener.close()


def test_a_silent_redis_costs_one_short_timeout_then_nothing_for_a_while(silent_server):
    backend = CampaignRedisCache(silent_server, {})

    started = time.monotonic()
    first = backend.get("page", "missed")
    first_took = time.monotonic() - started
    started = time.monotonic()
    later = [backend.get("page", "missed"), backend.add("k", 1), backend.get_many(["a"])]
    backend.set("page", "content")
    later_took = time.monotonic() - started

    assert first == "missed"
    assert first_took < 2
    assert later == ["missed", False, {}]
    assert later_took < 0.05
    assert not backend.available()
    with pytest.raises(CacheUnavailable):
        backend.incr("counter")
