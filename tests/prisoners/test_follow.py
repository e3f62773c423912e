"""Following a case: asking on the profile, confirming by email, and the news that follows."""

import logging
import re

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from core.mailing_models import Mailing
from core.services import publish
from prisoners.audiences import case_followers
from prisoners.models import Follower, Prisoner, TimelineEvent
from prisoners.services import notify_followers_of_news
from tests.factories import make_follower, make_prisoner, make_timeline_event

pytestmark = pytest.mark.django_db

LINK = re.compile(r"http://testserver(/(?:ru/|kk/)?prisoners/[^\s/]+/follow/confirm/[\w-]+/)")


@pytest.fixture
def client(client, django_capture_on_commit_callbacks):
    """Requests run their on-commit callbacks (the queued emails) as outside a test."""
    send = client.request

    def request(**request):
        with django_capture_on_commit_callbacks(execute=True):
            return send(**request)

    client.request = request
    return client


def follow(client, prisoner, email="anna@example.org", language="", ip="127.0.0.1"):
    prefix = f"/{language}" if language else ""
    return client.post(
        f"{prefix}/prisoners/{prisoner.slug}/follow/",
        {"email": email, "website": ""},
        REMOTE_ADDR=ip,
    )


def confirm_path(message=None) -> str:
    return LINK.search((message or mail.outbox[-1]).body)[1]


@pytest.mark.parametrize(
    ("language", "heading", "button"),
    [
        ("", "Get updates on this case", "Follow this case"),
        ("ru", "Получать новости об этом деле", "Следить за делом"),
        ("kk", "Осы іс туралы жаңалық алу", "Істі бақылау"),
    ],
)
def test_the_profile_offers_the_follow_form_in_each_language(client, language, heading, button):
    prisoner = make_prisoner(name="Anna K", slug="anna-k")
    prefix = f"/{language}" if language else ""
    page = client.get(f"{prefix}/prisoners/anna-k/").text
    assert heading in page and button in page
    assert f'action="{prefix}/prisoners/anna-k/follow/"' in page
    assert prisoner


@pytest.mark.parametrize("language", ["", "ru", "kk"])
def test_following_sends_a_link_in_the_followers_language_and_confirming_starts_updates(
    client, language
):
    prisoner = make_prisoner(slug="anna-k")
    response = follow(client, prisoner, language=language)
    prefix = f"/{language}" if language else ""
    assert response.status_code == 302
    assert response["Location"] == f"{prefix}/prisoners/anna-k/follow/check-your-email/"
    assert client.get(response["Location"]).status_code == 200
    follower = Follower.objects.get()
    assert follower.confirmed_at is None and follower.language == (language or "en")
    assert follower.token_hash and follower.token_hash not in mail.outbox[0].body
    path = confirm_path()
    assert path.startswith(f"{prefix}/prisoners/anna-k/follow/confirm/")

    confirmed = client.post(path)

    assert confirmed.status_code == 302
    assert confirmed["Referrer-Policy"] == "no-referrer"
    follower.refresh_from_db()
    assert follower.confirmed_at is not None
    assert client.get(confirmed["Location"]).status_code == 200


def test_a_bad_address_gets_the_profile_again_with_the_error(client):
    prisoner = make_prisoner(slug="anna-k")
    response = follow(client, prisoner, email="anna@")
    assert response.status_code == 400
    assert "Please enter a whole email address" in response.text
    assert 'value="anna@"' in response.text
    assert not Follower.objects.exists() and not mail.outbox


def test_the_confirm_link_only_shows_a_button_to_a_get(client):
    prisoner = make_prisoner(slug="anna-k")
    follow(client, prisoner)
    path = confirm_path()

    page = client.get(path)

    assert page.status_code == 200
    assert page["Referrer-Policy"] == "no-referrer"
    assert "no-cache" in page["Cache-Control"] or "max-age=0" in page["Cache-Control"]
    assert '<form method="post">' in page.text
    assert Follower.objects.get().confirmed_at is None
    client.post(path)
    assert "Already confirmed" in client.get(path).text


