"""Anonymous pages come from the cache without leaking one visitor's cookies or tokens to
another, and editors' changes show on the next request."""

import re

import pytest
from django.test import Client

from articles.models import Article
from core.services import publish, unpublish
from petitions.models import PetitionSettings
from tests.factories import (
    make_article,
    make_category,
    make_petition,
    make_prisoner,
    make_signature,
)
from tests.petitions.helpers import form_data

pytestmark = pytest.mark.django_db

CSRF_INPUT = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def test_a_second_visitor_gets_the_cached_page_without_anyones_cookie():
    article = make_article(title="Strike in Zhanaozen")
    first = Client().get(article.get_absolute_url())
    second = Client().get(article.get_absolute_url())

    assert first["X-Page-Cache"] == "miss"
    assert second["X-Page-Cache"] == "hit"
    assert "Strike in Zhanaozen" in second.text
    assert not second.cookies
    assert "Set-Cookie" not in second.headers
    assert "Content-Security-Policy" in second.headers
    assert "nonce-" not in second["Content-Security-Policy"]


def test_a_cached_petition_page_gives_each_visitor_their_own_working_csrf_token():
    petition = make_petition(title="Free Vadim")
    PetitionSettings.load()
    visitor_a = Client(enforce_csrf_checks=True)
    visitor_b = Client(enforce_csrf_checks=True)
    page_a = visitor_a.get(petition.get_absolute_url())
    page_b = visitor_b.get(petition.get_absolute_url())

    assert page_b["X-Page-Cache"] == "hit"
    token_a = CSRF_INPUT.search(page_a.text)[1]
    token_b = CSRF_INPUT.search(page_b.text)[1]
    assert token_a != token_b
    assert visitor_b.cookies["csrftoken"].value != visitor_a.cookies["csrftoken"].value
    signed = visitor_b.post(
        f"/petitions/{petition.slug}/sign/", {**form_data(), "csrfmiddlewaretoken": token_b}
    )
    assert signed.status_code == 302


def test_links_shared_with_click_identifiers_share_one_cached_page():
    article = make_article(title="Strike in Zhanaozen")
    first = Client().get(article.get_absolute_url(), {"fbclid": "visitor-a", "utm_source": "x"})
    second = Client().get(article.get_absolute_url(), {"fbclid": "visitor-b"})

    assert first["X-Page-Cache"] == "miss"
    assert second["X-Page-Cache"] == "hit"
    assert "visitor-a" not in second.text


def test_made_up_query_parameters_are_served_but_never_fill_the_cache(client):
    article = make_article(title="Strike in Zhanaozen")
    url = article.get_absolute_url()
    for junk in ({"x": "1"}, {"x": "2"}, {"page": ["1", "2"]}):
        response = client.get(url, junk)
        assert response.status_code == 200
        assert "Strike in Zhanaozen" in response.text
        assert "X-Page-Cache" not in response
    assert client.get(url)["X-Page-Cache"] == "miss"
    assert client.get("/news/", {"page": "1", "utm_source": "x"})["X-Page-Cache"] == "miss"
    assert client.get("/news/", {"page": "1"})["X-Page-Cache"] == "hit"


def test_a_page_is_stored_only_for_the_query_parameters_its_view_reads(client):
    petition = make_petition()
    make_prisoner()
    # Parameters other pages read are made up here: served, never stored.
    for url, parameters in [
        ("/news/", {"country": "kz"}),
        ("/news/", {"q": "strike"}),
        (petition.get_absolute_url(), {"page": "2"}),
        ("/prisoners/", {"country": "kz"}),
    ]:
        for _ in range(2):
            response = client.get(url, parameters)
            assert response.status_code == 200
            assert "X-Page-Cache" not in response, (url, parameters)
    # What each page does read is stored as before.
    for url, parameters in [
        (petition.get_absolute_url(), {"country": "KZ"}),
        ("/prisoners/", {"region": "Mangystau", "page": "1"}),
    ]:
        assert client.get(url, parameters)["X-Page-Cache"] == "miss"
        assert client.get(url, parameters)["X-Page-Cache"] == "hit"


def test_an_edited_article_shows_on_the_next_request(client):
    article = make_article(title="Old headline")
    client.get(article.get_absolute_url())
    client.get("/news/")

    article.title = "New headline"
    article.save()

    assert "New headline" in client.get(article.get_absolute_url()).text
    assert "New headline" in client.get("/news/").text


def test_content_changed_without_save_signals_shows_on_the_next_request(client):
    article = make_article(title="Soon hidden")
    strikes = make_category(name="Strikes")
    assert "Soon hidden" in client.get("/news/").text
    assert "Soon hidden" not in client.get(strikes.get_absolute_url()).text

    article.categories.add(strikes)
    assert "Soon hidden" in client.get(strikes.get_absolute_url()).text

    unpublish(queryset=Article.objects.filter(pk=article.pk))
    assert "Soon hidden" not in client.get("/news/").text
    assert client.get("/news/")["X-Page-Cache"] == "hit"

    publish(queryset=Article.objects.filter(pk=article.pk))
    assert "Soon hidden" in client.get("/news/").text


