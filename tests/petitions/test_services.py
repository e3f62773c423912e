"""The signature lifecycle: duplicates, no enumeration, refusals, consent and atomicity."""

import pytest
from django.core import mail
from django.utils import timezone

from petitions import services
from petitions.models import Petition, PetitionSettings, Signature
from petitions.services import (
    MAX_EMAILS_PER_SIGNATURE,
    SignatureDetails,
    SigningClosed,
    confirm_signature,
    normalise_email,
)
from tests.factories import make_petition, make_signature
from tests.petitions.helpers import (
    CLOSED_MESSAGE,
    PAUSED_MESSAGE,
    confirm_path,
    same_response,
    sign,
)

pytestmark = pytest.mark.django_db

ANNA = SignatureDetails(name="Anna", email="anna@example.org", country="GB")


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("Anna@Example.ORG", "anna@example.org"),
        ("  anna@example.org  ", "anna@example.org"),
        ("anna+petitions@example.org", "anna@example.org"),
        ("a.n.n.a@gmail.com", "anna@gmail.com"),
        ("Anna.K+x@googlemail.com", "annak@gmail.com"),
        ("a.nna@example.org", "a.nna@example.org"),
        ("anna@\uff45xample.com", "anna@example.com"),
        ("\uff21nna@example.com", "anna@example.com"),
        ("anna@e\u200bxample.com", "anna@example.com"),
        ("anna@example\u00ad.com", "anna@example.com"),
        ("an\u200dna@example.com\u200e", "anna@example.com"),
        ('"anna"@example.com', "anna@example.com"),
        ('"Anna+news"@Example.com', "anna@example.com"),
        ("a.n.n.a@\uff47\uff4d\uff41\uff49\uff4c.\uff43\uff4f\uff4d", "anna@gmail.com"),
        ("anna@B\u00fccher.DE", "anna@xn--bcher-kva.de"),
        ("anna@example.com.", "anna@example.com"),
    ],
)
def test_email_normalisation(typed, stored):
    assert normalise_email(typed) == stored


@pytest.mark.parametrize(
    "look_alike",
    [
        "anna@\uff45xample.com",
        "anna@e\u200bxample.com",
        "anna@example\u00ad.com",
        "an\u2060na@example.com",
        "anna@example.com\u202e",
        '"anna"@example.com',
        "\uff41nna@example.com",
    ],
)
def test_an_address_that_reaches_the_same_mailbox_is_refused_or_the_same_signer(client, look_alike):
    petition = make_petition()
    first = sign(client, petition, email="anna@example.com")
    second = sign(client, petition, email=look_alike)
    assert Signature.objects.count() == 1
    if second.status_code == 400:
        assert "invisible characters" in second.text
    else:
        same_response(first, second)


def test_gmail_in_full_width_letters_is_the_same_signer(client):
    petition = make_petition()
    sign(client, petition, email="anna@gmail.com")
    sign(client, petition, email="a.n.n.a@\uff47\uff4d\uff41\uff49\uff4c.\uff43\uff4f\uff4d")
    assert Signature.objects.count() == 1


@pytest.mark.parametrize(
    "invisible", ["\u200b", "\u00ad", "\u200e", "\u2060", "\ufeff", "\u3164", "\ufe0f"]
)
def test_an_address_with_invisible_characters_gets_a_clear_error_on_the_email_field(
    client, invisible
):
    response = sign(client, make_petition(), email=f"an{invisible}na@example.com")
    assert response.status_code == 400
    errors = response.context["form"].errors
    assert list(errors) == ["email"]
    assert "invisible characters" in errors["email"][0]
    assert not Signature.objects.exists()


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


def test_the_site_wide_kill_switch_takes_effect_on_the_next_request(client):
    petition = make_petition()
    assert 'name="email"' in client.get(petition.get_absolute_url()).text
    PetitionSettings.objects.update_or_create(pk=1, defaults={"signing_paused": True})
    assert 'name="email"' not in client.get(petition.get_absolute_url()).text
    assert sign(client, petition).status_code == 403
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


def test_consent_records_when_and_which_wording(client):
    petition = make_petition()
    sign(client, petition, contact_consent="on")
    sign(client, petition, email="other@example.org")
    consenting, other = Signature.objects.order_by("pk")
    assert consenting.contact_consent and consenting.contact_consent_at
    assert consenting.contact_consent_wording == "2026-11"
    assert not other.contact_consent and other.contact_consent_at is None


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
        signature = services.sign_petition(petition=petition, details=ANNA)

    assert Signature.objects.get() == signature
    assert signature.state == Signature.State.PENDING
    assert mail.outbox[-1].to == ["anna@example.org"]


def test_a_failure_between_the_row_and_its_token_leaves_no_signature(monkeypatch):
    petition = make_petition()

    def broken_token():
        raise RuntimeError("token generator failed")

    monkeypatch.setattr(services, "new_token", broken_token)

    with pytest.raises(RuntimeError):
        services.sign_petition(petition=petition, details=ANNA)

    assert not Signature.objects.exists()


def test_a_signature_is_stored_with_its_token():
    signature = services.sign_petition(petition=make_petition(), details=ANNA)

    stored = Signature.objects.get()
    assert stored == signature
    assert stored.token_hash


def test_what_a_signer_typed_stays_out_of_a_repr_in_a_traceback_or_log():
    assert "Anna" not in repr(ANNA) and "anna@example.org" not in repr(ANNA)
