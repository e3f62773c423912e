import re

import pytest
from django.core import mail
from django.core.cache import cache
from django.utils import timezone

from petitions.models import Petition, Signature
from tests.factories import make_action, make_embassy, make_petition, make_signature
from tests.petitions.helpers import CLOSED_MESSAGE, form_data, same_response, sign

pytestmark = pytest.mark.django_db


def test_the_list_shows_open_petitions_first_then_closed_with_counts(client):
    closed = make_petition(title="Closed one", status=Petition.Status.CLOSED)
    expired = make_petition(
        title="Expired one", closes_at=timezone.now() - timezone.timedelta(days=1)
    )
    current = make_petition(title="Open one")
    make_petition(title="Draft one", publication=Petition.Publication.DRAFT)
    for _ in range(3):
        make_signature(petition=current)
    page = client.get("/petitions/").text
    assert page.index("Open one") < page.index("Expired one")
    assert page.index("Open one") < page.index("Closed one")
    assert "Draft one" not in page
    assert "3 signatures" in page
    assert closed and expired


@pytest.mark.parametrize("page", ["99", "abc"])
def test_pages_past_the_end_are_not_found(client, page):
    make_petition()
    assert client.get("/petitions/", {"page": page}).status_code == 404


def test_the_list_takes_the_same_queries_for_many_petitions(client, django_assert_num_queries):
    make_petition()
    with django_assert_num_queries(2) as few:
        client.get("/petitions/")
    for _ in range(10):
        make_signature(petition=make_petition())
    with django_assert_num_queries(len(few.captured_queries)):
        client.get("/petitions/")


def test_the_detail_page_takes_the_same_queries_for_many_signers(
    client, django_assert_num_queries, settings
):
    settings.PAGE_CACHE_SECONDS = 0
    petition = make_petition(letter_body="Free them.")
    make_embassy(country="GB")
    wall_message = {"comment": "Stay strong", "publish_comment": True, "comment_review": "approved"}
    make_signature(petition=petition, show_name=True, **wall_message)
    url = petition.get_absolute_url() + "?country=GB"
    client.get(url)
    # One of them finds the petition's translations for the language links, one what
    # happened to the petition since, one the solidarity wall.
    with django_assert_num_queries(8) as few:
        client.get(url)
    for _ in range(20):
        make_signature(petition=petition, show_name=True, **wall_message)
    with django_assert_num_queries(len(few.captured_queries)):
        response = client.get(url)
    assert "21</strong> signatures" in response.text
    assert response.text.count("Stay strong") == 21


def count_letters(action, **countries):
    from actions.models import LetterCount, LetterTarget

    target = LetterTarget.objects.get(action=action)
    for country, count in countries.items():
        LetterCount.objects.create(target=target, country=country, count=count)


def support_section(page: str) -> str:
    section = page[page.index('id="support-heading"') :]
    return section[: section.index("</section>")]


@pytest.mark.parametrize(
    ("prefix", "heading", "germany"),
    [
        ("", "Letters sent by country", "Germany"),
        ("/ru", "Отправленные письма по странам", "Германия"),
        ("/kk", "Елдер бойынша жіберілген хаттар", "Германия"),
    ],
)
def test_the_page_shows_letters_by_country_of_its_letter_action_under_signatures(
    client, prefix, heading, germany
):
    petition = make_petition()
    for _ in range(5):
        make_signature(petition=petition, country="FR")
    count_letters(make_action(petition=petition), DE=9, KZ=2)

    section = support_section(client.get(prefix + petition.get_absolute_url()).text)

    letters = section[section.index(heading) :]
    assert germany in letters
    assert '<span class="country-counts__number">9</span>' in letters
    assert "2" in letters[letters.index('class="country-counts__others"') :][:80]
    assert section.index("country-counts") < section.index(heading)


def test_letters_alone_show_where_support_comes_from(client):
    petition = make_petition()
    count_letters(make_action(petition=petition), DE=9)

    section = support_section(client.get(petition.get_absolute_url()).text)

    assert "Letters sent by country" in section
    assert "Germany" in section


def test_letters_of_an_unpublished_action_stay_off_the_petition_page(client):
    from actions.models import LetterAction

    petition = make_petition()
    action = make_action(petition=petition, publication=LetterAction.Publication.DRAFT)
    count_letters(action, DE=9)

    page = client.get(petition.get_absolute_url()).text

    assert 'id="support-heading"' not in page


def test_the_detail_page_takes_the_same_queries_with_a_letter_action(
    client, django_assert_num_queries, settings
):
    settings.PAGE_CACHE_SECONDS = 0
    petition = make_petition()
    make_signature(petition=petition, country="DE")
    action = make_action(petition=petition)
    count_letters(action, DE=5)
    url = petition.get_absolute_url()
    client.get(url)
    # A first visit: both counts by country are counted, not read from the cache (with the
    # petition's events and its solidarity wall).
    cache.clear()
    with django_assert_num_queries(9) as few:
        client.get(url)
    expected = len(few.captured_queries)
    count_letters(action, FR=6, GB=7, IE=1)
    for _ in range(10):
        make_signature(petition=petition, country="FR")
    cache.clear()
    with django_assert_num_queries(expected):
        response = client.get(url)
    section = support_section(response.text)
    assert "Ireland" not in section
    assert "United Kingdom" in section


