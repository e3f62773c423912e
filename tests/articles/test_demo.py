import pytest

from articles import demo
from articles.models import Article, Category

pytestmark = pytest.mark.django_db


def test_demo_articles_are_published_with_categories_and_seeding_twice_adds_nothing(client):
    demo.seed()
    demo.seed()

    assert Article.objects.published().count() == len(demo.ARTICLES)
    assert Category.objects.count() == len(demo.CATEGORIES)
    protests = Article.objects.get(slug="angry-protests-erupt-in-zhezkazgan")
    assert {c.slug for c in protests.categories.all()} == {"news", "workers-struggles"}
    assert "Zhezkazgan" in client.get("/news/").content.decode()


def test_demo_news_keeps_the_order_of_the_original_pages(client):
    demo.seed()

    page = client.get("/news/").text

    titles = [article["title"] for article in demo.ARTICLES]
    positions = [page.index(title) for title in titles if title in page]
    assert positions == sorted(positions)
    assert len(positions) >= 2
