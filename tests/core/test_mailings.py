"""Mailings: sending to an audience an app declares, the email a recipient gets, and
unsubscribing from it."""

import re

import pytest
from django.core import mail

from core.mailing_models import Delivery, InvalidMailingTransition, Mailing, Suppression
from core.mailings import (
    cancel_mailing,
    create_mailing,
    is_suppressed,
    start_mailing,
    unsubscribe,
)
from core.unsubscribe import read_token
from tests.factories import make_petition, make_signature

pytestmark = pytest.mark.django_db

MESSAGES = {
    "en": ("The court date is set", "The hearing is on Monday."),
    "ru": ("Дата суда назначена", "Заседание в понедельник."),
    "kk": ("Сот күні белгіленді", "Отырыс дүйсенбіде өтеді."),
}


def send_to_signers(petition, capture, **kwargs):
    with capture(execute=True):
        return create_mailing(
            audience="petitions.signers", scope_id=petition.pk, messages=MESSAGES, send=True,
            **kwargs,
        )  # fmt: skip


def link_in(message) -> str:
    return re.search(r"https?://\S+/unsubscribe/\S+/", message.body)[0]


def token_in(message) -> str:
    return re.search(r"/unsubscribe/([^/]+)/", message.body)[1]


def test_each_confirmed_signer_gets_the_update_once_in_the_language_they_signed_in(
    django_capture_on_commit_callbacks,
):
    petition = make_petition()
    make_signature(petition=petition, email="anna@example.org", language="ru", name="Анна")
    make_signature(petition=petition, email="ben@example.org", language="kk")
    make_signature(petition=petition, email="cara@example.org", language="en")
    make_signature(petition=petition, email="pending@example.org", state="pending")
    make_signature(email="other-petition@example.org")

    mailing = send_to_signers(petition, django_capture_on_commit_callbacks)

    by_address = {message.to[0]: message for message in mail.outbox}
    assert sorted(by_address) == ["anna@example.org", "ben@example.org", "cara@example.org"]
    assert by_address["anna@example.org"].subject == "Дата суда назначена"
    assert "Здравствуйте, Анна!" in by_address["anna@example.org"].body
    assert "Заседание в понедельник." in by_address["anna@example.org"].body
    assert by_address["ben@example.org"].subject == "Сот күні белгіленді"
    assert by_address["cara@example.org"].subject == "The court date is set"
    mailing.refresh_from_db()
    assert mailing.status == Mailing.Status.SENT
    assert mailing.deliveries.progress()["sent"] == 3


def test_every_update_carries_a_personal_unsubscribe_link_and_the_one_click_headers(
    django_capture_on_commit_callbacks, settings
):
    petition = make_petition()
    make_signature(petition=petition, email="anna@example.org", language="ru")
    make_signature(petition=petition, email="ben@example.org")

    send_to_signers(petition, django_capture_on_commit_callbacks)

    first, second = mail.outbox
    assert link_in(first) != link_in(second)
    assert "/ru/unsubscribe/" in link_in(first) or "/ru/unsubscribe/" in link_in(second)
    for message in mail.outbox:
        token = token_in(message)
        assert message.extra_headers["List-Unsubscribe"] == (
            f"<{settings.SITE_URL}/unsubscribe/{token}/one-click/>"
        )
        assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
        assert read_token(token).scope == f"petitions.signers:{petition.pk}"


def test_an_unsubscribed_signer_gets_no_later_mailing(django_capture_on_commit_callbacks):
    petition = make_petition()
    make_signature(petition=petition, email="anna@example.org")
    make_signature(petition=petition, email="ben@example.org")
    send_to_signers(petition, django_capture_on_commit_callbacks)
    anna = next(message for message in mail.outbox if message.to == ["anna@example.org"])
    unsubscribe(link=read_token(token_in(anna)), scope=read_token(token_in(anna)).scope)
    mail.outbox.clear()

    later = send_to_signers(petition, django_capture_on_commit_callbacks)

    assert [message.to for message in mail.outbox] == [["ben@example.org"]]
    assert later.deliveries.progress()["skipped"] == 1


def test_stopping_only_one_petitions_updates_leaves_the_others_coming(
    django_capture_on_commit_callbacks,
):
    first, second = make_petition(), make_petition()
    make_signature(petition=first, email="anna@example.org")
    make_signature(petition=second, email="Anna@Example.org")
    send_to_signers(first, django_capture_on_commit_callbacks)
    link = read_token(token_in(mail.outbox[0]))
    unsubscribe(link=link, scope=link.scope)
    mail.outbox.clear()

    send_to_signers(first, django_capture_on_commit_callbacks)
    send_to_signers(second, django_capture_on_commit_callbacks)

    assert [message.to for message in mail.outbox] == [["Anna@Example.org"]]
    assert not is_suppressed("anna@example.org")
    assert Suppression.objects.get().scope == f"petitions.signers:{first.pk}"


def test_campaign_news_goes_once_per_mailbox_in_the_language_signed_in_last(
    django_capture_on_commit_callbacks,
):
    make_signature(email="anna@example.org", contact_consent=True, language="ru")
    make_signature(email="ANNA+news@example.org", contact_consent=True, language="kk")
    make_signature(email="ben@example.org", contact_consent=False)
    make_signature(email="cara@example.org", contact_consent=True, state="pending")

    with django_capture_on_commit_callbacks(execute=True):
        create_mailing(audience="petitions.news", scope_id=None, messages=MESSAGES, send=True)

    assert [(message.to, message.subject) for message in mail.outbox] == [
        (["ANNA+news@example.org"], "Сот күні белгіленді")
    ]


def test_a_cancelled_mailing_sends_nothing_more_and_keeps_no_address(
    django_capture_on_commit_callbacks,
):
    petition = make_petition()
    make_signature(petition=petition)
    mailing = create_mailing(audience="petitions.signers", scope_id=petition.pk, messages=MESSAGES)

    cancel_mailing(mailing=mailing)

    mailing.refresh_from_db()
    assert mailing.status == Mailing.Status.CANCELLED
    assert mail.outbox == []
    assert not Delivery.objects.exclude(email="").exists()


def test_an_audience_no_app_declares_is_refused():
    with pytest.raises(LookupError):
        create_mailing(audience="nobody.here", scope_id=None, messages=MESSAGES)


def test_a_mailing_without_a_message_cannot_be_started():
    petition = make_petition()
    mailing = create_mailing(audience="petitions.signers", scope_id=petition.pk, messages=MESSAGES)
    mailing.messages.all().delete()

    with pytest.raises(InvalidMailingTransition):
        start_mailing(mailing=mailing)

    mailing.refresh_from_db()
    assert mailing.status == Mailing.Status.DRAFT


def test_the_html_version_says_the_same_with_the_link_and_tracks_nothing(
    django_capture_on_commit_callbacks,
):
    petition = make_petition()
    make_signature(petition=petition, email="anna@example.org", language="ru", name="Анна")

    send_to_signers(petition, django_capture_on_commit_callbacks)

    (message,) = mail.outbox
    html, mimetype = message.alternatives[0]
    assert mimetype == "text/html"
    assert '<html lang="ru">' in html
    assert "<p>Заседание в понедельник.</p>" in html
    assert f'href="{link_in(message)}"' in html
    assert "<img" not in html