@pytest.mark.parametrize("path", ["/follow/confirm/forged-token/", "/follow/confirm/x/"])
def test_an_unknown_link_changes_nothing(client, path):
    prisoner = make_prisoner(slug="anna-k")
    make_follower(prisoner, confirmed_at=None)
    response = client.post(f"/prisoners/anna-k{path}")
    assert response.status_code == 400
    assert "This link does not work" in response.text
    assert not Follower.objects.confirmed().exists()


def test_a_link_for_another_case_is_refused(client):
    prisoner = make_prisoner(slug="anna-k")
    make_prisoner(slug="other")
    follow(client, prisoner)
    path = confirm_path().replace("/anna-k/", "/other/")
    assert client.post(path).status_code == 400
    assert Follower.objects.get().confirmed_at is None


@pytest.mark.parametrize("history", ["pending", "confirmed"])
def test_a_known_address_gets_the_same_response_and_queries(
    client, django_assert_num_queries, django_assert_max_num_queries, history
):
    prisoner = make_prisoner(slug="anna-k")
    follow(client, prisoner, email="first@example.org")
    with django_assert_max_num_queries(20) as new:
        fresh = follow(client, prisoner, email="new@example.org")
    make_follower(
        prisoner,
        email="known@example.org",
        confirmed_at=timezone.now() if history == "confirmed" else None,
    )
    with django_assert_num_queries(len(new.captured_queries)):
        known = follow(client, prisoner, email="Known@Example.org")
    assert known.status_code == fresh.status_code == 302
    assert known.content == fresh.content
    assert known["Location"] == fresh["Location"]
    assert Follower.objects.filter(email_normalised="known@example.org").count() == 1


def test_someone_else_typing_a_confirmed_address_changes_nothing_for_its_owner(client):
    prisoner = make_prisoner(slug="anna-k")
    owner = make_follower(prisoner, email="anna@example.org", language="ru")
    follow(client, prisoner, email="ANNA@example.org", language="kk")
    owner.refresh_from_db()
    assert owner.confirmed_at is not None
    assert owner.language == "ru" and owner.email == "anna@example.org"
    assert "already follow" in mail.outbox[-1].body or "уже следите" in mail.outbox[-1].body


def test_a_new_request_replaces_an_unconfirmed_link(client):
    prisoner = make_prisoner(slug="anna-k")
    follow(client, prisoner)
    old = confirm_path()
    follow(client, prisoner)
    assert client.post(old).status_code == 400
    assert client.post(confirm_path()).status_code == 302


def test_nothing_personal_reaches_the_logs(client, caplog):
    prisoner = make_prisoner(slug="anna-k")
    caplog.set_level(logging.DEBUG)
    follow(client, prisoner, email="secret.person@example.org", ip="203.0.113.9")
    path = confirm_path()
    client.get(path)
    client.post(path)
    token = path.rstrip("/").rsplit("/", 1)[-1]
    logged = caplog.text + repr([record.args for record in caplog.records])
    for secret in ("secret.person", "203.0.113.9", token):
        assert secret not in logged
    assert f"Follower {Follower.objects.get().pk} confirmed" in caplog.text


def test_the_audience_is_the_confirmed_followers_in_their_language():
    prisoner = make_prisoner()
    make_follower(prisoner, email="anna@example.org", language="ru")
    make_follower(prisoner, email="ben@example.org", language="kk")
    make_follower(prisoner, email="pending@example.org", confirmed_at=None)
    make_follower(email="other-case@example.org")

    recipients = sorted(case_followers(scope_id=prisoner.pk), key=lambda r: r.email)

    assert [(r.email, r.language) for r in recipients] == [
        ("anna@example.org", "ru"),
        ("ben@example.org", "kk"),
    ]


def test_a_translated_profile_is_followed_as_its_case(client):
    original = make_prisoner(slug="anna-k")
    russian = make_prisoner(slug="anna-k-ru", language="ru", translation_of=original)
    follow(client, russian, language="ru")
    assert Follower.objects.get().prisoner == original


