import re

import pytest
from django.urls import reverse
from django.utils import timezone

from articles.models import Article
from core.images import rendition_name
from tests.factories import (
    make_article,
    make_category,
    make_image_upload,
    make_library_image,
    make_prisoner,
    make_video,
    make_video_with_poster,
)

pytestmark = pytest.mark.django_db

HOUR = timezone.timedelta(hours=1)


def make_articles(count, **fields):
    now = timezone.now()
    return [make_article(published_at=now - (index + 1) * HOUR, **fields) for index in range(count)]


# ---- news list ----


def test_news_list_shows_ten_public_articles_a_page_newest_first(client):
    articles = make_articles(12)
    make_article(title="Secret draft", publication=Article.Publication.DRAFT)
    make_article(title="Tomorrow's news", published_at=timezone.now() + HOUR)

    first = client.get("/news/")
    second = client.get("/news/?page=2")

    assert first.status_code == 200
    assert [a.title for a in first.context["article_list"]] == [a.title for a in articles[:10]]
    assert [a.title for a in second.context["article_list"]] == [a.title for a in articles[10:]]
    assert b"Secret draft" not in first.content + second.content
    assert b"Tomorrow" not in first.content + second.content
    assert b'href="?page=2"' in first.content


def test_news_list_images_are_responsive_and_lazy(client):
    make_article(lead_image=make_image_upload(size=(1000, 500)), lead_image_alt="Miners")

    html = client.get("/news/").content.decode()

    card_image = re.search(r'<img ([^>]+class="[^"]*article-card__image"[^>]*)>', html).group(1)
    assert 'srcset="' in card_image and "480w" in card_image and "960w" in card_image
    assert 'width="960" height="480"' in card_image
    assert 'loading="lazy"' in card_image
    assert 'alt="Miners"' in card_image


@pytest.mark.parametrize("page", ["3", "abc", "0", "-1"])
def test_news_list_page_outside_the_list_is_not_found(client, page):
    make_articles(12)

    assert client.get(f"/news/?page={page}").status_code == 404


def test_news_list_makes_the_same_queries_for_5_and_50_articles(client, django_assert_num_queries):
    category = make_category()
    make_articles(
        5,
        categories=[category],
        lead_image="articles/a.jpg",
        lead_image_width=800,
        lead_image_height=600,
    )
    with django_assert_num_queries(2):
        assert client.get("/news/").status_code == 200

    make_articles(45, categories=[category])
    with django_assert_num_queries(2):
        assert client.get("/news/").status_code == 200


# ---- article page ----


def test_article_page_shows_the_article_with_share_links_on_site_url(client, settings):
    settings.SITE_URL = "https://campaign.example"
    category = make_category(name="Strikes")
    article = make_article(
        title="Angry protests erupt",
        standfirst="Workers demand nationalisation",
        body="<p>Hundreds gathered.</p>",
        author_name="Campaign Kazakhstan",
        categories=[category],
    )

    response = client.get(article.get_absolute_url())

    html = response.content.decode()
    assert "<h1>Angry protests erupt</h1>" in html
    assert "Workers demand nationalisation" in html
    assert "<p>Hundreds gathered.</p>" in html
    assert 'href="/category/strikes/"' in html
    assert "Share this with your friends" in html
    shared = "https%3A%2F%2Fcampaign.example%2Fnews%2Fangry-protests-erupt%2F"
    assert f"https://www.facebook.com/sharer/sharer.php?u={shared}" in html
    assert '<link rel="canonical" href="https://campaign.example/news/angry-protests-erupt/">' in (
        html
    )
    assert '<meta property="og:type" content="article">' in html
    assert '<meta property="og:title" content="Angry protests erupt">' in html
    assert "Not published — only logged-in editors see this page" not in html


def test_article_page_links_previous_next_and_related_articles(client):
    category = make_category()
    older, article, newer = reversed(make_articles(3, categories=[category]))

    response = client.get(article.get_absolute_url())

    assert response.context["previous_article"] == older
    assert response.context["next_article"] == newer
    html = response.content.decode()
    assert f'href="{older.get_absolute_url()}" rel="prev"' in html
    assert f'href="{newer.get_absolute_url()}" rel="next"' in html
    assert "Related articles" in html


def test_article_page_meta_uses_an_absolute_rendition_of_the_lead_image(client, settings):
    settings.SITE_URL = "https://campaign.example"
    article = make_article(lead_image=make_image_upload(), lead_image_alt="Workers at the gate")

    html = client.get(article.get_absolute_url()).content.decode()

    image = re.search(r'<meta property="og:image" content="([^"]+)">', html).group(1)
    assert re.fullmatch(
        r"https://campaign\.example/media/renditions/articles/.+-1440w\.webp", image
    )
    assert f'<meta name="twitter:image" content="{image}">' in html
    assert '<meta name="twitter:card" content="summary_large_image">' in html
    # The lead image is above the fold: responsive, sized, and not lazy.
    lead = re.search(r'<figure class="article__image"><img ([^>]+)>', html).group(1)
    assert "480w" in lead and "960w" in lead and "1440w" in lead
    assert 'width="1440" height="810"' in lead
    assert 'loading="eager"' in lead
    assert 'alt="Workers at the gate"' in lead


