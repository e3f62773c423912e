"""Counting attempts per network, for the forms anyone can send (signing, following a case).

What is counted is a salted hash of the sender's network, never the address itself.
"""

import hashlib
import hmac
import ipaddress

from django.conf import settings
from django.core.cache import caches

# The counters live in a cache of their own, which pages never compete with (settings.py).
RATE_LIMIT_CACHE = "ratelimit"


def rate_limited_network(ip: str) -> str:
    """What the rate limit counts as one sender: an IPv4 address, or an IPv6 address's /64,
    the block one subscriber is given (who can pick any of its 2⁶⁴ addresses)."""
    try:
        address = ipaddress.ip_address(ip)
    except ValueError:
        return ip
    if address.version == 6:
        if address.ipv4_mapped:
            return str(address.ipv4_mapped)
        return str(ipaddress.ip_network(f"{address}/64", strict=False))
    return str(address)


def hash_ip(ip: str) -> str:
    """A salted hash of the sender's network (``rate_limited_network``): enough to tell
    floods from one address apart, useless to find anyone."""
    salt = hashlib.sha256(f"petitions.ip-hash:{settings.SECRET_KEY}".encode()).digest()
    return hmac.new(salt, rate_limited_network(ip).encode(), hashlib.sha256).hexdigest()


def count_in_window(key: str, seconds: int) -> int:
    """Count one attempt under ``key`` in a window of ``seconds``; the attempts so far.
    Raises ``core.cache.CacheUnavailable`` while the cache is down."""
    cache = caches[RATE_LIMIT_CACHE]
    cache.add(key, 0, timeout=seconds)
    try:
        return cache.incr(key)
    except ValueError:
        # The key expired between add() and incr(): this is the first attempt of a new window.
        cache.set(key, 1, timeout=seconds)
        return 1
