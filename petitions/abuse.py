"""Abuse controls on signing: a rate limit per address and blocked email domains.

Neither refuses anyone: what they catch is held for moderators, with the same response to
the signer, so bots learn nothing and fifty people on one Wi-Fi lose nobody.
"""

from datetime import timedelta

from django.conf import settings
from django.utils import timezone

from core.cache import CacheUnavailable
from core.ratelimit import count_in_window
from petitions.models import BlockedEmailDomain, Signature


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
        attempts = count_in_window(f"petitions:rate:{petition_id}:{ip_hash}", seconds)
    except CacheUnavailable:
        earlier = Signature.objects.filter(
            petition_id=petition_id,
            ip_hash=ip_hash,
            created_at__gte=timezone.now() - timedelta(seconds=seconds),
        ).count()
        attempts = earlier + 1
    return attempts > allowed


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
