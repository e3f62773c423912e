import re

import pytest
from django.utils import timezone

from petitions.models import Petition
from tests.factories import make_embassy, make_petition, make_signature

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
    make_signature(petition=petition, show_name=True)
    url = petition.get_absolute_url() + "?country=GB"
    client.get(url)
    # One of them finds the petition's translations for the language links.
    with django_assert_num_queries(6) as few:
        client.get(url)
    for _ in range(20):
        make_signature(petition=petition, show_name=True)
    with django_assert_num_queries(len(few.captured_queries)):
        response = client.get(url)
    assert "21</strong> signatures" in response.text


def test_the_page_shows_count_progress_and_an_automatic_goal(client):
    petition = make_petition()
    for _ in range(100):
        make_signature(petition=petition)
    page = client.get(petition.get_absolute_url()).text
    assert '<progress class="petition-count__bar" max="500" value="100"' in page
    assert "Goal: <strong>500</strong>" in page
    assert "style=" not in page


def test_the_detail_page_form_posts_to_sign_and_hides_the_honeypot(client):
    petition = make_petition()
    page = client.get(petition.get_absolute_url()).text
    assert f'action="/petitions/{petition.slug}/sign/"' in page
    assert re.search(r'class="petition-form__trap"[^>]*aria-hidden="true"', page)
    assert page.count('name="csrfmiddlewaretoken"') == 1


def test_the_thank_you_page_has_share_links_and_the_letter(client):
    petition = make_petition(letter_subject="Free him", letter_body="Release Vadim.")
    make_embassy(country="GB", salutation="Your Excellency,")
    page = client.get(f"/petitions/{petition.slug}/thank-you/?country=GB").text
    assert "Share this with your friends" in page
    assert "Your Excellency," in page and "Release Vadim." in page
    assert "mailto:embassy-gb@example.org?subject=Free%20him" in page


def test_count_json_is_404_for_unknown_petitions(client):
    assert client.get("/petitions/nope/count.json").status_code == 404


def test_the_privacy_page_says_what_a_signature_stores_and_for_how_long(client):
    page = client.get("/privacy/").text
    assert "When you sign a petition" in page
    assert "IP" in page and "30 days" in page and "90 days after a petition closes" in page


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
