"""Articles, videos, profiles and petitions in several languages, linked as translations."""

import re

import pytest
from django.core.cache import cache
from django.core.exceptions import ValidationError

from articles.models import Article
from tests.factories import make_article, make_petition, make_prisoner, make_video

pytestmark = pytest.mark.django_db


def test_lists_show_the_readers_language_first_and_untranslated_items_marked(client):
    original = make_article(title="Strike in Zhanaozen", slug="strike")
    make_article(
        title="Забастовка в Жанаозене", slug="zabastovka", language="ru", translation_of=original
    )
    make_article(title="Only in English", slug="only-english")

    russian = client.get("/ru/news/").text
    assert russian.index("Забастовка в Жанаозене") < russian.index("Only in English")
    assert "Strike in Zhanaozen" not in russian
    assert 'lang="en"><a href="/ru/news/only-english/">Only in English</a>' in russian
    assert '<span class="badge badge--language" lang="en">English</span>' in russian

    english = client.get("/news/").text
    assert "Strike in Zhanaozen" in english and "Only in English" in english
    assert "Забастовка" not in english
    assert "badge--language" not in english


def test_a_draft_translation_does_not_hide_its_published_original(client):
    original = make_article(title="Strike", slug="strike")
    make_article(
        slug="draft-ru",
        language="ru",
        translation_of=original,
        publication=Article.Publication.DRAFT,
    )
    assert "Strike" in client.get("/ru/news/").text


@pytest.mark.parametrize("count", [2, 20])
def test_a_translated_list_takes_the_same_queries_for_many_items(
    client, django_assert_num_queries, count
):
    for number in range(count):
        original = make_article(slug=f"a-{number}")
        make_article(slug=f"ru-{number}", language="ru", translation_of=original)
        make_video(language="kk")
        make_prisoner(language="ru")
        make_petition(language="kk")
    with django_assert_num_queries(2):
        client.get("/ru/news/")
    with django_assert_num_queries(2):
        client.get("/ru/videos/")
    with django_assert_num_queries(2):
        client.get("/kk/petitions/")


def test_a_page_links_to_its_translations_and_tells_search_engines(client):
    original = make_video(title="Speech in parliament", slug="speech")
    make_video(title="Парламенттегі сөз", slug="soz", language="kk", translation_of=original)
    html = client.get("/videos/speech/").text
    assert '<a href="/kk/videos/soz/" hreflang="kk" lang="kk">Қазақша</a>' in html
    assert "Read in" in html
    assert '<link rel="alternate" hreflang="en" href="http://testserver/videos/speech/">' in html
    assert '<link rel="alternate" hreflang="kk" href="http://testserver/kk/videos/soz/">' in html
    assert 'hreflang="ru" href' not in html
    assert (
        '<link rel="alternate" hreflang="x-default" href="http://testserver/videos/speech/">'
        in html
    )

    kazakh = client.get("/kk/videos/soz/").text
    assert '<a href="/videos/speech/" hreflang="en" lang="en">English</a>' in kazakh
    assert "<h1>Парламенттегі сөз</h1>" in kazakh

    english_in_kazakh = client.get("/kk/videos/speech/").text
    assert '<html lang="kk">' in english_in_kazakh
    assert '<h1 lang="en">Speech in parliament</h1>' in english_in_kazakh
    assert '<link rel="canonical" href="http://testserver/videos/speech/">' in english_in_kazakh


def test_a_profile_translation_links_back_to_its_original(client):
    original = make_prisoner(name="Aron Atabek", slug="aron")
    make_prisoner(name="Арон Атабек", slug="aron-ru", language="ru", translation_of=original)
    html = client.get("/ru/prisoners/aron-ru/").text
    assert 'href="/prisoners/aron/" hreflang="en" lang="en">English</a></p>' in html


def test_translation_links_are_checked_for_editors():
    original = make_article(slug="original")
    translation = make_article(slug="translation", language="ru", translation_of=original)
    same_language = Article(title="x", slug="x", language="en", translation_of=original)
    with pytest.raises(ValidationError, match="another language"):
        same_language.full_clean()
    chained = Article(title="y", slug="y", language="kk", translation_of=translation)
    with pytest.raises(ValidationError, match="original"):
        chained.full_clean()
    duplicate = Article(title="z", slug="z", language="ru", translation_of=original)
    with pytest.raises(ValidationError):
        duplicate.full_clean()


@pytest.fixture
def uncached_sitemap():
    # The sitemap view is cached: neither this test nor the next may see a stale copy.
    cache.clear()
    yield
    cache.clear()


def test_the_sitemap_lists_each_item_at_its_own_languages_address(client, uncached_sitemap):
    original = make_article(slug="strike")
    make_article(slug="zabastovka", language="ru", translation_of=original)
    make_petition(slug="petitsiya", language="kk")
    xml = client.get("/sitemap.xml").text
    assert "<loc>http://testserver/news/strike/</loc>" in xml
    assert "<loc>http://testserver/ru/news/zabastovka/</loc>" in xml
    assert "<loc>http://testserver/kk/petitions/petitsiya/</loc>" in xml


def test_robots_stay_out_of_search_results_in_every_language(client):
    robots = client.get("/robots.txt").text
    assert "Disallow: /search/" in robots
    assert "Disallow: /ru/search/" in robots
    assert "Disallow: /kk/search/" in robots


def test_search_results_in_another_language_are_marked(client):
    make_article(title="Забастовка в Жанаозене", slug="zabastovka", language="ru")
    html = client.get("/search/?q=Забастовка").text
    assert '<h3 class="search-result__title" lang="ru">' in html
    assert '<span class="badge badge--language" lang="ru">Русский</span>' in html


@pytest.mark.parametrize(
    ("path", "english"),
    [
        ("/ru//evil.example", "/evil.example"),
        ("/%5Cevil.example", "/%5Cevil.example"),
        ("/kk/%5C%5Cevil.example/x", "/%5C%5Cevil.example/x"),
        ("/ru/%5C/evil.example", "/%5C/evil.example"),
    ],
)
def test_the_language_links_of_a_404_page_stay_on_the_site(client, path, english):
    """A browser reads //host and /\\host as another site: a link crafted to our 404 page
    must not send readers who switch language to it."""
    response = client.get(path)

    switcher = re.search(r'<nav class="language-switcher".*?</nav>', response.text, re.S)[0]
    links = re.findall(r'href="([^"]*)"', switcher)
    assert response.status_code == 404
    assert len(links) == 3
    assert [link for link in links if re.match(r"[/\\][/\\]|[a-z]+:", link)] == []
    assert links[0] == english
    assert 'href="http://testserver//' not in response.text
