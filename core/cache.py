"""Django's Redis cache backend, made to survive Redis going away.

A cache that goes away slows the site, it never breaks it. While Redis cannot be reached,
reads miss and writes are dropped, so pages are served uncached and cached_db sessions come
from the database; only ``incr``, whose caller has no sensible value to go on, raises
``CacheUnavailable`` (the signing rate limit then counts in the database). Short socket
timeouts make a dead or silent server cost a fraction of a second, and after a failure the
server is not tried again for ``DEAD_SERVER_SECONDS``, so during an outage most calls cost
nothing at all. Once that time has passed the next call tries again: everything recovers by
itself when Redis returns.

Django also builds a new redis-py client for every cache call, and each build fills a table
of about 170 response callbacks: for a page served from the page cache that cost about as
much CPU as the round trip to Redis itself. A client is safe to share between threads (each
command takes a connection from the pool), so one per pool is kept for the process.
"""

import logging
import time

from django.conf import settings
from django.core.cache import caches
from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache, RedisCacheClient
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import RedisError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger(__name__)

# Seconds a server that failed is left alone before the next call tries it again.
DEAD_SERVER_SECONDS = 5.0
# redis-py's defaults wait for the operating system (minutes for a host that went silent).
SOCKET_OPTIONS = {"socket_connect_timeout": 0.25, "socket_timeout": 0.5}

# When each server (by its LOCATION) may be tried again; shared by the threads of a process,
# each of which has its own cache objects.
_dead_until: dict[str, float] = {}


class CacheUnavailable(Exception):
    """The cache could not answer a call that has no harmless default (``incr``)."""


class ReusingRedisCacheClient(RedisCacheClient):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(id(pool))
        if client is None:
            client = self._clients[id(pool)] = self._client(connection_pool=pool)
        return client


class CampaignRedisCache(RedisCache):
    def __init__(self, server, params):
        params = {**params, "OPTIONS": {**SOCKET_OPTIONS, **params.get("OPTIONS", {})}}
        super().__init__(server, params)
        self._class = ReusingRedisCacheClient
        self._location = ",".join(self._servers)

    def available(self) -> bool:
        """Whether Redis answers a PING now (False at once while it is known to be down)."""
        return self._call(lambda: self._cache.get_client().ping(), False)

    def _call(self, operation, default):
        if time.monotonic() < _dead_until.get(self._location, 0.0):
            return default
        try:
            result = operation()
        except (RedisConnectionError, RedisTimeoutError) as error:
            if self._location not in _dead_until:
                logger.warning(
                    "cache server unreachable (%s): serving without it, trying again every %s s",
                    type(error).__name__,
                    DEAD_SERVER_SECONDS,
                )
            _dead_until[self._location] = time.monotonic() + DEAD_SERVER_SECONDS
            return default
        except RedisError as error:
            # A refused command, such as a write to a full server under ``noeviction``: this
            # call fails like a miss, but the server is not taken for dead.
            logger.warning("cache command refused (%s)", type(error).__name__)
            return default
        # pop(), not del: another thread may have seen the server back first.
        if self._location in _dead_until and _dead_until.pop(self._location, None) is not None:
            logger.warning("cache server reachable again")
        return result

    def _forward(self, name, default, *args):
        return self._call(lambda: getattr(RedisCache, name)(self, *args), default)

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._forward("add", False, key, value, timeout, version)

    def get(self, key, default=None, version=None):
        return self._forward("get", default, key, default, version)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        self._forward("set", None, key, value, timeout, version)

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        return self._forward("touch", False, key, timeout, version)

    def delete(self, key, version=None):
        return self._forward("delete", False, key, version)

    def get_many(self, keys, version=None):
        return self._forward("get_many", {}, keys, version)

    def has_key(self, key, version=None):
        return self._forward("has_key", False, key, version)

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        # Like Django's other backends, the keys that could not be stored.
        return self._forward("set_many", list(data), data, timeout, version)

    def delete_many(self, keys, version=None):
        self._forward("delete_many", None, keys, version)

    def clear(self):
        return self._forward("clear", False)

    def incr(self, key, delta=1, version=None):
        unanswered = object()
        value = self._forward("incr", unanswered, key, delta, version)
        if value is unanswered:
            raise CacheUnavailable("the cache server did not answer")
        return value


def unavailable_caches() -> list[str]:
    """The aliases in CACHES whose server does not answer now (only Redis can go away)."""
    return [
        alias
        for alias in settings.CACHES
        if isinstance(caches[alias], CampaignRedisCache) and not caches[alias].available()
    ]
