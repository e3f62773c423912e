"""The site's rate limit per address, shared by everything the public can post many times
(signing a petition, counting a sent letter): counters in a cache of their own, which pages
never compete with (settings.py), keyed by a salted hash of the sender's network."""

import hashlib
import hmac
import ipaddress

from django.core.cache import caches

from core.cache import CacheUnavailable

RATE_LIMIT_CACHE = "ratelimit"

__all__ = ["CacheUnavailable", "count_attempt", "hash_ip", "rate_limited_network"]


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


def hash_ip(ip: str, *, secret: str) -> str:
    """A salted hash of the sender's network (``rate_limited_network``): enough to tell
    floods from one address apart, useless to find anyone."""
    salt = hashlib.sha256(f"petitions.ip-hash:{secret}".encode()).digest()
    return hmac.new(salt, rate_limited_network(ip).encode(), hashlib.sha256).hexdigest()


def count_attempt(key: str, seconds: int) -> int:
    """Count one more attempt under ``key`` in a window of ``seconds``; the attempts so far.
    Raises ``CacheUnavailable`` while the rate-limit cache cannot be reached: the caller
    decides what to count on instead."""
    cache = caches[RATE_LIMIT_CACHE]
    cache.add(key, 0, timeout=seconds)
    try:
        return cache.incr(key)
    except ValueError:
        # The key expired between add() and incr(): this is the first attempt of a new window.
        cache.set(key, 1, timeout=seconds)
        return 1
