"""The solidarity wall: signers' messages, shown only when they asked and a moderator
approved, on the petition page and the profiles of the prisoners it is about."""

import datetime

import pytest
from django.contrib.admin.models import LogEntry
from django.contrib.auth.models import Group, User
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from petitions.models import Petition, Signature
from petitions.retention import anonymise_signatures
from tests.factories import make_petition, make_prisoner, make_signature
from tests.petitions.helpers import confirm_path, form_data, withdraw_path

pytestmark = pytest.mark.django_db

APPROVED = {"publish_comment": True, "comment_review": Signature.CommentReview.APPROVED}


def wall_of(html: str) -> str:
    if 'id="wall-heading"' not in html:
        return ""
    return html.split('id="wall-heading"', 1)[1].split("</section>", 1)[0]


@pytest.fixture
def petition_about_prisoner():
    prisoner = make_prisoner(name="Aron Atabek")
    petition = make_petition(title="Free Aron")
    petition.prisoners.add(prisoner)
    return petition, prisoner


@pytest.fixture
def every_kind_of_message(petition_about_prisoner):
    petition, _prisoner = petition_about_prisoner
    make_signature(
        petition=petition, name="Anna Maria Schmidt", country="DE", comment="Shown", **APPROVED
    )
    make_signature(petition=petition, comment="Not asked to publish")
    make_signature(petition=petition, comment="Waiting", publish_comment=True)
    make_signature(
        petition=petition, comment="Rejected", publish_comment=True, comment_review="rejected"
    )
    make_signature(
        petition=petition, comment="Unconfirmed", state=Signature.State.PENDING, **APPROVED
    )
    make_signature(petition=petition, comment="Held", state=Signature.State.HELD, **APPROVED)
    return petition_about_prisoner


def test_only_approved_messages_of_confirmed_signers_who_asked_are_public(
    client, every_kind_of_message
):
    petition, prisoner = every_kind_of_message

    for url in (petition.get_absolute_url(), prisoner.get_absolute_url()):
        html = client.get(url).text
        assert "Shown" in wall_of(html)
        assert "Anna S., Germany" in wall_of(html)
        for hidden in ("Not asked to publish", "Waiting", "Rejected", "Unconfirmed", "Held"):
            assert hidden not in html, (url, hidden)
    for data in ("/prisoners.json", "/prisoners.csv", f"/petitions/{petition.slug}/count.json"):
        assert "Shown" not in client.get(data).text


def test_no_wall_without_approved_messages(client, petition_about_prisoner):
    petition, prisoner = petition_about_prisoner
    make_signature(petition=petition, comment="Waiting", publish_comment=True)

    assert 'id="wall-heading"' not in client.get(petition.get_absolute_url()).text
    assert 'id="wall-heading"' not in client.get(prisoner.get_absolute_url()).text


def test_messages_are_plain_text_escaped(client, petition_about_prisoner):
    petition, _prisoner = petition_about_prisoner
    make_signature(
        petition=petition, comment='<script>alert("x")</script>\nBe <b>strong</b>', **APPROVED
    )

    wall = wall_of(client.get(petition.get_absolute_url()).text)

    assert "<script>" not in wall and "<b>" not in wall
    assert "&lt;script&gt;" in wall
    assert "<br>Be &lt;b&gt;strong&lt;/b&gt;" in wall


def test_the_wall_shows_the_newest_six_then_more_under_a_disclosure(
    client, petition_about_prisoner
):
    petition, _prisoner = petition_about_prisoner
    now = timezone.now()
    for number in range(8):
        make_signature(
            petition=petition,
            comment=f"Message {number}",
            confirmed_at=now - datetime.timedelta(minutes=number),
            **APPROVED,
        )

    wall = wall_of(client.get(petition.get_absolute_url()).text)
    shown, more = wall.split("<details", 1)

    assert shown.index("Message 0") < shown.index("Message 5")
    assert "Message 6" not in shown
    assert "More messages" in more and "Message 6" in more and "Message 7" in more


def test_the_wall_names_the_country_in_the_readers_language(client, petition_about_prisoner):
    petition, prisoner = petition_about_prisoner
    make_signature(
        petition=petition, name="Анна Петрова", country="DE", comment="Держитесь", **APPROVED
    )

    assert "Анна П., Германия" in wall_of(client.get(f"/ru/petitions/{petition.slug}/").text)
    assert "Анна П., Германия" in wall_of(client.get(f"/kk/prisoners/{prisoner.slug}/").text)


