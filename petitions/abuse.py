"""Abuse controls on signing: a rate limit per address and blocked email domains.

Neither refuses anyone: what they catch is held for moderators, with the same response to
the signer, so bots learn nothing and fifty people on one Wi-Fi lose nobody.
"""

import hashlib
import hmac
import ipaddress
from datetime import timedelta

from django.conf import settings
from django.core.cache import caches
from django.utils import timezone

from core.cache import CacheUnavailable
from petitions.models import BlockedEmailDomain, Signature

# The counters live in a cache of their own, which pages never compete with (settings.py).
RATE_LIMIT_CACHE = "ratelimit"


def rate_limited_network(ip: str) -> str:
    """What the rate limit counts as one signer: an IPv4 address, or an IPv6 address's /64,
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
    """A salted hash of the signer's network (``rate_limited_network``): enough to tell
    floods from one address apart, useless to find anyone."""
    salt = hashlib.sha256(f"petitions.ip-hash:{settings.SECRET_KEY}".encode()).digest()
    return hmac.new(salt, rate_limited_network(ip).encode(), hashlib.sha256).hexdigest()


def over_rate_limit(*, petition_id: int, ip_hash: str) -> bool:
    """Count this attempt against the address; True once it is past SIGNATURE_RATE_LIMIT
    (signatures, seconds), which settings parsed at start-up.

    While the cache is unavailable the signatures the database holds from the address in
    the window are counted instead: slower, but nobody is refused and no flood gets through.
    """
    if settings.SIGNATURE_RATE_LIMIT is None:
        return False
    allowed, seconds = settings.SIGNATURE_RATE_LIMIT
    try:
        attempts = _count_in_cache(f"petitions:rate:{petition_id}:{ip_hash}", seconds)
    except CacheUnavailable:
        earlier = Signature.objects.filter(
            petition_id=petition_id,
            ip_hash=ip_hash,
            created_at__gte=timezone.now() - timedelta(seconds=seconds),
        ).count()
        attempts = earlier + 1
    return attempts > allowed


def _count_in_cache(key: str, seconds: int) -> int:
    cache = caches[RATE_LIMIT_CACHE]
    cache.add(key, 0, timeout=seconds)
    try:
        return cache.incr(key)
    except ValueError:
        # The key expired between add() and incr(): this is the first attempt of a new window.
        cache.set(key, 1, timeout=seconds)
        return 1


def email_domain_blocked(email_normalised: str) -> bool:
    """True when moderators (in the admin) or the BLOCKED_EMAIL_DOMAINS setting block the
    address's domain or a domain it belongs to."""
    domain = email_normalised.rpartition("@")[2]
    if any(
        domain == blocked or domain.endswith(f".{blocked}")
        for blocked in settings.BLOCKED_EMAIL_DOMAINS
    ):
        return True
    return bool(domain) and BlockedEmailDomain.objects.matching(domain).exists()
