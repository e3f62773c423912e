"""The signature lifecycle: duplicates, no enumeration, refusals, consent and atomicity."""

import logging
import re
import time

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
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
    DATABASE_TASKS,
    PAUSED_MESSAGE,
    confirm_path,
    record_database_errors,
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


def test_signing_again_a_few_seconds_later_gets_the_same_answer(client, monkeypatch):
    petition = make_petition()
    first = sign(client, petition, email="anna@example.com")
    later = time.time() + 5
    monkeypatch.setattr(time, "time", lambda: later)

    again = sign(client, petition, email="anna@example.com")

    same_response(first, again)


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
    # To the address as this submission typed it: a stranger's earlier variant of it (one
    # that bounces, say) must not keep the owner from getting their link.
    assert mail.outbox[1].to == [again.strip()]


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
    look_up = services._locked_signature

    def withdrawn_before_the_look_up(**kwargs):
        monkeypatch.setattr(services, "_locked_signature", look_up)
        earlier.delete()
        return look_up(**kwargs)

    monkeypatch.setattr(services, "_locked_signature", withdrawn_before_the_look_up)
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


# Signer safety: whoever types an address first chooses nothing for its owner.

STRANGER = {
    "name": "Boris Stranger",
    "city": "Almaty",
    "comment": "Signed by someone else",
    "show_name": "on",
    "contact_consent": "on",
}


def test_an_unconfirmed_signature_takes_the_details_of_the_latest_submission(client):
    petition = make_petition()
    stranger = sign(client, petition, ip="10.0.0.1", **STRANGER)
    strangers_link = confirm_path()
    owner = sign(client, petition, ip="10.0.0.2", name="Anna Karenina", city="")
    same_response(stranger, owner)

    email = mail.outbox[-1]
    assert "Name: Anna Karenina" in email.body
    assert "Boris" not in email.body and "Almaty" not in email.body
    assert "Your name will not be shown on the petition page." in email.body
    assert "You did not ask for campaign news." in email.body
    # The stranger's link stopped working when the owner's went out.
    assert client.post(strangers_link).status_code == 400
    client.post(confirm_path())

    signature = Signature.objects.get()
    assert signature.state == Signature.State.CONFIRMED
    assert (signature.name, signature.city, signature.comment) == ("Anna Karenina", "", "")
    assert not signature.show_name
    assert not signature.contact_consent and signature.contact_consent_at is None
    assert not signature.contact_consent_wording
    assert petition.signature_count == 1


def test_consent_is_recorded_from_the_submission_whose_link_was_confirmed(client):
    petition = make_petition()
    sign(client, petition, name="Anna Karenina", contact_consent="on")
    owners_link = confirm_path()
    assert "You asked for campaign news by email." in mail.outbox[-1].body
    sign(client, petition, name="Boris Stranger")

    assert client.post(owners_link).status_code == 400
    client.post(confirm_path())
    signature = Signature.objects.get()
    assert signature.name == "Boris Stranger"
    assert not signature.contact_consent


def test_the_confirmation_email_shows_every_detail_it_confirms(client):
    sign(client, make_petition(), **STRANGER)
    email = mail.outbox[-1]
    html = email.alternatives[0][0]
    for text in (
        "Name: Boris Stranger",
        "Country: United Kingdom",
        "City: Almaty",
        "Comment: Signed by someone else",
        "Your first name, initial and country will be shown on the petition page.",
        "You asked for campaign news by email.",
        "Someone else used your address: do not confirm.",
    ):
        assert text in email.body
        assert text in html


def test_a_confirmed_signature_keeps_its_details_whoever_signs_again(client):
    petition = make_petition()
    sign(client, petition, name="Anna Karenina")
    client.post(confirm_path())
    sign(client, petition, **STRANGER)
    signature = Signature.objects.get()
    assert (signature.name, signature.show_name, signature.contact_consent) == (
        "Anna Karenina",
        False,
        False,
    )
    assert "already signed" in mail.outbox[-1].body


def flood_from(client, petition, ip, settings):
    """Use up the rate limit of ``ip`` on ``petition`` with other addresses."""
    allowed, _seconds = settings.SIGNATURE_RATE_LIMIT
    for index in range(allowed):
        sign(client, petition, ip=ip, email=f"flood{index}@example.net")


def test_a_held_signature_does_not_stop_the_owner_from_getting_a_link(client, settings):
    settings.SIGNATURE_RATE_LIMIT = (2, 300)
    petition = make_petition()
    flood_from(client, petition, "10.0.0.1", settings)
    held = sign(client, petition, ip="10.0.0.1", **STRANGER)
    assert Signature.objects.get(email_normalised="anna@example.org").state == "held"
    sent = len(mail.outbox)

    owner = sign(client, petition, ip="10.0.0.2", name="Anna Karenina")
    same_response(held, owner)
    assert len(mail.outbox) == sent + 1
    assert mail.outbox[-1].to == ["anna@example.org"]
    assert "Name: Anna Karenina" in mail.outbox[-1].body
    client.post(confirm_path())
    signature = Signature.objects.get(email_normalised="anna@example.org")
    assert signature.state == Signature.State.CONFIRMED
    assert signature.name == "Anna Karenina" and not signature.contact_consent


