"""Signing: duplicates, no enumeration, abuse protections and bad input."""

import re

import pytest
from django.core import mail
from django.utils import timezone

from petitions import services
from petitions.models import Petition, PetitionSettings, Signature
from petitions.services import (
    MAX_EMAILS_PER_SIGNATURE,
    SigningClosed,
    confirm_signature,
    normalise_email,
)
from tests.factories import make_petition, make_signature
from tests.petitions.helpers import confirm_path, form_data

pytestmark = pytest.mark.django_db


def sign(client, petition, ip="127.0.0.1", **overrides):
    return client.post(f"/petitions/{petition.slug}/sign/", form_data(**overrides), REMOTE_ADDR=ip)


def same_response(first, second):
    assert first.status_code == second.status_code
    assert first.content == second.content
    assert dict(first.items()) == dict(second.items())
    assert cookies_without_clock(first) == cookies_without_clock(second)


def cookies_without_clock(response):
    """The cookies as sent, but for their expiry date, which moves with the clock alone."""
    return re.sub(r"expires=[^;]+; ", "", response.cookies.output())


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("Anna@Example.ORG", "anna@example.org"),
        ("  anna@example.org  ", "anna@example.org"),
        ("anna+petitions@example.org", "anna@example.org"),
        ("a.n.n.a@gmail.com", "anna@gmail.com"),
        ("Anna.K+x@googlemail.com", "annak@gmail.com"),
        ("a.nna@example.org", "a.nna@example.org"),
    ],
)
def test_email_normalisation(typed, stored):
    assert normalise_email(typed) == stored


@pytest.mark.parametrize(
    "again",
    ["ANNA.K@gmail.com", " annak@gmail.com ", "annak+again@gmail.com", "a.n.n.a.k@gmail.com"],
)
def test_a_duplicate_is_the_same_signer_and_gets_the_very_same_response(client, again):
    petition = make_petition()
    first = sign(client, petition, email="anna.k@gmail.com")
    second = sign(client, petition, email=again)
    same_response(first, second)
    assert Signature.objects.count() == 1
    assert len(mail.outbox) == 2
    assert mail.outbox[1].to == ["anna.k@gmail.com"]


def test_a_pending_duplicate_gets_a_fresh_link_that_works(client):
    petition = make_petition()
    sign(client, petition)
    old_link = confirm_path()
    sign(client, petition)
    new_link = confirm_path()
    assert new_link != old_link
    assert client.post(old_link).status_code == 400
    client.post(new_link)
    assert Petition.objects.get().signature_count == 1


def test_a_confirmed_duplicate_is_told_they_already_signed(client):
    petition = make_petition()
    sign(client, petition)
    client.post(confirm_path())
    sign(client, petition)
    assert "already signed" in mail.outbox[-1].body
    assert "confirm/" not in mail.outbox[-1].body
    assert petition.signature_count == 1


def test_no_more_than_five_emails_per_signature(client):
    petition = make_petition()
    for _ in range(MAX_EMAILS_PER_SIGNATURE + 3):
        sign(client, petition)
    assert len(mail.outbox) == MAX_EMAILS_PER_SIGNATURE
    assert Signature.objects.get().email_count == MAX_EMAILS_PER_SIGNATURE


def test_the_honeypot_gets_the_normal_response_and_saves_nothing(client):
    petition = make_petition()
    human = sign(client, petition, email="human@example.org")
    bot = sign(client, petition, email="bot@example.org", website="http://spam.example")
    same_response(human, bot)
    assert list(Signature.objects.values_list("email", flat=True)) == ["human@example.org"]
    assert len(mail.outbox) == 1


def test_the_rate_limit_holds_the_sixth_signature_from_one_address(client, settings):
    settings.SIGNATURE_RATE_LIMIT = "5/300s"
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
    assert Signature.objects.held().count() == 1


def test_the_rate_limit_can_be_switched_off(client, settings):
    settings.SIGNATURE_RATE_LIMIT = "0"
    petition = make_petition()
    for i in range(8):
        sign(client, petition, email=f"person{i}@example.org")
    assert not Signature.objects.held().exists()


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


CLOSED_MESSAGE = "This petition is closed and no longer accepts signatures."
PAUSED_MESSAGE = "Signing is paused for a short while."


@pytest.mark.parametrize(
    ("petition_fields", "message"),
    [
        ({"status": Petition.Status.CLOSED}, CLOSED_MESSAGE),
        ({"closes_at": timezone.now() - timezone.timedelta(hours=1)}, CLOSED_MESSAGE),
        ({"signing_paused": True}, PAUSED_MESSAGE),
    ],
)
def test_closed_and_paused_petitions_refuse_with_a_clear_message(client, petition_fields, message):
    petition = make_petition(**petition_fields)
    page = client.get(petition.get_absolute_url())
    assert page.status_code == 200
    assert 'name="email"' not in page.text
    assert message in page.text
    response = sign(client, petition)
    assert response.status_code == 403
    assert message in response.text
    assert not Signature.objects.exists()
    assert not mail.outbox


def test_a_bad_form_sent_to_a_closed_petition_gets_the_refusal_not_the_form(client):
    petition = make_petition(status=Petition.Status.CLOSED)
    response = sign(client, petition, email="not an address")
    assert response.status_code == 400
    assert CLOSED_MESSAGE in response.text
    assert 'name="email"' not in response.text
    assert not Signature.objects.exists()


