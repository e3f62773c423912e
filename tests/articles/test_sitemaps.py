import re

import pytest
from django.core.cache import cache
from django.utils import timezone

from articles.models import Article
from tests.factories import make_article, make_category

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _uncached_sitemap():
    # The sitemap view is cached: neither this test nor the next may see a stale copy.
    cache.clear()
    yield
    cache.clear()


def test_sitemap_lists_public_articles_and_categories_only(client, settings):
    settings.SITE_URL = "https://campaign.example"
    make_article(title="Public")
    make_article(title="Draft", publication=Article.Publication.DRAFT)
    make_article(title="Scheduled", published_at=timezone.now() + timezone.timedelta(days=1))
    make_category(name="Strikes")

    response = client.get("/sitemap.xml")

    locations = re.findall(r"<loc>([^<]+)</loc>", response.content.decode())
    assert "https://campaign.example/news/public/" in locations
    assert "https://campaign.example/category/strikes/" in locations
    assert not [loc for loc in locations if "draft" in loc or "scheduled" in loc]