def test_the_page_shows_count_progress_and_an_automatic_goal(client):
    petition = make_petition()
    for _ in range(100):
        make_signature(petition=petition)
    page = client.get(petition.get_absolute_url()).text
    assert '<progress class="petition-count__bar" max="500" value="100"' in page
    assert "Goal: <strong>500</strong>" in page
    # No style attribute on any element (the CSP refuses them); the embed code's text, shown
    # escaped, may hold one for the page it is pasted into.
    assert not re.search(r"<[^>]*\sstyle=", page)


def test_the_detail_page_form_posts_to_sign_and_hides_the_honeypot(client):
    petition = make_petition()
    page = client.get(petition.get_absolute_url()).text
    assert f'action="/petitions/{petition.slug}/sign/"' in page
    assert re.search(r'class="petition-form__trap"[^>]*aria-hidden="true"', page)
    assert page.count('name="csrfmiddlewaretoken"') == 1


def test_the_thank_you_page_has_share_links_and_the_letter(client):
    petition = make_petition(letter_subject="Free him", letter_body="Release Vadim.")
    make_embassy(country="GB")
    page = client.get(f"/petitions/{petition.slug}/thank-you/?country=GB").text
    assert "ask your friends to sign too" in page
    assert "Release Vadim." in page
    assert "mailto:embassy-gb@example.org?subject=Free%20him" in page


def test_count_json_is_404_for_unknown_petitions(client):
    assert client.get("/petitions/nope/count.json").status_code == 404


def test_the_privacy_page_says_what_a_signature_stores_and_for_how_long(client):
    page = client.get("/privacy/").text
    assert "When you sign a petition" in page
    assert "IP" in page and "30 days" in page and "90 days after a petition closes" in page


def test_the_privacy_page_says_what_the_logs_hold_and_who_sees_signatures(client):
    page = client.get("/privacy/").text
    assert "What our server's logs hold" in page
    assert "It does not write your internet (IP) address." in page
    assert "it is replaced by the word “[token]”" in page
    assert "Only the campaign's moderators can read signatures" in page
    assert "Campaign editors can read signatures" not in page
    ru = client.get("/ru/privacy/").text
    kk = client.get("/kk/privacy/").text
    assert "What our server" not in ru and "What our server" not in kk
    assert "[token]" in ru and "[token]" in kk


def test_published_petitions_are_in_the_sitemap(client):
    make_petition(slug="in-map")
    make_petition(slug="draft-not-in-map", publication=Petition.Publication.DRAFT)
    xml = client.get("/sitemap.xml").text
    assert "http://testserver/petitions/in-map/" in xml
    assert "draft-not-in-map" not in xml


def test_the_page_links_the_published_prisoners_it_is_about(client):
    from tests.factories import make_prisoner

    petition = make_petition()
    petition.prisoners.add(
        make_prisoner(name="Vadim Kuramshin", slug="vadim-kuramshin"),
        make_prisoner(name="Hidden Prisoner", publication="draft"),
    )
    page = client.get(petition.get_absolute_url()).text
    assert 'href="/prisoners/vadim-kuramshin/"' in page
    assert "Hidden Prisoner" not in page


def test_country_names_follow_the_page_language(client):
    petition = make_petition()

    english = client.get(f"/petitions/{petition.slug}/").text
    russian = client.get(f"/ru/petitions/{petition.slug}/").text

    assert '<option value="GB">United Kingdom</option>' in english
    assert '<option value="GB">Великобритания</option>' in russian


def test_the_honeypot_gets_the_normal_response_and_saves_nothing(client):
    petition = make_petition()
    human = sign(client, petition, email="human@example.org")
    bot = sign(client, petition, email="bot@example.org", website="http://spam.example")
    same_response(human, bot)
    assert list(Signature.objects.values_list("email", flat=True)) == ["human@example.org"]
    assert len(mail.outbox) == 1


def test_a_bad_form_sent_to_a_closed_petition_gets_the_refusal_not_the_form(client):
    petition = make_petition(status=Petition.Status.CLOSED)
    response = sign(client, petition, email="not an address")
    assert response.status_code == 400
    assert CLOSED_MESSAGE in response.text
    assert 'name="email"' not in response.text
    assert not Signature.objects.exists()


def test_a_draft_petition_is_not_found(client):
    petition = make_petition(publication=Petition.Publication.DRAFT)
    assert client.get(petition.get_absolute_url()).status_code == 404
    assert sign(client, petition).status_code == 404
    assert client.get(f"/petitions/{petition.slug}/count.json").status_code == 404
    assert not Signature.objects.exists()


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
    assert 'id="sign-errors"' in response.text
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


def test_kazakh_pages_name_countries_in_kazakh_in_the_selects_and_the_signer_list(client):
    petition = make_petition(letter_body="Free them.")
    make_signature(petition=petition, name="Shown Person", show_name=True, country="KZ")

    kazakh = client.get(f"/kk/petitions/{petition.slug}/").text
    russian = client.get(f"/ru/petitions/{petition.slug}/").text

    assert '<option value="DE">Германия</option>' in kazakh
    assert kazakh.count('<option value="KZ">Қазақстан</option>') == 2  # sign form and letter
    assert "Shown P., Қазақстан" in kazakh
    assert "Shown P., Казахстан" in russian
