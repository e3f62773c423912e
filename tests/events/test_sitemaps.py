import re

import pytest
from django.core.cache import cache

from core.registry import search_sections
from tests.factories import make_event

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _uncached_sitemap():
    cache.clear()
    yield
    cache.clear()


def test_sitemap_lists_published_events_at_their_languages_address(client, settings):
    settings.SITE_URL = "https://campaign.example"
    make_event(slug="rally")
    make_event(slug="miting", language="ru")
    make_event(slug="draft", publication="draft")

    locations = re.findall(r"<loc>([^<]+)</loc>", client.get("/sitemap.xml").text)

    assert "https://campaign.example/events/rally/" in locations
    assert "https://campaign.example/ru/events/miting/" in locations
    assert not [location for location in locations if "draft" in location]


def test_site_search_has_an_events_section_that_finds_published_events(client):
    make_event(title="Commemoration in London", slug="commemoration")
    make_event(title="Commemoration draft", slug="hidden", publication="draft")

    html = client.get("/search/", {"q": "Commemoration"}).text

    assert "Events" in [section.heading for section in search_sections()]
    assert "/events/commemoration/" in html
    assert "/events/hidden/" not in html
