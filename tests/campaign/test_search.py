import pytest
from django.apps import apps as django_apps
from django.utils import timezone

from articles.models import Article
from core.registry import SearchSection
from tests.factories import make_article

pytestmark = pytest.mark.django_db


def test_empty_search_gets_a_kind_prompt(client):
    response = client.get("/search/?q=+++")

    assert response.status_code == 200
    assert "Type a word or two" in response.content.decode()


def test_a_very_long_search_gets_a_kind_message_not_an_error(client):
    make_article(title="Miners strike")

    response = client.get("/search/", {"q": "strike " * 40})

    html = response.content.decode()
    assert response.status_code == 200
    assert "That search is too long for us" in html
    assert "Miners strike" not in html


@pytest.mark.parametrize(
    "query",
    ['"unbalanced', "a & b", "!!!", "strike:*", "a\x00b", "(or) | -not", "<script>", "'; --"],
)
def test_odd_searches_never_error(client, query):
    make_article(title="Miners strike", body="<p>A & B</p>")

    response = client.get("/search/", {"q": query})

    assert response.status_code == 200
    assert "<script>" not in response.content.decode().split("<main", 1)[1]


def test_search_finds_public_articles_only_and_shows_title_type_date_and_snippet(client):
    make_article(
        title="Miners strike in Zhezkazgan",
        standfirst="Workers demand nationalisation",
        published_at=timezone.datetime(2013, 6, 24, 12, tzinfo=timezone.UTC),
    )
    make_article(title="Draft strike", publication=Article.Publication.DRAFT)
    make_article(title="Scheduled strike", published_at=timezone.now() + timezone.timedelta(1))

    response = client.get("/search/", {"q": "strike"})

    html = response.content.decode()
    assert "1 result for “strike”" in html
    assert '<a href="/news/miners-strike-in-zhezkazgan/">Miners strike in Zhezkazgan</a>' in html
    assert "Article" in html
    assert "24 June 2013" in html
    assert "nationalisation" in html
    assert "Draft strike" not in html and "Scheduled strike" not in html


def test_nothing_found_says_so(client):
    assert "Nothing found" in client.get("/search/", {"q": "zebra"}).content.decode()


def test_an_app_joins_the_search_by_declaring_a_section_on_its_config(client, monkeypatch):
    make_article(title="Solidarity video")
    articles = django_apps.get_app_config("articles")
    monkeypatch.setattr(
        articles,
        "search_sections",
        [*articles.search_sections, SearchSection("Reports", "Report", "articles.Article")],
    )

    html = client.get("/search/", {"q": "solidarity"}).content.decode()

    assert "<h2>News</h2>" in html and "<h2>Reports</h2>" in html
    # News first, as before the sections came from each app; a section without a position
    # comes after those with one.
    assert html.index("<h2>News</h2>") < html.index("<h2>Reports</h2>")
    assert "2 results" in html


# ---- PostgreSQL full-text search ----


def test_search_stems_words(postgres):
    article = make_article(title="Zhezkazgan", body="<p>Hundreds joined the protest.</p>")

    assert list(Article.objects.search("protests")) == [article]


def test_a_title_match_ranks_above_a_body_match(postgres):
    in_body = make_article(title="Report", body="<p>The miners went on strike.</p>")
    in_title = make_article(title="Miners strike", body="<p>Hundreds gathered.</p>")

    results = list(Article.objects.search("strike"))

    assert results == [in_title, in_body]
    assert results[0].search_rank > results[1].search_rank


def test_an_edited_article_is_found_by_its_new_words_only(postgres):
    article = make_article(title="Report", body="<p>The miners went on strike.</p>")
    article.body = "<p>The oil workers marched.</p>"
    article.save()

    assert list(Article.objects.search("marched")) == [article]
    assert not Article.objects.search("miners").exists()


def test_articles_created_in_bulk_are_found_once_their_documents_are_stored(postgres):
    Article.objects.bulk_create(
        [
            Article(
                title="Bulk strike report",
                slug="bulk-strike-report",
                publication=Article.Publication.PUBLISHED,
                published_at=timezone.now() - timezone.timedelta(hours=1),
            )
        ]
    )
    assert not Article.objects.search("strike").exists()

    Article.objects.refresh_search_documents()

    assert [article.slug for article in Article.objects.search("strike")] == ["bulk-strike-report"]


def test_search_does_not_find_hidden_articles(postgres):
    make_article(title="Secret strike", publication=Article.Publication.DRAFT)
    make_article(title="Future strike", published_at=timezone.now() + timezone.timedelta(1))

    assert not Article.objects.search("strike").exists()


def test_snippet_highlights_words_and_escapes_everything_else(postgres, client):
    make_article(
        title="Report",
        body="<p>Families said &lt;img src=x onerror=alert(1)&gt; protest &amp; "
        '<a href="https://example.org/">resist</a>.</p>',
    )

    html = client.get("/search/", {"q": "protest"}).content.decode()

    snippet = html.split('class="search-result__snippet">', 1)[1].split("</p>", 1)[0]
    assert "<mark>protest</mark>" in snippet
    assert "<mark>protest</mark> &amp; resist" in snippet
    assert "said &lt;img src=x onerror=alert(1)&gt;" in snippet
    assert "<a" not in snippet and "href" not in snippet


