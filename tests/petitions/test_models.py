import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.utils import timezone

from petitions.models import InvalidTransition, Petition, Signature, next_goal
from tests.factories import make_image_upload, make_petition, make_signature

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("count", "goal"),
    [
        (0, 100),
        (99, 100),
        (100, 500),
        (499, 500),
        (500, 1000),
        (1000, 5000),
        (5000, 10000),
        (10000, 50000),
        (50000, 100000),
        (123456, 500000),
    ],
)
def test_the_automatic_goal_always_sits_above_the_count(count, goal):
    assert next_goal(count) == goal


def test_an_editor_fixed_goal_stays():
    assert make_petition(goal=250).goal_for(1000) == 250


def test_only_an_open_petition_closes_and_only_a_closed_one_opens_again():
    petition = make_petition()
    with pytest.raises(InvalidTransition):
        petition.open()
    petition.close()
    assert petition.status == Petition.Status.CLOSED and petition.closed_at
    assert not petition.is_open
    with pytest.raises(InvalidTransition):
        petition.close()
    petition.open()
    petition.refresh_from_db()
    assert petition.is_open and petition.closed_at is None


def test_a_draft_petition_is_open_for_signing_only_once_published():
    petition = make_petition(publication=Petition.Publication.DRAFT)
    assert petition.status == Petition.Status.OPEN and not petition.is_open

    petition.publication = Petition.Publication.PUBLISHED
    petition.save(update_fields=["publication"])

    petition.refresh_from_db()
    assert petition.is_open and petition.published_at is not None


def test_a_petition_past_its_closing_date_is_closed_everywhere():
    past = make_petition(closes_at=timezone.now() - timezone.timedelta(seconds=1))
    current = make_petition()
    draft = make_petition(publication=Petition.Publication.DRAFT)
    assert not past.is_open and past.current_status == "closed"
    assert list(Petition.objects.open()) == [current]
    # The list, open petitions first, is where the site tells open from closed.
    listed = [(petition, petition.is_open_now) for petition in Petition.objects.for_listing()]
    assert listed == [(current, True), (past, False)]
    assert draft not in Petition.objects.published()


def test_a_petition_scheduled_for_later_is_neither_published_nor_open():
    later = make_petition(published_at=timezone.now() + timezone.timedelta(days=1))
    assert later not in Petition.objects.published()
    assert not later.is_open


def test_body_html_is_sanitised_on_save():
    petition = make_petition(body='<p onclick="x()">Hi<script>alert(1)</script></p>')
    assert petition.body == "<p>Hi</p>"


def test_the_database_refuses_a_second_signature_from_the_same_normalised_email():
    petition = make_petition()
    make_signature(petition=petition, email="a@example.org")
    with pytest.raises(IntegrityError):
        make_signature(petition=petition, email="A@Example.org")


def test_public_name_is_first_name_and_initial():
    assert Signature(name="Anna Maria Karenina").public_name == "Anna K."
    assert Signature(name="Cher").public_name == "Cher"


def test_a_petition_image_needs_a_description(db):
    petition = make_petition()
    petition.lead_image = make_image_upload()
    with pytest.raises(ValidationError, match="Describe the image"):
        petition.full_clean()
    petition.lead_image_alt = "Protesters with placards"
    petition.full_clean()


def test_a_petition_with_signatures_of_its_own_cannot_become_a_translation():
    original = make_petition()
    signed = make_petition(language="ru")
    make_signature(petition=signed, state=Signature.State.PENDING)
    signed.translation_of = original
    with pytest.raises(ValidationError) as refused:
        signed.full_clean()
    assert "already has signatures of its own" in str(refused.value.message_dict["translation_of"])


def test_an_original_with_translations_cannot_become_a_translation():
    original = make_petition()
    make_petition(language="ru", translation_of=original)
    other = make_petition(language="kk")
    original.translation_of = other
    with pytest.raises(ValidationError) as refused:
        original.full_clean()
    assert "Other petitions are translations of this one" in str(
        refused.value.message_dict["translation_of"]
    )


def test_a_petition_without_signatures_becomes_a_translation():
    original = make_petition()
    translation = make_petition(language="ru")
    translation.translation_of = original
    translation.full_clean()


def test_a_closed_petition_with_no_closing_time_counts_as_closed_long_ago():
    cutoff = timezone.now() - timezone.timedelta(days=90)
    unknown = make_petition(status=Petition.Status.CLOSED)
    recent = make_petition(status=Petition.Status.CLOSED)
    Petition.objects.filter(pk=recent.pk).update(closed_at=timezone.now())
    make_petition()
    assert list(Petition.objects.closed_before(cutoff)) == [unknown]
