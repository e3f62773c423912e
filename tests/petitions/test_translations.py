"""A petition in several languages is one petition: one count, one signature per address."""

import re

import pytest
from django.core import mail
from django.utils import timezone

from petitions.models import Petition, Signature
from petitions.services import SignatureDetails, SigningClosed, sign_petition
from tests.factories import make_petition, make_signature
from tests.petitions.helpers import form_data

pytestmark = pytest.mark.django_db

RUSSIAN_LINK = re.compile(r"http://testserver(/ru/petitions/[^\s\"<]+/confirm/[A-Za-z0-9_-]+/)")


@pytest.fixture
def petition_in_two_languages():
    original = make_petition(title="Free Vadim", slug="free-vadim", letter_body="Free him.")
    russian = make_petition(
        title="Свободу Вадиму",
        slug="svobodu-vadimu",
        language="ru",
        translation_of=original,
        letter_body="Освободите его.",
    )
    return original, russian


def test_signatures_on_a_translation_count_for_the_original(client, petition_in_two_languages):
    original, russian = petition_in_two_languages
    make_signature(petition=original)
    response = client.post(f"/ru/petitions/{russian.slug}/sign/", form_data())
    assert response["Location"] == f"/ru/petitions/{russian.slug}/check-your-email/"
    signature = Signature.objects.get(email="anna@example.org")
    assert signature.petition == original
    assert signature.language == "ru"

    confirm = RUSSIAN_LINK.search(mail.outbox[-1].body)[1]
    assert mail.outbox[-1].subject == "Пожалуйста, подтвердите подпись: Свободу Вадиму"
    assert "Свободу Вадиму" in mail.outbox[-1].body
    assert "Подтвердить подпись" in client.get(confirm).text
    thanks = client.post(confirm)
    assert thanks["Location"] == f"/ru/petitions/{russian.slug}/thank-you/"
    thank_you = client.get(thanks["Location"]).text
    assert "Освободите его." in thank_you

    for petition in (original, russian):
        assert client.get(f"/petitions/{petition.slug}/count.json").json()["count"] == 2
    assert "<strong>2</strong>" in client.get(f"/ru/petitions/{russian.slug}/").text


def test_one_address_signs_once_whichever_language_it_signs_in(client, petition_in_two_languages):
    original, russian = petition_in_two_languages
    client.post(f"/petitions/{original.slug}/sign/", form_data())
    client.post(f"/ru/petitions/{russian.slug}/sign/", form_data(email="Anna@example.org"))
    assert Signature.objects.count() == 1
    assert len(mail.outbox) == 2


def test_the_list_counts_a_translation_with_its_original(client, petition_in_two_languages):
    original, _russian = petition_in_two_languages
    for _ in range(3):
        make_signature(petition=original)
    html = client.get("/ru/petitions/").text
    assert "Свободу Вадиму" in html
    assert "Free Vadim" not in html
    assert "3 подписи" in html


CLOSED = "Эта петиция закрыта и больше не принимает подписи."
PAUSED = "Подписание ненадолго приостановлено."


@pytest.mark.parametrize(
    ("original_fields", "refusal"),
    [
        ({"signing_paused": True}, PAUSED),
        ({"status": Petition.Status.CLOSED}, CLOSED),
        ({"closes_at": timezone.now() - timezone.timedelta(hours=1)}, CLOSED),
    ],
)
def test_a_translation_refuses_signatures_while_its_original_does(
    client, settings, petition_in_two_languages, original_fields, refusal
):
    settings.PAGE_CACHE_SECONDS = 0
    original, russian = petition_in_two_languages
    Petition.objects.filter(pk=original.pk).update(**original_fields)

    page = client.get(f"/ru/petitions/{russian.slug}/")
    assert refusal in page.text
    assert 'name="email"' not in page.text
    response = client.post(f"/ru/petitions/{russian.slug}/sign/", form_data())
    assert response.status_code == 403
    assert refusal in response.text
    with pytest.raises(SigningClosed):
        sign_petition(
            petition=Petition.objects.get(pk=russian.pk),
            details=SignatureDetails(name="Anna", email="anna@example.org", country="GB"),
        )
    assert not Signature.objects.exists()
    assert mail.outbox == []


def test_a_paused_translation_refuses_signatures_while_its_original_takes_them(
    client, petition_in_two_languages
):
    original, russian = petition_in_two_languages
    Petition.objects.filter(pk=russian.pk).update(signing_paused=True)

    assert client.post(f"/ru/petitions/{russian.slug}/sign/", form_data()).status_code == 403
    assert not Signature.objects.exists()
    assert client.post(f"/petitions/{original.slug}/sign/", form_data()).status_code == 302
    assert Signature.objects.count() == 1