def test_a_rejected_signature_does_not_stop_the_owner_from_signing(client, settings):
    settings.BLOCKED_EMAIL_DOMAINS = ["example.org"]
    petition = make_petition()
    sign(client, petition, **STRANGER)
    services.invalidate(signatures=Signature.objects.all())
    settings.BLOCKED_EMAIL_DOMAINS = []
    sign(client, petition, name="Anna Karenina")
    client.post(confirm_path())
    signature = Signature.objects.get()
    assert signature.state == Signature.State.CONFIRMED
    assert signature.name == "Anna Karenina"


def test_a_held_submission_leaves_the_owners_pending_link_working(client, settings):
    settings.SIGNATURE_RATE_LIMIT = (2, 300)
    petition = make_petition()
    sign(client, petition, ip="10.0.0.2", name="Anna Karenina")
    owners_link = confirm_path()
    flood_from(client, petition, "10.0.0.1", settings)
    sent = len(mail.outbox)
    sign(client, petition, ip="10.0.0.1", **STRANGER)

    assert len(mail.outbox) == sent
    client.post(owners_link)
    signature = Signature.objects.get(email_normalised="anna@example.org")
    assert signature.state == Signature.State.CONFIRMED
    assert signature.name == "Anna Karenina"


def test_one_address_cannot_fill_the_moderators_queue(client, settings, monkeypatch):
    monkeypatch.setattr(services, "MAX_HELD_PER_IP", 3)
    settings.BLOCKED_EMAIL_DOMAINS = ["spam.example"]
    settings.SIGNATURE_RATE_LIMIT = None
    petition = make_petition()
    responses = [sign(client, petition, email=f"bot{i}@spam.example") for i in range(6)]
    for response in responses[1:]:
        same_response(responses[0], response)
    assert Signature.objects.filter(state=Signature.State.HELD).count() == 3
    # Another address still reaches the moderators.
    sign(client, petition, email="other@spam.example", ip="10.0.0.9")
    assert Signature.objects.filter(state=Signature.State.HELD).count() == 4
    assert not mail.outbox


def test_signing_again_never_makes_the_database_raise_nor_logs_the_signer(client, settings, caplog):
    settings.SIGNATURE_RATE_LIMIT = (2, 300)
    petition = make_petition()
    errors = []
    with caplog.at_level(logging.DEBUG), connection.execute_wrapper(record_database_errors(errors)):
        for ip in ("10.0.0.1", "10.0.0.1", "10.0.0.1", "10.0.0.2"):
            sign(client, petition, ip=ip)
        client.post(confirm_path())
        for _ in range(MAX_EMAILS_PER_SIGNATURE + 1):
            sign(client, petition, ip="10.0.0.3")
    assert not errors
    assert Signature.objects.get().state == Signature.State.CONFIRMED
    for personal in ("anna@example.org", "Anna Karenina", "London"):
        assert personal not in caplog.text


@pytest.mark.parametrize("history", ["pending", "confirmed", "at_email_cap", "held", "rejected"])
def test_an_address_that_signed_takes_the_same_path_as_a_new_one(client, settings, history):
    """Same queries, same response, no email sent in the request: nothing to time."""
    settings.TASKS = DATABASE_TASKS
    settings.SIGNATURE_RATE_LIMIT = None
    petition = make_petition()
    sign(client, petition, email="warm-up@example.org")
    make_signature(
        petition=petition,
        email="anna@example.org",
        state={
            "pending": Signature.State.PENDING,
            "at_email_cap": Signature.State.PENDING,
            "held": Signature.State.HELD,
            "rejected": Signature.State.INVALIDATED,
        }.get(history, Signature.State.CONFIRMED),
        email_count=MAX_EMAILS_PER_SIGNATURE if history == "at_email_cap" else 1,
    )
    mail.outbox.clear()

    with CaptureQueriesContext(connection) as new_queries:
        new = sign(client, petition, email="new@example.org")
    with CaptureQueriesContext(connection) as known_queries:
        known = sign(client, petition, email="anna@example.org")

    same_response(new, known)
    assert [query_kind(query) for query in known_queries] == [
        query_kind(query) for query in new_queries
    ]
    assert not mail.outbox


def query_kind(query) -> str:
    """A query's statement without its values: what it does and to which table."""
    return re.sub(r"'[^']*'|\"s\d+_x\d+\"|\bNULL\b|\b\d+\b", "?", query["sql"])
