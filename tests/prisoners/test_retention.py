"""How long followers' addresses are kept."""

import pytest
from django.core.management import call_command
from django.utils import timezone

from core.emails import address_hash
from core.mailing_models import Suppression
from prisoners.models import Follower
from tests.factories import make_follower, make_prisoner

pytestmark = pytest.mark.django_db


def test_unconfirmed_requests_are_deleted_after_the_period(capsys):
    old = timezone.now() - timezone.timedelta(days=31)
    make_follower(email="old@example.org", confirmed_at=None, created_at=old)
    make_follower(email="recent@example.org", confirmed_at=None)
    make_follower(email="confirmed@example.org", created_at=old)

    call_command("purge_unconfirmed_followers", days=30)

    assert sorted(Follower.objects.values_list("email", flat=True)) == [
        "confirmed@example.org",
        "recent@example.org",
    ]
    assert "Deleted 1 unconfirmed followers." in capsys.readouterr().out


def test_followers_who_stopped_the_updates_are_forgotten(capsys):
    case, other = make_prisoner(), make_prisoner()
    make_follower(case, email="stopped.case@example.org")
    make_follower(other, email="stopped.case@example.org")
    make_follower(case, email="stopped.all@example.org")
    make_follower(case, email="still@example.org")
    Suppression.objects.create(
        address_hash=address_hash("Stopped.Case@example.org"),
        scope=f"prisoners.followers:{case.pk}",
        reason=Suppression.Reason.UNSUBSCRIBED,
    )
    Suppression.objects.create(
        address_hash=address_hash("stopped.all@example.org"),
        scope="all",
        reason=Suppression.Reason.UNSUBSCRIBED,
    )

    call_command("forget_unsubscribed_followers")

    remaining = sorted(Follower.objects.values_list("prisoner_id", "email"))
    assert remaining == sorted(
        [(case.pk, "still@example.org"), (other.pk, "stopped.case@example.org")]
    )
    assert "Deleted 2 followers" in capsys.readouterr().out
