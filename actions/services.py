"""Writes of letter actions: counting the letters a writer says they sent."""

import logging

from django.conf import settings
from django.db import transaction
from django.db.models import F

from actions.models import LetterAction, LetterCount, LetterTarget
from core.cache import CacheUnavailable
from core.ratelimit import count_in_window, hash_ip

logger = logging.getLogger(__name__)


def over_rate_limit(*, action: LetterAction, ip: str) -> bool:
    """Count this "I sent it" against the sender's address; True once it is past
    SIGNATURE_RATE_LIMIT, the limit signing has. While the rate-limit cache is away the
    letter is counted: there is no record of senders to count on instead, and a count a
    little high for a while harms nobody."""
    if settings.SIGNATURE_RATE_LIMIT is None:
        return False
    allowed, seconds = settings.SIGNATURE_RATE_LIMIT
    ip_hash = hash_ip(ip)
    try:
        attempts = count_in_window(f"actions:rate:{action.counted_action_id}:{ip_hash}", seconds)
    except CacheUnavailable:
        return False
    return attempts > allowed


def record_letters_sent(
    *, action: LetterAction, targets: list[LetterTarget], country: str, ip: str
) -> bool:
    """Add one letter from ``country`` to each of ``targets``; False (and nothing counted)
    when the sender's address is past the rate limit."""
    if over_rate_limit(action=action, ip=ip):
        logger.info("letters to action %s over the rate limit: not counted", action.pk)
        return False
    with transaction.atomic():
        # In one order, so two writers of "all" never wait on each other's rows.
        for target in sorted(targets, key=lambda target: target.pk):
            rows = LetterCount.objects.filter(target=target, country=country)
            if not rows.update(count=F("count") + 1):
                LetterCount.objects.bulk_create(
                    [LetterCount(target=target, country=country)], ignore_conflicts=True
                )
                rows.update(count=F("count") + 1)
    logger.info("letters to action %s counted for %s targets", action.pk, len(targets))
    return True
