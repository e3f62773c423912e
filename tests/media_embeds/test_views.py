import datetime
import re

import pytest
from django.utils import timezone

from tests.factories import (
    make_article,
    make_category,
    make_prisoner,
    make_video,
    make_video_with_poster,
)

pytestmark = pytest.mark.django_db


def make_videos(count, prefix="Report"):
    start = timezone.now() - datetime.timedelta(days=1)
    return [
        make_video(title=f"{prefix} {n:02}", published_at=start - datetime.timedelta(hours=n))
        for n in range(count)
    ]


def test_video_list_shows_published_videos_newest_first_twelve_a_page(client):
    make_videos(14)
    make_video(title="Draft report", publication="draft")

    first = client.get("/videos/")
    second = client.get("/videos/?page=2")

    html = first.content.decode()
    assert first.status_code == 200
    assert html.count('class="card video-card"') == 12
    assert html.index("Report 00") < html.index("Report 01")
    assert "Draft report" not in html
    assert 'href="?page=2"' in html
    assert second.content.decode().count('class="card video-card"') == 2


@pytest.mark.parametrize("page", ["3", "abc", "0"])
def test_video_list_past_the_end_or_nonsense_page_is_404(client, page):
    make_videos(13)

    assert client.get(f"/videos/?page={page}").status_code == 404


def test_video_list_with_no_videos_says_so(client):
    response = client.get("/videos/")

    assert response.status_code == 200
    assert "No videos yet." in response.content.decode()


@pytest.mark.parametrize("count", [3, 30])
def test_video_list_query_count_does_not_grow_with_videos(client, django_assert_num_queries, count):
    make_videos(count)
    for video in make_videos(1, prefix="Categorised"):
        video.categories.add(make_category())

    with django_assert_num_queries(2):
        response = client.get("/videos/")

    assert response.status_code == 200


def test_video_card_shows_poster_title_link_and_date(client):
    make_video_with_poster(
        title="Full video of London commemoration",
        recorded_on=datetime.date(2013, 12, 17),
        duration=datetime.timedelta(minutes=4, seconds=32),
    )
    make_video(title="No poster")

    html = client.get("/videos/").content.decode()

    assert 'href="/videos/full-video-of-london-commemoration/"' in html
    assert "17 December 2013" in html
    assert "4:32" in html
    assert re.search(r'<img src="/media/renditions/videos/[^"]+-480w\.webp"', html)
    assert "/static/img/video-poster.svg" in html


def test_video_page_shows_a_facade_and_no_player_until_play_is_pressed(client):
    video = make_video(
        title="Video report of exchanges in parliament",
        source_url="https://www.youtube.com/watch?v=dQw4w9WgXcQ&t=90",
        description="Joe Higgins TD challenges the minister.\n\nSecond paragraph.",
        recorded_on=datetime.date(2013, 5, 1),
        duration=datetime.timedelta(minutes=3, seconds=5),
    )

    response = client.get(video.get_absolute_url())

    html = response.content.decode()
    assert response.status_code == 200
    assert "<iframe" not in html
    assert "ytimg" not in html
    assert (
        'data-embed-url="https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?autoplay=1&amp;start=90"'
        in html
    )
    assert 'href="https://www.youtube.com/watch?v=dQw4w9WgXcQ&amp;t=90s"' in html
    assert "Play video: Video report of exchanges in parliament" in html
    assert "/static/img/video-poster.svg" in html
    assert '<script src="/static/js/video-facade.js" defer></script>' in html
    assert "<p>Joe Higgins TD challenges the minister.</p>" in html
    assert "1 May 2013" in html
    assert '<time datetime="PT185S">3:05</time>' in html
    assert 'content="video.other"' in html


def test_video_page_without_a_recording_date_shows_its_publication_date(client):
    video = make_video(published_at=datetime.datetime(2026, 5, 3, 10, 0, tzinfo=datetime.UTC))

    html = client.get(video.get_absolute_url()).content.decode()
    russian = client.get(f"/ru{video.get_absolute_url()}").content.decode()

    assert re.search(
        r'Published\s*<time datetime="2026-05-03T10:00:00\+00:00">3 May 2026</time>', html
    )
    assert "Recorded" not in html
    assert re.search(r"Опубликовано\s*<time", russian)


def test_video_page_escapes_the_description(client):
    video = make_video(description="<script>alert(1)</script>")

    html = client.get(video.get_absolute_url()).content.decode()

    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_video_page_links_categories_and_only_published_articles_and_prisoners(client):
    video = make_video(title="Solidarity")
    video.categories.add(make_category(name="Video", slug="video"))
    video.articles.add(make_article(title="Published story"))
    video.articles.add(make_article(title="Draft story", publication="draft"))
    video.prisoners.add(make_prisoner(name="Vadim Kuramshin"))
    video.prisoners.add(make_prisoner(name="Hidden Person", publication="draft"))

    html = client.get(video.get_absolute_url()).content.decode()

    assert 'href="/category/video/"' in html
    assert "Published story" in html
    assert "Draft story" not in html
    assert "Vadim Kuramshin" in html
    assert "Hidden Person" not in html


def test_video_page_shares_its_absolute_address_and_our_poster(client):
    video = make_video_with_poster(title="Miners", slug="miners", lead_image_alt="Miners gathered")

    html = client.get(video.get_absolute_url()).content.decode()

    assert 'value="http://testserver/videos/miners/"' in html
    assert re.search(
        r'<meta property="og:image" content="http://testserver/media/renditions/videos/[^"]+'
        r'-480w\.webp">',
        html,
    )
    assert '<meta property="og:image:alt" content="Miners gathered">' in html
    assert "summary_large_image" in html


@pytest.mark.parametrize("count", [1, 10])
def test_video_page_query_count_does_not_grow_with_relations(
    client, django_assert_num_queries, count
):
    video = make_video()
    for _ in range(count):
        video.categories.add(make_category())
        video.articles.add(make_article())
        video.prisoners.add(make_prisoner())

    # One of them finds the video's translations for the language links.
    with django_assert_num_queries(6):
        response = client.get(video.get_absolute_url())

    assert response.status_code == 200


def test_unpublished_and_unknown_videos_are_404(client):
    draft = make_video(publication="draft")
    future = make_video(published_at=timezone.now() + datetime.timedelta(days=1))

    assert client.get(draft.get_absolute_url()).status_code == 404
    assert client.get(future.get_absolute_url()).status_code == 404
    assert client.get("/videos/no-such-video/").status_code == 404


def test_vimeo_video_page_plays_from_vimeo_without_tracking(client):
    video = make_video(source_url="https://vimeo.com/76979871/a1b2c3d4e5")

    html = client.get(video.get_absolute_url()).content.decode()

    assert (
        'data-embed-url="https://player.vimeo.com/video/76979871?autoplay=1&amp;dnt=1&amp;'
        'h=a1b2c3d4e5"' in html
    )
    assert 'href="https://vimeo.com/76979871/a1b2c3d4e5"' in html
    assert "Watch “" in html and "on Vimeo" in html


def test_a_video_whose_real_date_is_unknown_shows_no_date_but_its_recording_date_stays(client):
    undated = make_video(title="Undated film", date_shown=False)
    recorded = make_video(
        title="London film", date_shown=False, recorded_on=datetime.date(2013, 12, 17)
    )

    page = client.get(undated.get_absolute_url()).content.decode().split("<main", 1)[1]
    listing = client.get("/videos/").content.decode().split("<main", 1)[1]

    assert "<time" not in page
    assert "Published" not in page
    assert listing.count("<time") == 1
    assert "17 December 2013" in client.get(recorded.get_absolute_url()).content.decode()