def test_a_translations_page_and_the_profile_show_the_originals_messages(
    client, petition_about_prisoner
):
    petition, prisoner = petition_about_prisoner
    translation = make_petition(
        title="Свободу Арону", slug="svobodu-aronu", language="ru", translation_of=petition
    )
    make_signature(petition=petition, comment="Solidarity from Berlin", **APPROVED)

    assert "Solidarity from Berlin" in wall_of(
        client.get(f"/ru{translation.get_absolute_url()}").text
    )
    assert "Solidarity from Berlin" in wall_of(client.get(prisoner.get_absolute_url()).text)


def test_a_profile_shows_no_message_from_an_unpublished_petition(client):
    prisoner = make_prisoner()
    draft = make_petition(publication=Petition.Publication.DRAFT)
    draft.prisoners.add(prisoner)
    make_signature(petition=draft, comment="From a draft", **APPROVED)

    assert "From a draft" not in client.get(prisoner.get_absolute_url()).text


# ---- signing ----


def test_a_signer_asks_to_publish_and_the_message_waits_for_a_moderator(
    client, petition_about_prisoner
):
    petition, _prisoner = petition_about_prisoner
    form = client.get(petition.get_absolute_url()).text
    assert "Publish my comment on the solidarity wall" in form

    client.post(
        f"/petitions/{petition.slug}/sign/",
        form_data(comment="We stand with you", publish_comment="on"),
    )
    client.post(confirm_path())

    signature = Signature.objects.get()
    assert signature.publish_comment is True
    assert signature.comment_review == Signature.CommentReview.PENDING
    assert "We stand with you" not in client.get(petition.get_absolute_url()).text


def test_ticking_publish_without_a_message_asks_for_nothing(client, petition_about_prisoner):
    petition, _prisoner = petition_about_prisoner

    client.post(f"/petitions/{petition.slug}/sign/", form_data(publish_comment="on"))

    assert Signature.objects.get().publish_comment is False


def test_a_message_sent_again_before_confirming_waits_for_a_moderator_again(
    client, petition_about_prisoner
):
    petition, _prisoner = petition_about_prisoner
    client.post(
        f"/petitions/{petition.slug}/sign/", form_data(comment="Kind words", publish_comment="on")
    )
    Signature.objects.update(comment_review=Signature.CommentReview.APPROVED)

    client.post(
        f"/petitions/{petition.slug}/sign/",
        form_data(comment="Something else", publish_comment="on"),
    )
    client.post(confirm_path())

    signature = Signature.objects.get()
    assert signature.comment == "Something else"
    assert signature.comment_review == Signature.CommentReview.PENDING
    assert "Something else" not in client.get(petition.get_absolute_url()).text


# ---- retention ----


def test_withdrawing_takes_the_message_down_at_once_even_from_the_page_cache(
    client, petition_about_prisoner
):
    petition, prisoner = petition_about_prisoner
    signer = client
    signer.post(
        f"/petitions/{petition.slug}/sign/",
        form_data(comment="Free them all", publish_comment="on"),
    )
    signer.post(confirm_path())
    Signature.objects.update(comment_review=Signature.CommentReview.APPROVED)
    assert "Free them all" in Client().get(prisoner.get_absolute_url()).text

    signer.post(withdraw_path(mail.outbox[0]))

    assert "Free them all" not in Client().get(prisoner.get_absolute_url()).text
    assert "Free them all" not in Client().get(petition.get_absolute_url()).text


def test_anonymising_removes_the_message(client):
    prisoner = make_prisoner()
    petition = make_petition(closes_at=timezone.now() - datetime.timedelta(days=40))
    petition.prisoners.add(prisoner)
    make_signature(petition=petition, comment="Years ago", **APPROVED)
    assert "Years ago" in client.get(prisoner.get_absolute_url()).text

    assert anonymise_signatures(days=30) == 1

    signature = Signature.objects.get()
    assert signature.comment == "" and signature.publish_comment is False
    assert "Years ago" not in client.get(prisoner.get_absolute_url()).text
    assert "Years ago" not in client.get(petition.get_absolute_url()).text


# ---- moderation ----


def staff_in(group_name: str) -> User:
    user = User.objects.create_user(group_name.lower(), password="x", is_staff=True)
    user.groups.add(Group.objects.get(name=group_name))
    return user


CHANGELIST = "admin:petitions_wallmessage_changelist"


