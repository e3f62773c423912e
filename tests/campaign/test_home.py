import datetime

import pytest
from django.utils import timezone

from tests.factories import (
    jpeg_upload,
    make_article,
    make_detention,
    make_petition,
    make_prisoner,
    make_signature,
    make_video,
)

pytestmark = pytest.mark.django_db


def test_empty_home_page_hides_every_section(client):
    html = client.get("/").content.decode()

    assert "Free the political prisoners of Kazakhstan" in html
    for heading in ["Urgent case", "Sign the petition", "Free the prisoners<", "Latest news"]:
        assert heading not in html
    assert "Latest videos" not in html


def test_home_page_shows_the_urgent_case_petition_news_and_videos(client):
    urgent = make_prisoner(name="Vadim Kuramshin", is_urgent=True)
    make_detention(urgent, detained_on=timezone.localdate() - datetime.timedelta(days=1500))
    make_prisoner(name="Not urgent")
    make_prisoner(name="Hidden urgent", is_urgent=True, publication="draft")
    make_petition(title="Draft petition", publication="draft")
    petition = make_petition(title="Urgent action for Vadim Kuramshin")
    article = make_article(title="Irish foreign minister challenged")
    make_article(title="Unpublished news", publication="draft")
    video = make_video(title="Full video of London commemoration")

    html = client.get("/").content.decode()

    assert "Urgent case" in html
    assert f'href="{urgent.get_absolute_url()}"' in html
    assert "Held for 1,500 days" in html
    assert "Free the prisoners" in html
    assert "Not urgent" not in html
    assert "Hidden urgent" not in html
    assert f'href="{petition.get_absolute_url()}"' in html
    assert "Draft petition" not in html
    assert f'href="{article.get_absolute_url()}"' in html
    assert "Unpublished news" not in html
    assert f'href="{video.get_absolute_url()}"' in html
    assert "img/video-poster.svg" in html, "a video without a poster shows the local placeholder"


def test_closed_petitions_are_not_featured(client):
    make_petition(title="Closed one", status="closed")
    make_petition(title="Expired one", closes_at=timezone.now() - datetime.timedelta(days=1))

    html = client.get("/").content.decode()

    assert "Closed one" not in html
    assert "Expired one" not in html


def test_free_the_prisoners_strip_lists_every_urgent_case_with_its_days(client):
    today = timezone.localdate()
    for name, days in [("Aron Atabek", 30), ("Rosa Tulataeva", 2000)]:
        prisoner = make_prisoner(name=name, is_urgent=True)
        make_detention(prisoner, detained_on=today - datetime.timedelta(days=days))

    html = client.get("/").content.decode()
    strip = html[html.index('class="free-strip"') :]

    assert "Aron Atabek" in strip
    assert "Held for 30 days" in strip
    assert "Rosa Tulataeva" in strip
    assert "Held for 2,000 days" in strip


def test_home_query_count_does_not_grow_with_items(client, django_assert_num_queries):
    def add_items(count):
        for _ in range(count):
            prisoner = make_prisoner(is_urgent=True)
            make_detention(prisoner, detained_on=datetime.date(2024, 1, 1))
            make_article()
            make_video()
            make_petition()

    add_items(1)
    with django_assert_num_queries(5) as few:
        client.get("/")
    add_items(9)
    with django_assert_num_queries(len(few.captured_queries)):
        client.get("/")


def test_the_featured_open_petition_is_shown_before_newer_ones(client):
    featured = make_petition(title="Free Vadim Kuramshin", featured=True)
    make_petition(title="A newer petition")

    html = client.get("/").content.decode()

    featured_section = html.split('id="featured-petition-heading"', 1)[1].split("</section>", 1)[0]
    assert featured.title in featured_section
    assert "A newer petition" not in featured_section
    assert "Be the first to sign" in featured_section
    assert f'href="{featured.get_absolute_url()}#sign"' in featured_section


def test_a_featured_article_leads_the_news_even_when_older(client):
    make_article(
        title="Featured report",
        featured=True,
        published_at=timezone.now() - datetime.timedelta(days=30),
    )
    for index in range(3):
        make_article(title=f"Newer report {index}")

    html = client.get("/").content.decode()

    news = html.split('id="home-news-heading"', 1)[1].split("</section>", 1)[0]
    assert "Featured report" in news
    assert news.index("Featured report") < news.index("Newer report")


def test_the_featured_petition_shows_how_many_have_signed(client):
    petition = make_petition(title="Free Vadim Kuramshin")
    for _ in range(3):
        make_signature(petition=petition)

    html = client.get("/").content.decode()

    assert "<strong>3</strong> people have signed" in html
    assert "Be the first to sign" not in html


def test_only_the_newest_featured_article_is_pinned_the_rest_stay_newest_first(client):
    now = timezone.now()
    make_article(title="Old featured", featured=True, published_at=now - datetime.timedelta(9))
    make_article(title="Pinned story", featured=True, published_at=now - datetime.timedelta(5))
    make_article(title="Yesterday", published_at=now - datetime.timedelta(1))
    make_article(title="Today", published_at=now - datetime.timedelta(hours=2))

    html = client.get("/").content.decode()

    news = html.split('id="home-news-heading"', 1)[1].split("</section>", 1)[0]
    assert news.index("Pinned story") < news.index("Today") < news.index("Yesterday")
    assert "Old featured" not in news, "three stories: the pinned one and the two newest"


def test_the_page_leads_with_the_petition_and_case_then_news_videos_and_prisoners(client):
    prisoner = make_prisoner(name="Vadim Kuramshin", is_urgent=True)
    make_petition(title="Free Vadim Kuramshin").prisoners.add(prisoner)
    make_article(title="Latest report")
    make_video(title="Latest film")

    html = client.get("/").content.decode()

    order = [
        'id="featured-petition-heading"',
        'id="featured-case-heading"',
        'id="home-news-heading"',
        'id="home-videos-heading"',
        'id="free-strip-heading"',
    ]
    positions = [html.index(marker) for marker in order]
    assert positions == sorted(positions)


def test_a_case_without_photo_consent_shows_initials_never_the_photo(client):
    make_prisoner(
        name="Vadim Kuramshin", is_urgent=True, lead_image=jpeg_upload(), lead_image_alt="VK face"
    )
    make_prisoner(
        name="Rosa Tulataeva",
        is_urgent=True,
        lead_image=jpeg_upload(),
        lead_image_alt="Portrait of Rosa",
        photo_consent=True,
    )

    html = client.get("/").content.decode()

    assert 'class="portrait__initials" aria-hidden="true">VK<' in html
    assert "VK face" not in html
    assert 'alt="Portrait of Rosa"' in html
    assert "RT<" not in html