def test_the_site_wide_kill_switch_takes_effect_on_the_next_request(client):
    petition = make_petition()
    assert 'name="email"' in client.get(petition.get_absolute_url()).text
    PetitionSettings.objects.update_or_create(pk=1, defaults={"signing_paused": True})
    assert 'name="email"' not in client.get(petition.get_absolute_url()).text
    assert sign(client, petition).status_code == 403
    assert not Signature.objects.exists()


def test_a_draft_petition_is_not_found(client):
    petition = make_petition(publication=Petition.Publication.DRAFT)
    assert client.get(petition.get_absolute_url()).status_code == 404
    assert sign(client, petition).status_code == 404
    assert client.get(f"/petitions/{petition.slug}/count.json").status_code == 404
    assert not Signature.objects.exists()


def test_confirming_after_the_petition_closed_does_not_count(client):
    petition = make_petition()
    sign(client, petition)
    Petition.objects.filter(pk=petition.pk).update(status=Petition.Status.CLOSED)
    response = client.post(confirm_path())
    assert response.status_code == 403
    assert "This petition is closed" in response.text
    assert Signature.objects.get().state == "pending"
    assert Petition.objects.with_counts().get(pk=petition.pk).signature_count == 0


def test_the_confirm_rule_refuses_a_closed_petition_for_every_caller(client):
    petition = make_petition()
    sign(client, petition)
    token = confirm_path().rstrip("/").rsplit("/", 1)[-1]
    Petition.objects.filter(pk=petition.pk).update(status=Petition.Status.CLOSED)
    with pytest.raises(SigningClosed):
        confirm_signature(token=token)
    assert Signature.objects.get().state == "pending"


def test_sign_requires_csrf():
    from django.test import Client

    petition = make_petition()
    response = Client(enforce_csrf_checks=True).post(
        f"/petitions/{petition.slug}/sign/", form_data()
    )
    assert response.status_code == 403
    assert not Signature.objects.exists()


@pytest.mark.parametrize(
    "overrides",
    [
        {"name": "A" * 10_000},
        {"name": "Anna\x00Karenina"},
        {"comment": "hello\x00"},
        {"name": "😀😀"},
        {"name": "Anna 🔥"},
        {"country": "XX"},
        {"country": "gb'; DROP TABLE"},
        {"email": "not-an-email"},
        {"consent_wording": None},
        {"consent_wording": "1999-01"},
        {"name": None},
    ],
)
def test_bad_input_is_a_form_error_never_a_500(client, overrides):
    petition = make_petition()
    response = sign(client, petition, **overrides)
    assert response.status_code == 400
    assert "invalid-feedback" in response.text or "errorlist" in response.text
    assert not Signature.objects.exists()


def test_a_non_utf8_body_is_a_form_error(client):
    petition = make_petition()
    body = b"name=Anna%FF%FEKarenina&email=anna%40example.org&country=GB&consent_wording=2026-11"
    response = client.post(
        f"/petitions/{petition.slug}/sign/",
        data=body,
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 400
    assert not Signature.objects.exists()


def test_a_non_utf8_multipart_body_is_never_a_500(client):
    petition = make_petition()
    boundary = "XyZ"
    body = (
        f'--{boundary}\r\nContent-Disposition: form-data; name="name"\r\n\r\n'.encode()
        + b"\xff\xfe\xfd"
        + f"\r\n--{boundary}--\r\n".encode()
    )
    response = client.post(
        f"/petitions/{petition.slug}/sign/",
        data=body,
        content_type=f"multipart/form-data; boundary={boundary}",
    )
    assert response.status_code == 400


def test_emoji_in_a_comment_is_fine(client):
    petition = make_petition()
    assert sign(client, petition, comment="Solidarity ✊🏽 from Łódź").status_code == 302
    assert Signature.objects.get().comment == "Solidarity ✊🏽 from Łódź"


def test_consent_records_when_and_which_wording(client):
    petition = make_petition()
    sign(client, petition, contact_consent="on")
    sign(client, petition, email="other@example.org")
    consenting, other = Signature.objects.order_by("pk")
    assert consenting.contact_consent and consenting.contact_consent_at
    assert consenting.contact_consent_wording == "2026-11"
    assert not other.contact_consent and other.contact_consent_at is None


def test_only_confirmed_signers_who_chose_it_appear_by_first_name_initial_and_country(client):
    petition = make_petition()
    make_signature(
        petition=petition, name="Shown Person", show_name=True, country="FR", city="Lyon"
    )
    make_signature(petition=petition, name="Hidden Person")
    make_signature(
        petition=petition, name="Pending Person", show_name=True, state=Signature.State.PENDING
    )
    page = client.get(petition.get_absolute_url()).text
    assert "Shown P., France" in page
    assert "Shown Person" not in page and "Lyon" not in page
    assert "Hidden" not in page and "Pending" not in page


def test_a_signer_whose_earlier_signature_was_withdrawn_mid_signing_gets_a_new_one(
    monkeypatch, django_capture_on_commit_callbacks
):
    petition = make_petition()
    earlier = make_signature(
        petition=petition, email="anna@example.org", state=Signature.State.PENDING
    )
    look_up = services._handle_duplicate

    def withdrawn_before_the_look_up(**kwargs):
        monkeypatch.setattr(services, "_handle_duplicate", look_up)
        earlier.delete()
        return None

    monkeypatch.setattr(services, "_handle_duplicate", withdrawn_before_the_look_up)
    with django_capture_on_commit_callbacks(execute=True):
        signature = services.sign_petition(
            petition=petition, name="Anna", email="anna@example.org", country="GB"
        )

    assert Signature.objects.get() == signature
    assert signature.state == Signature.State.PENDING
    assert mail.outbox[-1].to == ["anna@example.org"]