def test_search_lists_matching_prisoners_and_videos_beside_the_news(client):
    from tests.factories import make_prisoner, make_video

    make_article(title="Kuramshin appeal rejected")
    make_prisoner(name="Vadim Kuramshin", summary="Human rights lawyer")
    make_prisoner(name="Hidden Kuramshin", publication="draft")
    make_video(title="Message for Kuramshin", description="An MEP speaks about the case.")
    make_video(title="Draft Kuramshin video", publication="draft")

    html = client.get("/search/", {"q": "Kuramshin"}).content.decode()

    assert "3 results for" in html
    assert "Kuramshin appeal rejected" in html
    assert "Vadim Kuramshin" in html and "Human rights lawyer" in html
    assert "Message for Kuramshin" in html and "An MEP speaks about the case." in html
    assert "Hidden Kuramshin" not in html
    assert "Draft Kuramshin video" not in html


def test_search_finds_petitions_and_says_what_each_result_is(client):
    from tests.factories import make_petition

    make_article(title="Zhanaozen anniversary")
    make_petition(title="Free the Zhanaozen strikers", summary="Sign for the oil workers' release.")
    make_petition(title="Open letter", body="<p>The strikers of Zhanaozen are still jailed.</p>")
    make_petition(title="Draft Zhanaozen petition", publication="draft")

    html = client.get("/search/", {"q": "Zhanaozen"}).content.decode()

    assert "3 results for" in html
    assert "<h2>Petitions</h2>" in html
    assert '<a href="/petitions/free-the-zhanaozen-strikers/">' in html
    assert "Sign for the oil workers" in html
    assert "Open letter" in html
    assert html.count('<span class="search-result__kind">Petition</span>') == 2
    assert '<span class="search-result__kind">Article</span>' in html
    assert "Draft Zhanaozen petition" not in html


def test_stored_search_documents_follow_every_save(postgres):
    from media_embeds.models import Video
    from petitions.models import Petition
    from prisoners.models import Prisoner
    from tests.factories import make_petition, make_prisoner, make_video

    prisoner = make_prisoner(name="Vadim Kuramshin", biography="<p>A lawyer.</p>")
    video = make_video(title="Message", description="An MEP speaks about the case.")
    petition = make_petition(title="Free them", summary="", body="<p>Oil workers jailed.</p>")
    assert list(Prisoner.objects.search("lawyers")) == [prisoner]
    assert list(Video.objects.search("speaking")) == [video]
    assert list(Petition.objects.search("worker")) == [petition]

    prisoner.biography = "<p>A journalist.</p>"
    prisoner.save()
    video.description = "A court hearing."
    video.save()
    petition.body = "<p>Teachers jailed.</p>"
    petition.save()

    assert list(Prisoner.objects.search("journalist")) == [prisoner]
    assert not Prisoner.objects.search("lawyer").exists()
    assert list(Video.objects.search("hearing")) == [video]
    assert not Video.objects.search("speaks").exists()
    assert list(Petition.objects.search("teachers")) == [petition]
    assert not Petition.objects.search("workers").exists()


def test_a_name_match_ranks_above_a_biography_match(postgres):
    from prisoners.models import Prisoner
    from tests.factories import make_prisoner

    in_biography = make_prisoner(name="Max Bokayev", biography="<p>Arrested with Ayanov.</p>")
    in_name = make_prisoner(name="Talgat Ayanov", biography="<p>An activist.</p>")

    assert list(Prisoner.objects.search("Ayanov")) == [in_name, in_biography]


def test_a_petition_title_match_ranks_above_a_summary_match_above_a_text_match(postgres):
    from petitions.models import Petition
    from tests.factories import make_petition

    in_text = make_petition(title="Open letter", body="<p>For the Zhanaozen strikers.</p>")
    in_summary = make_petition(title="Act now", summary="For the Zhanaozen strikers.")
    in_title = make_petition(title="Free the Zhanaozen strikers")

    results = list(Petition.objects.search("Zhanaozen"))

    assert results == [in_title, in_summary, in_text]


def test_every_kind_of_result_says_what_it_is_in_the_visitors_language(client):
    import re

    from tests.factories import make_petition, make_prisoner, make_video

    make_article(title="Zhanaozen anniversary")
    make_prisoner(name="Zhanaozen striker")
    make_video(title="Zhanaozen rally")
    make_petition(title="Free the Zhanaozen strikers")

    kinds = {
        language: re.findall(
            r'class="search-result__kind">([^<]+)<',
            client.get(f"{prefix}/search/", {"q": "Zhanaozen"}).text,
        )
        for language, prefix in {"en": "", "ru": "/ru", "kk": "/kk"}.items()
    }

    assert kinds["en"] == ["Article", "Prisoner", "Video", "Petition"]
    assert kinds["ru"] == ["Статья", "Заключённый", "Видео", "Петиция"]
    assert kinds["kk"] == ["Мақала", "Тұтқын", "Бейне", "Петиция"]
