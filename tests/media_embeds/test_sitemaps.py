import pytest
from django.core.cache import cache

from tests.factories import make_video

pytestmark = pytest.mark.django_db


def test_sitemap_lists_published_videos_on_the_site_address(client, settings):
    settings.SITE_URL = "https://campaign.example.org"
    cache.clear()  # the sitemap view is cached for 15 minutes
    make_video(title="Shown", slug="shown")
    make_video(title="Draft", slug="draft", publication="draft")

    xml = client.get("/sitemap.xml").content.decode()

    assert "<loc>https://campaign.example.org/videos/shown/</loc>" in xml
    assert "/videos/draft/" not in xml
