"""The mailings admin: Moderators write, preview, test and send; Editors see results."""

import csv
import io
import re

import pytest
from django.contrib.auth.models import Group, User
from django.core import mail
from django.urls import reverse

from core.mailing_models import Mailing, Suppression
from core.mailings import create_mailing, unsubscribe
from core.unsubscribe import read_token
from tests.factories import make_petition, make_signature

pytestmark = pytest.mark.django_db


def staff_in(group_name: str, email="") -> User:
    user = User.objects.create_user(
        group_name.lower(), password="x", is_staff=True, email=email, first_name="Dana"
    )
    user.groups.add(Group.objects.get(name=group_name))
    return user


@pytest.fixture
def moderator(client):
    user = staff_in("Moderators", email="dana@campaign.example")
    client.force_login(user)
    return user


def new_mailing_form(petition, **overrides):
    data = {
        "recipients": f"petitions.signers|{petition.pk}",
        "messages-TOTAL_FORMS": "3",
        "messages-INITIAL_FORMS": "0",
        "messages-MIN_NUM_FORMS": "1",
        "messages-MAX_NUM_FORMS": "3",
        "messages-0-language": "en",
        "messages-0-subject": "The court date is set",
        "messages-0-body": "The hearing is on Monday.",
        "messages-1-language": "ru",
        "messages-1-subject": "Дата суда назначена",
        "messages-1-body": "Заседание в понедельник.",
        "messages-2-language": "kk",
        "messages-2-subject": "",
        "messages-2-body": "",
        "_continue": "1",
    }
    return {**data, **overrides}


def test_a_moderator_writes_a_mailing_in_two_languages_and_sees_the_preview(client, moderator):
    petition = make_petition(title="Free Aigerim")

    response = client.post(reverse("admin:core_mailing_add"), new_mailing_form(petition))

    mailing = Mailing.objects.get()
    assert response.status_code == 302
    assert (mailing.audience, mailing.scope_id, mailing.created_by) == (
        "petitions.signers", petition.pk, moderator,
    )  # fmt: skip
    assert sorted(mailing.messages.values_list("language", flat=True)) == ["en", "ru"]
    assert mailing.recipients_label == "Confirmed signers of “Free Aigerim” (updates about it)"
    page = client.get(response["Location"])
    assert "Preview: what a recipient gets" in page.text
    assert "Hello Dana," in page.text
    assert "Здравствуйте, Dana!" in page.text
    assert "List-Unsubscribe" in page.text
    assert "Send a test to me" in page.text


def test_the_same_language_twice_is_refused_with_a_message(client, moderator):
    petition = make_petition()
    form = new_mailing_form(petition, **{"messages-1-language": "en"})

    response = client.post(reverse("admin:core_mailing_add"), form)

    assert response.status_code == 200
    assert "Please correct the duplicate data for language" in response.text
    assert not Mailing.objects.exists()


def test_a_test_goes_to_the_moderator_in_each_language_and_to_nobody_else(client, moderator):
    petition = make_petition()
    make_signature(petition=petition, email="signer@example.org")
    mailing = create_mailing(
        audience="petitions.signers", scope_id=petition.pk,
        messages={"en": ("Hello", "Text"), "kk": ("Сәлем", "Мәтін")},
    )  # fmt: skip

    client.post(reverse("admin:core_mailing_test", args=[mailing.pk]))

    assert [message.to for message in mail.outbox] == [["dana@campaign.example"]] * 2
    assert sorted(message.subject for message in mail.outbox) == [
        "[TEST en] Hello", "[TEST kk] Сәлем",
    ]  # fmt: skip
    mailing.refresh_from_db()
    assert mailing.status == Mailing.Status.DRAFT