@pytest.mark.parametrize(
    "fields",
    [
        {"publication": Article.Publication.DRAFT},
        {"published_at": timezone.now() + timezone.timedelta(days=1)},
    ],
    ids=["draft", "scheduled"],
)
def test_hidden_articles_are_not_found_for_the_public_but_staff_preview_them(
    client, staff_client, fields
):
    article = make_article(**fields)

    assert client.get(article.get_absolute_url()).status_code == 404
    response = staff_client.get(article.get_absolute_url())

    assert response.status_code == 200
    assert "Not published — only logged-in editors see this page" in response.content.decode()
    assert '<meta name="robots" content="noindex">' in response.content.decode()


def test_staff_who_gave_only_their_password_see_no_draft(client, django_user_model):
    django_user_model.objects.create_user("halfway", password="a long passphrase", is_staff=True)
    client.login(username="halfway", password="a long passphrase")
    draft = make_article(publication=Article.Publication.DRAFT)

    assert client.get(draft.get_absolute_url()).status_code == 404


def test_a_scheduled_preview_says_when_it_goes_public(staff_client):
    when = timezone.datetime(2030, 5, 1, 9, 30, tzinfo=timezone.UTC)
    scheduled = make_article(published_at=when)

    html = staff_client.get(scheduled.get_absolute_url()).content.decode()

    assert (
        "Not published — only logged-in editors see this page · scheduled for 1 May 2030, 09:30"
    ) in html


def test_article_page_query_count_does_not_grow_with_categories_or_related(
    client, django_assert_num_queries
):
    categories = [make_category() for _ in range(5)]
    article = make_article(categories=categories)
    make_articles(5, categories=categories)
    make_video().articles.add(article)
    make_prisoner().articles.add(article)
    # One of them finds the article's translations for the language links.
    with django_assert_num_queries(9):
        client.get(article.get_absolute_url())

    make_articles(20, categories=categories)
    for _ in range(5):
        make_video().articles.add(article)
        make_prisoner().articles.add(article)
    with django_assert_num_queries(9):
        client.get(article.get_absolute_url())


def test_article_page_shows_its_videos_as_click_to_play_and_links_its_prisoners(client):
    article = make_article(title="Video report of exchanges in parliament")
    video = make_video(title="Exchanges in parliament", source_url="https://youtu.be/EXAMPLE0001")
    video.articles.add(article)
    make_video(title="Unpublished video", publication="draft").articles.add(article)
    prisoner = make_prisoner(name="Vadim Kuramshin")
    prisoner.articles.add(article)

    html = client.get(article.get_absolute_url()).content.decode()

    assert "Related videos" in html
    assert "Play video: Exchanges in parliament" in html
    assert "<iframe" not in html
    assert 'href="https://www.youtube.com/watch?v=EXAMPLE0001"' in html
    assert "js/video-facade.js" in html
    assert "Unpublished video" not in html
    assert f'<a href="{prisoner.get_absolute_url()}">Vadim Kuramshin</a>' in html


def test_article_page_without_videos_loads_no_video_script(client):
    article = make_article()

    html = client.get(article.get_absolute_url()).content.decode()

    assert "video-facade.js" not in html
    assert "Related videos" not in html


# ---- category page ----


def test_category_page_lists_its_public_articles_and_videos(client):
    strikes = make_category(name="Strikes", description="Workers on strike.")
    other = make_category(name="Other")
    mine = make_article(title="Miners strike", categories=[strikes])
    make_article(title="Elsewhere", categories=[other])
    make_article(title="Draft strike", publication=Article.Publication.DRAFT, categories=[strikes])
    video = make_video(title="Strike video")
    video.categories.add(strikes)
    hidden = make_video(title="Unpublished video", publication="draft")
    hidden.categories.add(strikes)

    response = client.get(strikes.get_absolute_url())

    html = response.content.decode()
    assert list(response.context["article_list"]) == [mine]
    assert "Workers on strike." in html
    assert f'<a href="{video.get_absolute_url()}">Strike video</a>' in html
    assert "Unpublished video" not in html
    assert "Elsewhere" not in html


def test_unknown_category_and_pages_past_the_end_are_not_found(client):
    category = make_category()
    make_articles(3, categories=[category])

    assert client.get("/category/no-such-thing/").status_code == 404
    assert client.get(f"{category.get_absolute_url()}?page=2").status_code == 404
    assert client.get(f"{category.get_absolute_url()}?page=x").status_code == 404


def test_category_page_makes_the_same_queries_for_5_and_50_articles(
    client, django_assert_num_queries
):
    category = make_category()
    make_articles(5, categories=[category])
    for _ in range(3):
        make_video().categories.add(category)
    with django_assert_num_queries(4):
        assert client.get(category.get_absolute_url()).status_code == 200

    make_articles(45, categories=[category])
    for _ in range(10):
        make_video().categories.add(category)
    with django_assert_num_queries(4):
        assert client.get(category.get_absolute_url()).status_code == 200


