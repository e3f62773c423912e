"""Abuse controls: what the rate limit and blocked domains hold, with the same response."""

import socket

import pytest
from django.core import mail
from django.core.cache import cache

from petitions.abuse import email_domain_blocked
from petitions.models import BlockedEmailDomain, Signature
from petitions.services import normalise_email
from tests.factories import make_petition
from tests.petitions.helpers import same_response, sign

pytestmark = pytest.mark.django_db


def test_the_rate_limit_holds_the_sixth_signature_from_one_address(client, settings):
    settings.SIGNATURE_RATE_LIMIT = (5, 300)
    petition = make_petition()
    responses = [sign(client, petition, email=f"person{i}@example.org") for i in range(6)]
    for response in responses[1:]:
        same_response(responses[0], response)
    states = list(Signature.objects.order_by("pk").values_list("state", flat=True))
    assert states == ["pending"] * 5 + ["held"]
    assert len(mail.outbox) == 5
    # Another address is not affected, nor is another petition.
    sign(client, petition, email="other@example.org", ip="10.0.0.9")
    sign(client, make_petition(), email="person9@example.org")
    assert Signature.objects.filter(state=Signature.State.HELD).count() == 1


def test_the_rate_limit_can_be_switched_off(client, settings):
    settings.SIGNATURE_RATE_LIMIT = None
    petition = make_petition()
    for i in range(8):
        sign(client, petition, email=f"person{i}@example.org")
    assert not Signature.objects.filter(state=Signature.State.HELD).exists()


def test_blocked_email_domains_are_held_with_the_same_response(client, settings):
    settings.BLOCKED_EMAIL_DOMAINS = ["spam.example"]
    petition = make_petition()
    ok = sign(client, petition, email="ok@example.org")
    blocked = sign(client, petition, email="x@mail.spam.example")
    same_response(ok, blocked)
    assert Signature.objects.get(email="x@mail.spam.example").state == "held"
    assert len(mail.outbox) == 1


def test_held_signatures_do_not_count(client, settings):
    settings.BLOCKED_EMAIL_DOMAINS = ["spam.example"]
    petition = make_petition()
    sign(client, petition, email="x@spam.example")
    assert client.get(f"/petitions/{petition.slug}/count.json").json()["count"] == 0


@pytest.mark.parametrize(
    "look_alike",
    ["x@\uff53pam.example", "x@SPAM.example", "x@mail.spam.example.", "x@spa\u00adm.example"],
)
def test_a_blocked_domain_in_another_form_is_held_too(client, settings, look_alike):
    settings.BLOCKED_EMAIL_DOMAINS = ["spam.example"]
    settings.SIGNATURE_RATE_LIMIT = None
    assert email_domain_blocked(normalise_email(look_alike))
    BlockedEmailDomain.objects.create(domain="blocked.example")
    assert email_domain_blocked(normalise_email("x@\uff42locked.example"))
    sign(client, make_petition(), email="x@\uff53pam.example")
    assert Signature.objects.get().state == "held"
    assert not mail.outbox


def test_ipv6_signers_are_counted_by_their_64_ipv4_signers_by_their_address(client, settings):
    settings.SIGNATURE_RATE_LIMIT = (5, 300)
    petition = make_petition()
    # One subscriber's /64: a new address for every signature changes nothing.
    for i in range(6):
        sign(client, petition, email=f"person{i}@example.org", ip=f"2001:db8:1:2::{i + 1:x}")
    sign(client, petition, email="neighbour@example.org", ip="2001:db8:1:3::1")
    # IPv4 neighbours are different people; an IPv4-mapped IPv6 address is its IPv4 address.
    for i in range(5):
        sign(client, petition, email=f"v4-{i}@example.org", ip="192.0.2.1")
    sign(client, petition, email="mapped@example.org", ip="::ffff:192.0.2.1")
    sign(client, petition, email="next-door@example.org", ip="192.0.2.2")

    held = Signature.objects.filter(state=Signature.State.HELD)
    assert sorted(held.values_list("email", flat=True)) == [
        "mapped@example.org",
        "person5@example.org",
    ]


def test_while_the_cache_is_unavailable_the_rate_limit_counts_in_the_database(client, settings):
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        nobody_listens = probe.getsockname()[1]
    settings.CACHES = {
        **settings.CACHES,
        "ratelimit": {
            "BACKEND": "core.cache.CampaignRedisCache",
            "LOCATION": f"redis://127.0.0.1:{nobody_listens}/0",
        },
    }
    settings.SIGNATURE_RATE_LIMIT = (5, 300)
    petition = make_petition()

    responses = [sign(client, petition, email=f"person{i}@example.org") for i in range(6)]
    sign(client, petition, email="other@example.org", ip="10.0.0.9")

    assert [response.status_code for response in responses] == [302] * 6
    states = list(Signature.objects.order_by("pk").values_list("state", flat=True))
    assert states == ["pending"] * 5 + ["held", "pending"]


def test_a_flood_of_pages_in_the_cache_does_not_reset_the_rate_limit(client, settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "pages",
            "OPTIONS": {"MAX_ENTRIES": 20},
        },
        "ratelimit": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "ratelimit",
        },
    }
    settings.SIGNATURE_RATE_LIMIT = (5, 300)
    petition = make_petition()
    for i in range(5):
        sign(client, petition, email=f"person{i}@example.org")

    # Made-up pages, many more than the page cache holds: it evicts to make room.
    for i in range(200):
        cache.set(f"page:{i}", b"<html>" * 100)
    sign(client, petition, email="person5@example.org")

    assert Signature.objects.get(email="person5@example.org").state == Signature.State.HELD
