"""Retention: how long followers' addresses are kept (the management commands of the same
names run these rules, as the privacy page promises)."""

from django.utils import timezone

from core.mailing_models import mailing_scope
from core.mailings import without_suppressed
from prisoners.models import Follower
from prisoners.services import FOLLOWERS_AUDIENCE


def purge_unconfirmed_followers(*, days: int) -> int:
    """Delete requests to follow a case never confirmed within ``days`` days."""
    cutoff = timezone.now() - timezone.timedelta(days=days)
    deleted, _ = Follower.objects.unconfirmed().filter(created_at__lt=cutoff).delete()
    return deleted


def forget_unsubscribed_followers() -> int:
    """Delete the followers who stopped the updates of their case (or every mailing), or
    whose address cannot be delivered to: nothing is sent to them any more, so nothing of
    them needs keeping."""
    forgotten = 0
    cases = Follower.objects.order_by().values_list("prisoner_id", flat=True).distinct()
    for prisoner_id in list(cases):
        followers = Follower.objects.filter(prisoner_id=prisoner_id).only("pk", "email")
        kept = {
            follower.pk
            for follower in without_suppressed(
                followers.iterator(chunk_size=1000),
                email_of=lambda follower: follower.email,
                scope=mailing_scope(FOLLOWERS_AUDIENCE, prisoner_id),
            )
        }
        deleted, _ = followers.exclude(pk__in=kept).delete()
        forgotten += deleted
    return forgotten
