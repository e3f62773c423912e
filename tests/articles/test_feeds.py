from xml.etree import ElementTree

import pytest
from django.utils import timezone

from articles.models import Article
from tests.factories import make_article, make_category

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture(autouse=True)
def public_site(settings):
    # Requests arrive as "testserver"; every link must still point at the public site.
    settings.SITE_URL = "https://campaign.example"


def test_rss_feed_lists_the_latest_twenty_public_articles_with_absolute_links(client):
    now = timezone.now()
    for hours in range(1, 23):
        make_article(title=f"Report {hours}", published_at=now - timezone.timedelta(hours=hours))
    make_article(title="Secret draft", publication=Article.Publication.DRAFT)
    make_article(title="Scheduled", published_at=now + timezone.timedelta(hours=1))

    response = client.get("/news/feed/rss/")

    assert response.status_code == 200
    channel = ElementTree.fromstring(response.content).find("channel")
    assert channel.findtext("link") == "https://campaign.example/news/"
    items = channel.findall("item")
    assert [item.findtext("title") for item in items] == [f"Report {h}" for h in range(1, 21)]
    assert items[0].findtext("link") == "https://campaign.example/news/report-1/"


def test_atom_feed_parses_and_carries_absolute_links(client):
    article = make_article(title="Angry protests erupt", standfirst="Workers demand answers")
    make_article(title="Secret draft", publication=Article.Publication.DRAFT)

    response = client.get("/news/feed/atom/")

    feed = ElementTree.fromstring(response.content)
    links = {link.get("rel"): link.get("href") for link in feed.findall(f"{ATOM}link")}
    assert links == {
        "alternate": "https://campaign.example/news/",
        "self": "https://campaign.example/news/feed/atom/",
    }
    entries = feed.findall(f"{ATOM}entry")
    assert len(entries) == 1
    assert entries[0].find(f"{ATOM}link").get("href") == (
        f"https://campaign.example{article.get_absolute_url()}"
    )
    assert entries[0].findtext(f"{ATOM}summary") == "Workers demand answers"


def test_category_feed_lists_only_that_categorys_public_articles(client):
    strikes = make_category(name="Strikes")
    make_article(title="Miners strike", categories=[strikes])
    make_article(title="Other news", categories=[make_category()])
    make_article(title="Draft strike", publication=Article.Publication.DRAFT, categories=[strikes])

    response = client.get("/category/strikes/feed/rss/")

    channel = ElementTree.fromstring(response.content).find("channel")
    assert [item.findtext("title") for item in channel.findall("item")] == ["Miners strike"]
    assert channel.findtext("link") == "https://campaign.example/category/strikes/"
    assert client.get("/category/nothing/feed/rss/").status_code == 404


def test_feed_entries_carry_their_categories_in_a_fixed_number_of_queries(
    client, django_assert_max_num_queries
):
    strikes = make_category(name="Strikes", slug="strikes")
    prisoners = make_category(name="Prisoners", slug="prisoners")
    for _ in range(20):
        make_article(categories=[strikes, prisoners])

    with django_assert_max_num_queries(3):
        response = client.get("/news/feed/rss/")

    channel = ElementTree.fromstring(response.content).find("channel")
    item_categories = [c.text for c in channel.find("item").findall("category")]
    assert sorted(item_categories) == ["Prisoners", "Strikes"]
