import re
from html import unescape
from urllib.parse import parse_qs, unquote, urlsplit

import pytest

from petitions.letters import letter_for, mailto_url
from petitions.models import PetitionSettings
from tests.factories import make_embassy, make_petition

pytestmark = pytest.mark.django_db

LETTER = (
    "I am writing this letter of protest.\n\n"
    "Free Vadim Kuramshin & all prisoners \u2013 now? 100% = ok\n\nYours in protest,"
)


def decode(mailto: str) -> tuple[str, dict[str, str]]:
    parts = urlsplit(mailto)
    assert parts.scheme == "mailto"
    query = {key: values[0] for key, values in parse_qs(parts.query).items()}
    return unquote(parts.path), query


def test_the_mailto_link_decodes_back_to_the_stored_letter():
    petition = make_petition(letter_subject="Free Vadim Kuramshin & others", letter_body=LETTER)
    make_embassy(country="GB", email="embassy+gb@example.org")
    letter = letter_for(petition, "gb")
    to, query = decode(letter.mailto)
    assert to == "embassy+gb@example.org"
    assert query["subject"] == "Free Vadim Kuramshin & others"
    assert query["body"] == (LETTER + "\n").replace("\n", "\r\n")


def test_the_letter_is_the_editors_text_with_no_greeting_added_in_another_language(client):
    letter_ru = "Уважаемый господин посол!\n\nОсвободите Вадима Курамшина."
    petition = make_petition(language="ru", letter_subject="Протест", letter_body=letter_ru)
    make_embassy(country="DE", email="de@example.org")
    for country in ("DE", "FR"):  # an embassy, and the fallback address
        assert letter_for(petition, country).text == letter_ru + "\n"
    page = client.get("/ru" + petition.get_absolute_url(), {"country": "DE"}).text
    assert "Dear" not in page


def test_mailto_encoding_follows_rfc_6068():
    url = mailto_url(to="a@example.org", subject="a b&c=d", body="line one\nline two")
    assert url == "mailto:a@example.org?subject=a%20b%26c%3Dd&body=line%20one%0D%0Aline%20two"
    assert "+" not in url


def test_countries_without_an_embassy_fall_back_to_the_general_address():
    petition = make_petition(letter_body="Free them.")
    PetitionSettings.objects.update_or_create(
        pk=1,
        defaults={"fallback_embassy_name": "Ministry", "fallback_embassy_email": "mfa@example.org"},
    )
    for country in ("FR", "ZZ", "", None):
        letter = letter_for(petition, country)
        assert letter.is_fallback and letter.email == "mfa@example.org"


def test_a_petition_without_a_letter_has_none():
    assert letter_for(make_petition(), "GB") is None


def test_the_page_offers_the_letter_for_the_chosen_country_with_a_copy_button(client):
    petition = make_petition(letter_subject="Protest", letter_body=LETTER)
    make_embassy(country="DE", name="Embassy in Berlin", email="de@example.org", is_example=True)
    page = client.get(petition.get_absolute_url(), {"country": "DE"}).text
    assert "Embassy in Berlin" in page
    assert "not a real embassy address" in page
    assert 'data-copy-target="#letter-text"' in page
    href = unescape(re.search(r'href="(mailto:de@[^"]+)"', page)[1])
    to, query = decode(href)
    assert to == "de@example.org"
    assert query["body"].endswith("Yours in protest,\r\n")
    assert '<option value="DE" selected>' in page