def _prisoner_form(prisoner, event_fields):
    form = {
        "name": prisoner.name,
        "slug": prisoner.slug,
        "status": prisoner.status,
        "language": prisoner.language,
        "publication": "published",
        "published_at_0": "2026-01-01",
        "published_at_1": "10:00:00",
        "detentions-TOTAL_FORMS": "0",
        "detentions-INITIAL_FORMS": "0",
        "timeline_events-TOTAL_FORMS": "1",
        "timeline_events-INITIAL_FORMS": "0",
    }
    form.update({f"timeline_events-0-{name}": value for name, value in event_fields.items()})
    return form


def test_publishing_an_event_marked_notify_emails_the_followers_once(
    admin_client, django_capture_on_commit_callbacks
):
    prisoner = make_prisoner(name="Anna K", slug="anna-k")
    make_follower(prisoner, email="anna@example.org", language="ru")
    make_follower(prisoner, email="ben@example.org", language="en")
    make_follower(prisoner, email="pending@example.org", confirmed_at=None)
    url = reverse("admin:prisoners_prisoner_change", args=[prisoner.pk])
    event = {
        "date": "2026-11-30",
        "kind": "verdict",
        "description": "Sentenced to five years.",
        "notify_followers": "on",
    }
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(url, _prisoner_form(prisoner, event))
    assert response.status_code == 302, response.text[:3000]

    mailing = Mailing.objects.get()
    assert (mailing.audience, mailing.scope_id) == ("prisoners.followers", prisoner.pk)
    by_address = {message.to[0]: message for message in mail.outbox}
    assert sorted(by_address) == ["anna@example.org", "ben@example.org"]
    assert "Sentenced to five years." in by_address["ben@example.org"].body
    assert by_address["ben@example.org"].subject == "News about Anna K: Verdict"
    assert by_address["anna@example.org"].subject.startswith("Новости")
    assert "/unsubscribe/" in by_address["ben@example.org"].body
    assert TimelineEvent.objects.get().followers_notified_at is not None

    # Saving again (the event still ticked) sends nothing more.
    saved = TimelineEvent.objects.get()
    again = _prisoner_form(prisoner, {**event, "id": saved.pk, "prisoner": prisoner.pk})
    again["timeline_events-INITIAL_FORMS"] = "1"
    with django_capture_on_commit_callbacks(execute=True):
        admin_client.post(url, again)
    assert Mailing.objects.count() == 1
    assert len(mail.outbox) == 2


def test_an_event_on_a_draft_profile_waits_until_it_is_published():
    prisoner = make_prisoner(publication="draft")
    make_follower(prisoner)
    make_timeline_event(prisoner, notify_followers=True)
    assert notify_followers_of_news(prisoner=prisoner) == []
    prisoner.publication = "published"
    prisoner.save()
    assert len(notify_followers_of_news(prisoner=prisoner)) == 1
    assert notify_followers_of_news(prisoner=prisoner) == []
    assert Mailing.objects.count() == 1


def test_events_not_marked_notify_send_nothing():
    prisoner = make_prisoner()
    make_follower(prisoner)
    make_timeline_event(prisoner)
    assert notify_followers_of_news(prisoner=prisoner) == []
    assert not Mailing.objects.exists()


def test_past_the_rate_limit_a_network_gets_the_same_page_and_no_email(client, settings):
    settings.SIGNATURE_RATE_LIMIT = (1, 300)
    prisoner = make_prisoner(slug="anna-k")
    first = follow(client, prisoner, email="one@example.org", ip="198.51.100.7")
    flooded = follow(client, prisoner, email="two@example.org", ip="198.51.100.7")
    assert flooded.status_code == first.status_code == 302
    assert flooded["Location"] == first["Location"]
    assert [message.to for message in mail.outbox] == [["one@example.org"]]
    assert Follower.objects.get(email="two@example.org").token_hash is None
    follow(client, prisoner, email="two@example.org", ip="192.0.2.1")
    assert mail.outbox[-1].to == ["two@example.org"]


def test_publishing_a_profile_from_the_list_sends_the_news_that_waited_for_it():
    prisoner = make_prisoner(publication="draft")
    make_follower(prisoner)
    make_timeline_event(prisoner, notify_followers=True)

    publish(queryset=Prisoner.objects.filter(pk=prisoner.pk))

    assert Mailing.objects.get().scope_id == prisoner.pk