def test_staff_previews_are_never_cached_nor_served_from_the_cache(client, staff_client):
    draft = make_article(title="Draft report", publication=Article.Publication.DRAFT)
    published = make_article(title="Public report")
    client.get(published.get_absolute_url())

    preview = staff_client.get(draft.get_absolute_url())
    assert preview.status_code == 200
    assert "X-Page-Cache" not in preview.headers
    assert client.get(draft.get_absolute_url()).status_code == 404
    assert "X-Page-Cache" not in staff_client.get(published.get_absolute_url()).headers


def test_a_visitor_with_a_session_cookie_bypasses_the_cache(client):
    article = make_article()
    client.get(article.get_absolute_url())
    client.cookies["sessionid"] = "anything"
    assert "X-Page-Cache" not in client.get(article.get_absolute_url()).headers


def test_the_thank_you_page_counts_the_signer_at_once(client):
    petition = make_petition()
    PetitionSettings.load()
    assert "Be the first to sign" in client.get(f"/petitions/{petition.slug}/thank-you/").text
    make_signature(petition=petition)
    assert "1</strong> signature" in client.get(f"/petitions/{petition.slug}/thank-you/").text


def test_a_visitor_who_just_signed_sees_the_petition_page_fresh(client):
    petition = make_petition()
    PetitionSettings.load()
    client.get(petition.get_absolute_url())
    client.post(f"/petitions/{petition.slug}/sign/", form_data())
    make_signature(petition=petition)

    assert "1</strong> signature" in client.get(petition.get_absolute_url()).text
    assert "Be the first to sign" in Client().get(petition.get_absolute_url()).text


def test_a_page_served_from_the_cache_keeps_language_security_headers_and_a_fresh_token():
    petition = make_petition(title="Free Vadim")
    PetitionSettings.load()
    path = f"/ru{petition.get_absolute_url()}"
    first = Client().get(path)
    second = Client().get(path)

    assert second["X-Page-Cache"] == "hit"
    assert '<html lang="ru">' in second.text
    assert second["Content-Language"] == "ru"
    for header in (
        "Content-Security-Policy",
        "X-Frame-Options",
        "X-Content-Type-Options",
        "Referrer-Policy",
        "Cross-Origin-Opener-Policy",
        "Permissions-Policy",
    ):
        assert second[header] == first[header], header
    # The policy needs no nonce (no inline scripts), so a stored page reuses none.
    assert "nonce-" not in second["Content-Security-Policy"]
    assert CSRF_INPUT.search(second.text)[1] != CSRF_INPUT.search(first.text)[1]
    assert second.cookies["csrftoken"].value


def test_pages_without_a_form_token_may_be_kept_by_a_cdn_and_pages_with_one_may_not(
    client, staff_client
):
    article = make_article(title="Strike in Zhanaozen")
    petition = make_petition()
    PetitionSettings.load()
    for _ in range(2):
        assert Client().get(article.get_absolute_url())["Cache-Control"] == "public, max-age=60"
        assert Client().get(petition.get_absolute_url())["Cache-Control"] == "private"
    assert "public" not in staff_client.get(article.get_absolute_url()).get("Cache-Control", "")


@pytest.fixture
def local_layer(monkeypatch):
    """Pages kept in this process in front of the shared cache, as with Redis."""
    from core import page_cache

    monkeypatch.setattr(page_cache._LocalPages, "enabled", staticmethod(lambda: True))
    page_cache._local.clear()
    yield page_cache
    page_cache._local.clear()


def test_a_worker_serves_pages_it_just_served_without_asking_the_shared_cache(
    local_layer, monkeypatch
):
    article = make_article(title="Strike in Zhanaozen")
    assert Client().get(article.get_absolute_url())["X-Page-Cache"] == "miss"

    def unreachable(*args, **kwargs):
        raise AssertionError("asked the shared cache")

    with monkeypatch.context() as patched:
        patched.setattr(local_layer.cache, "get_many", unreachable)
        again = Client().get(article.get_absolute_url())
    assert again["X-Page-Cache"] == "hit"
    assert "Strike in Zhanaozen" in again.text


def test_an_edit_shows_at_once_here_and_within_the_local_lifetime_elsewhere(
    local_layer, monkeypatch, settings
):
    settings.PAGE_CACHE_LOCAL_SECONDS = 2
    article = make_article(title="Strike in Zhanaozen")
    Client().get(article.get_absolute_url())
    article.title = "Strike ends"
    article.save()  # on this worker: its copies are forgotten
    assert "Strike ends" in Client().get(article.get_absolute_url()).text

    # An edit on another worker changes only the shared version.
    local_layer.cache.set(local_layer.CONTENT_VERSION_KEY, "edited-on-another-worker")
    Article.objects.filter(pk=article.pk).update(title="Strike resumes")
    assert "Strike ends" in Client().get(article.get_absolute_url()).text
    now = local_layer.time.time()
    monkeypatch.setattr(local_layer.time, "time", lambda: now + 2.5)
    assert "Strike resumes" in Client().get(article.get_absolute_url()).text