def test_sending_asks_first_then_sends_and_shows_progress(
    client, moderator, django_capture_on_commit_callbacks
):
    petition = make_petition()
    make_signature(petition=petition, email="anna@example.org")
    make_signature(petition=petition, email="ben@example.org")
    mailing = create_mailing(
        audience="petitions.signers", scope_id=petition.pk, messages={"en": ("Hi", "Text")}
    )
    url = reverse("admin:core_mailing_sending", args=[mailing.pk, "send"])

    question = client.get(url)
    assert "Send this mailing now?" in question.text
    assert mail.outbox == []
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url)
    page = client.get(reverse("admin:core_mailing_change", args=[mailing.pk]))

    assert len(mail.outbox) == 2
    progress = dict(re.findall(r"<dt>([^<]+)</dt><dd>(\d+)", page.text))
    assert (progress["Sent"], progress["Failed"], progress["Left"]) == ("2", "0", "0")
    assert "Sending: Sent" in page.text


def test_the_list_shows_each_mailings_results_in_the_same_queries_for_any_number(
    client, moderator, django_assert_num_queries
):
    create_mailing(audience="petitions.news", scope_id=None, messages={"en": ("News", "Text")})
    with django_assert_num_queries(13) as one:
        client.get(reverse("admin:core_mailing_changelist"))
    petition = make_petition()
    for address in ("anna@example.org", "ben@example.org"):
        make_signature(petition=petition, email=address)
    mailing = create_mailing(
        audience="petitions.signers", scope_id=petition.pk, messages={"en": ("Hi", "Text")},
        send=True,
    )  # fmt: skip
    from core.mailing_tasks import send_mailing

    send_mailing.call(mailing_id=mailing.pk)
    link = read_token(re.search(r"/unsubscribe/([^/]+)/", mail.outbox[0].body)[1])
    unsubscribe(link=link, scope=link.scope)

    with django_assert_num_queries(len(one.captured_queries)):
        response = client.get(reverse("admin:core_mailing_changelist"))

    assert response.status_code == 200
    assert "2 · 0 · 1" in response.text
    assert "Hi" in response.text and "News" in response.text


def test_a_mailing_that_went_out_can_no_longer_be_edited(client, moderator):
    petition = make_petition()
    mailing = create_mailing(
        audience="petitions.signers", scope_id=petition.pk, messages={"en": ("Hi", "Text")}
    )
    Mailing.objects.filter(pk=mailing.pk).update(status=Mailing.Status.SENT)

    client.post(
        reverse("admin:core_mailing_change", args=[mailing.pk]),
        new_mailing_form(petition, **{"messages-0-subject": "Changed"}),
    )

    assert mailing.messages.get().subject == "Hi"


def test_editors_see_results_but_cannot_write_or_send(client):
    editor = staff_in("Editors")
    client.force_login(editor)
    petition = make_petition()
    mailing = create_mailing(
        audience="petitions.signers", scope_id=petition.pk, messages={"en": ("Hi", "Text")}
    )

    assert client.get(reverse("admin:core_mailing_changelist")).status_code == 200
    assert client.get(reverse("admin:core_mailing_add")).status_code == 403
    sending = client.post(reverse("admin:core_mailing_sending", args=[mailing.pk, "send"]))
    assert sending.status_code == 403
    assert client.post(reverse("admin:core_mailing_test", args=[mailing.pk])).status_code == 403
    mailing.refresh_from_db()
    assert mailing.status == Mailing.Status.DRAFT


def test_the_contacts_export_leaves_out_addresses_that_unsubscribed(admin_client):
    from core.emails import address_hash

    petition = make_petition()
    for address in ("stays@example.org", "left@example.org", "bounced@example.org"):
        make_signature(petition=petition, email=address, contact_consent=True)
    Suppression.objects.create(
        address_hash=address_hash("Left@Example.org"), scope="petitions.news",
        reason=Suppression.Reason.UNSUBSCRIBED,
    )  # fmt: skip
    Suppression.objects.create(
        address_hash=address_hash("bounced@example.org"), scope="all",
        reason=Suppression.Reason.UNDELIVERABLE,
    )  # fmt: skip

    response = admin_client.post(
        reverse("admin:petitions_petition_changelist"),
        {"action": "export_contacts", "_selected_action": [petition.pk]},
    )

    text = b"".join(response.streaming_content).decode().lstrip("\ufeff")
    assert [row[2] for row in list(csv.reader(io.StringIO(text)))[1:]] == ["stays@example.org"]