def test_news_and_category_urls_keep_their_names():
    assert reverse("articles:list") == "/news/"
    assert reverse("articles:detail", kwargs={"slug": "a"}) == "/news/a/"
    assert reverse("articles:category", kwargs={"slug": "b"}) == "/category/b/"


def test_what_surrounds_an_article_is_kept_until_the_next_edit(
    client, django_assert_max_num_queries
):
    from tests.factories import make_category

    category = make_category(name="Strikes")
    article = make_article(title="Strike in Zhanaozen", categories=[category])
    make_article(
        title="Older strike",
        categories=[category],
        published_at=timezone.now() - timezone.timedelta(days=2),
    )
    # A made-up parameter: the page is made each time, never stored whole.
    path = article.get_absolute_url() + "?utm_nothing=1&x=1"
    first = client.get(path)
    assert "Older strike" in first.text
    # One of them reads the petition the page leads to on every visit: its count changes
    # with every signature, so it is not kept with the rest.
    with django_assert_max_num_queries(4):
        again = client.get(path)
    assert "Older strike" in again.text

    make_article(title="Newer strike", categories=[category])
    assert "Newer strike" in client.get(path).text


VIDEO_LINE = (
    '<p><a href="https://youtu.be/dQw4w9WgXcQ" rel="noopener noreferrer">'
    "https://youtu.be/dQw4w9WgXcQ</a></p>"
)


def test_a_video_link_on_its_own_line_shows_the_click_to_play_player_there(client):
    article = make_article(
        body=f"<p>Before the video.</p>{VIDEO_LINE}<p>After the video.</p>"
        '<p>A link in a sentence: <a href="https://youtu.be/dQw4w9WgXcQ">this one</a>.</p>'
    )

    html = client.get(article.get_absolute_url()).content.decode()

    before = html.index("Before the video.")
    player = html.index('data-embed-url="https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ')
    assert before < player < html.index("After the video.")
    assert html.count("data-video-facade") == 1
    assert 'href="https://www.youtube.com/watch?v=dQw4w9WgXcQ"' in html
    assert "Watch the video on YouTube" in html
    assert "<iframe" not in html
    assert "js/video-facade.js" in html
    assert '<a href="https://youtu.be/dQw4w9WgXcQ" rel="noopener noreferrer">this one</a>' in html


def test_videos_in_the_text_cost_one_query_whatever_their_number(client, django_assert_num_queries):
    plain = make_article(body="<p>No video here.</p>")
    with_videos = make_article(body=VIDEO_LINE * 3 + "<p>https://vimeo.com/76979871</p>")

    with django_assert_num_queries(9):
        client.get(plain.get_absolute_url())
    # The one that looks for the site's own videos among them, for their posters and titles.
    with django_assert_num_queries(10):
        client.get(with_videos.get_absolute_url())


def test_a_site_video_placed_in_the_text_shows_its_own_poster_and_title(client):
    video = make_video_with_poster(
        title="Strikers speak at the gate",
        source_url="https://youtu.be/dQw4w9WgXcQ",
        lead_image_alt="Strikers at the gate",
    )
    article = make_article(body=f"<p>Before.</p>{VIDEO_LINE}")

    html = client.get(article.get_absolute_url()).content.decode()

    assert "Play video: Strikers speak at the gate" in html
    assert 'alt="Strikers at the gate"' in html
    assert rendition_name(video.lead_image.name, 480) in html
    assert "Watch the video on YouTube" not in html
    assert "<iframe" not in html


def test_a_library_picture_in_the_text_is_shown_as_renditions_with_its_size(
    client, django_assert_num_queries
):
    picture = make_library_image(width=1600, height=900)
    article = make_article(
        body=f'<figure><img src="{picture.image.url}" alt="Strikers at dawn">'
        "<figcaption>The gate</figcaption></figure>"
    )

    with django_assert_num_queries(10):
        html = client.get(article.get_absolute_url()).content.decode()

    assert f'src="{picture.image.url}"' not in html
    assert f"/media/{rendition_name(picture.image.name, 1440)} 1440w" in html
    assert 'width="1440" height="810" alt="Strikers at dawn"' in html


def test_an_article_whose_real_date_is_unknown_shows_no_date_but_keeps_its_place(client):
    known = make_article(
        title="Dated report", published_at=timezone.now() - timezone.timedelta(days=2)
    )
    undated = make_article(title="Copied report", date_shown=False)
    when = undated.published_at.strftime("%-d %B %Y")

    listing = client.get(reverse("articles:list")).content.decode()
    page = client.get(undated.get_absolute_url()).content.decode()

    assert listing.index("Copied report") < listing.index("Dated report")
    assert listing.count("<time") == 1
    assert "<time" not in page.split("<main", 1)[1]
    assert when not in page
    assert "article:published_time" not in page
    assert "<time" in client.get(known.get_absolute_url()).content.decode().split("<main", 1)[1]
