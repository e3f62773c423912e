"""Django's Redis cache backend, keeping one redis-py client per connection pool.

Django builds a new redis-py client for every cache call, and each build fills a table of
about 170 response callbacks: for a page served from the page cache that cost about as much
CPU as the round trip to Redis itself. A client is safe to share between threads (each
command takes a connection from the pool), so one per pool is kept for the process.
"""

from django.core.cache.backends.redis import RedisCache, RedisCacheClient


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
        super().__init__(server, params)
        self._class = ReusingRedisCacheClient