def run_action(client, action, signatures):
    return client.post(
        reverse(CHANGELIST), {"action": action, "_selected_action": [s.pk for s in signatures]}
    )


def test_moderators_approve_and_reject_messages_in_bulk(client, petition_about_prisoner):
    petition, prisoner = petition_about_prisoner
    moderator = staff_in("Moderators")
    client.force_login(moderator)
    first, second, third = (
        make_signature(petition=petition, comment=f"Message {n}", publish_comment=True)
        for n in range(3)
    )
    public = Client()
    assert "Message 0" not in public.get(prisoner.get_absolute_url()).text

    approved = run_action(client, "approve", [first, second])
    run_action(client, "reject", [third])

    assert approved.status_code == 302
    for signature in (first, second):
        signature.refresh_from_db()
        assert signature.comment_review == Signature.CommentReview.APPROVED
        assert signature.comment_reviewed_by == moderator
        assert signature.comment_reviewed_at is not None
    third.refresh_from_db()
    assert third.comment_review == Signature.CommentReview.REJECTED
    # The cached profile from before is made again with the approved messages.
    profile = public.get(prisoner.get_absolute_url()).text
    assert "Message 0" in profile and "Message 1" in profile and "Message 2" not in profile
    history = LogEntry.objects.filter(object_id=str(first.pk)).get()
    assert history.change_message == "Message approved for the solidarity wall"
    assert first.name not in history.object_repr

    run_action(client, "reject", [first])
    first.refresh_from_db()
    assert first.comment_review == Signature.CommentReview.REJECTED
    assert "Message 0" not in public.get(prisoner.get_absolute_url()).text


def test_the_queue_lists_only_messages_to_publish_and_filters_and_searches(
    client, petition_about_prisoner, django_assert_max_num_queries
):
    petition, _prisoner = petition_about_prisoner
    other = make_petition(title="Other petition")
    client.force_login(staff_in("Moderators"))
    make_signature(
        petition=petition,
        name="Anna Maria Schmidt",
        country="DE",
        comment="Hold on",
        publish_comment=True,
    )
    make_signature(petition=other, comment="Approved one", **APPROVED)
    make_signature(petition=petition, comment="Private note to organisers")

    url = reverse(CHANGELIST)
    client.get(url)
    with django_assert_max_num_queries(20) as few:
        page = client.get(url).text
    for _ in range(10):
        make_signature(petition=petition, comment="More", publish_comment=True)
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(url)

    assert "Hold on" in page and "Anna S., Germany" in page and "Approved one" in page
    assert "Private note to organisers" not in page
    waiting = client.get(url, {"comment_review__exact": "pending", "q": "hold"}).text
    assert "Hold on" in waiting and "Approved one" not in waiting
    by_petition = client.get(url, {"petition": other.pk}).text
    assert "Approved one" in by_petition and "Hold on" not in by_petition


def test_editors_cannot_see_or_moderate_messages(client, petition_about_prisoner):
    petition, _prisoner = petition_about_prisoner
    signature = make_signature(petition=petition, comment="Hold on", publish_comment=True)
    client.force_login(staff_in("Editors"))

    assert client.get(reverse(CHANGELIST)).status_code == 403
    run_action(client, "approve", [signature])

    signature.refresh_from_db()
    assert signature.comment_review == Signature.CommentReview.PENDING
    assert "Solidarity messages" not in client.get(reverse("admin:index")).text


def test_nobody_edits_a_signers_message(admin_client, petition_about_prisoner):
    petition, _prisoner = petition_about_prisoner
    signature = make_signature(petition=petition, comment="Hold on", publish_comment=True)

    change = reverse("admin:petitions_wallmessage_change", args=[signature.pk])
    admin_client.post(change, {"comment": "Forged"})

    signature.refresh_from_db()
    assert signature.comment == "Hold on"
    assert admin_client.get(reverse("admin:petitions_wallmessage_add")).status_code == 403


def test_the_confirmation_email_says_the_comment_waits_for_a_moderator(
    client, petition_about_prisoner
):
    petition, _prisoner = petition_about_prisoner

    client.post(
        f"/petitions/{petition.slug}/sign/", form_data(comment="Kind words", publish_comment="on")
    )
    client.post(
        f"/petitions/{petition.slug}/sign/",
        form_data(email="bob@example.org", comment="Private words"),
    )

    asked, not_asked = mail.outbox
    note = "published on the solidarity wall once a moderator has read it"
    assert note in asked.body and note in asked.alternatives[0][0]
    assert note not in not_asked.body
