"""The embed page other sites frame (count, goal and a Sign button that opens our site) and
the <iframe> code the petition page offers for it."""

import re
from html import unescape

import pytest
from django.test import Client

from petitions.models import Petition
from tests.campaign.test_security_headers import csp_directives
from tests.factories import make_petition, make_signature
from tests.page_types import (
    FRAMABLE_PAGE_TYPES,
    LANGUAGE_PREFIXES,
    PAGE_TYPES,
    seed_every_page_type,
)

pytestmark = pytest.mark.django_db


def embed_url(petition, prefix=""):
    return f"{prefix}/petitions/{petition.slug}/embed/"


def test_other_sites_may_frame_the_embed_page_served_fresh_or_from_the_cache(settings):
    petition = make_petition(title="Free Vadim")

    fresh = Client().get(embed_url(petition))
    cached = Client().get(embed_url(petition))

    assert cached["X-Page-Cache"] == "hit"
    for response in (fresh, cached):
        assert response.status_code == 200
        assert "X-Frame-Options" not in response
        csp = csp_directives(response)
        assert csp["frame-ancestors"] == ["*"] == settings.EMBED_ALLOWED_ORIGINS
        # Only the framing is relaxed: the rest of the policy is the site's.
        assert csp["script-src"] == ["'self'"]
        assert csp["default-src"] == ["'self'"]
        assert csp["form-action"] == ["'self'"]


def test_embed_allowed_origins_is_a_list_read_from_the_environment(monkeypatch):
    import runpy

    from tests.campaign.test_security_headers import SETTINGS_FILE

    monkeypatch.setenv("SECRET_KEY", "x")
    monkeypatch.setenv("EMBED_ALLOWED_ORIGINS", "https://a.example,https://b.example")

    production = runpy.run_path(str(SETTINGS_FILE))

    assert production["EMBED_ALLOWED_ORIGINS"] == ["https://a.example", "https://b.example"]


def test_every_other_page_type_still_refuses_to_be_framed():
    seed_every_page_type()
    client = Client()
    for name, path in PAGE_TYPES.items():
        if name in FRAMABLE_PAGE_TYPES:
            continue
        for prefix in LANGUAGE_PREFIXES.values():
            # Twice: the second may be the page cache's copy.
            for _ in range(2):
                response = client.get(prefix + path)
                assert csp_directives(response)["frame-ancestors"] == ["'none'"], prefix + path
                assert response["X-Frame-Options"] == "DENY", prefix + path


def test_the_embed_page_shows_count_goal_and_a_sign_link_that_opens_our_site():
    petition = make_petition(title="Free Vadim")
    for _ in range(3):
        make_signature(petition=petition)

    page = Client().get(embed_url(petition)).text

    assert "<strong>3</strong> signatures" in page
    assert '<progress class="petition-count__bar" max="100" value="3"' in page
    assert "<form" not in page
    assert "<script" not in page
    sign = re.search(r'<a class="button" href="([^"]*)"([^>]*)>Sign the petition', page)
    assert sign[1] == f"/petitions/{petition.slug}/#sign"
    links = re.findall(r"<a [^>]*>", page)
    assert links
    for link in links:
        assert 'target="_blank"' in link
        assert 'rel="noopener"' in link


def test_the_embed_page_of_a_closed_petition_shows_its_final_count_and_no_sign_button():
    petition = make_petition(title="Free Vadim")
    for _ in range(2):
        make_signature(petition=petition)
    petition.close()

    page = Client().get(embed_url(petition)).text

    assert "Closed" in page
    assert "<strong>2</strong> signatures" in page
    assert "Sign the petition" not in page
    assert "Read the petition" in page


@pytest.mark.parametrize(
    ("prefix", "sign"),
    [("", "Sign the petition"), ("/ru", "Подпишите петицию"), ("/kk", "Петицияға қол қойыңыз")],
)
def test_the_embed_page_speaks_the_visitors_language(prefix, sign):
    petition = make_petition(title="Free Vadim")

    page = Client().get(embed_url(petition, prefix)).text

    assert f'<html lang="{prefix.strip("/") or "en"}">' in page
    assert sign in page
    assert f'href="{prefix}/petitions/{petition.slug}/#sign"' in page


def test_drafts_have_no_embed_page(client):
    petition = make_petition(publication=Petition.Publication.DRAFT)

    assert client.get(embed_url(petition)).status_code == 404


def test_the_embed_page_takes_the_same_queries_for_many_signatures(
    client, django_assert_num_queries, settings
):
    settings.PAGE_CACHE_SECONDS = 0
    petition = make_petition()
    make_signature(petition=petition)
    with django_assert_num_queries(1) as few:
        client.get(embed_url(petition))
    for _ in range(20):
        make_signature(petition=petition)
    with django_assert_num_queries(len(few.captured_queries)):
        response = client.get(embed_url(petition))
    assert "<strong>21</strong> signatures" in response.text


@pytest.mark.parametrize("prefix", ["", "/ru"])
def test_the_petition_page_offers_the_iframe_code_in_the_readers_language(client, settings, prefix):
    petition = make_petition(title='Free "Vadim" <now>', slug="free-vadim")

    page = client.get(f"{prefix}{petition.get_absolute_url()}").text

    box = re.search(r'<textarea id="embed-code"[^>]*readonly[^>]*>([^<]*)</textarea>', page)
    code = unescape(box[1])
    assert code.startswith(
        f'<iframe src="{settings.SITE_URL}{prefix}/petitions/{petition.slug}/embed/" '
        'title="Free &quot;Vadim&quot; &lt;now&gt;"'
    )
    assert code.endswith("></iframe>")
