import datetime

import pytest
from django.core.cache import cache
from django.utils import timezone

from prisoners.models import Prisoner, TimelineEvent
from tests.factories import (
    jpeg_upload,
    make_article,
    make_charge,
    make_detention,
    make_petition,
    make_prisoner,
    make_signature,
    make_timeline_event,
    make_video,
)

pytestmark = pytest.mark.django_db

ADDRESS = "Colony UK-161/3, Zarechny"


def names_on(response):
    return [p.name for p in response.context["prisoners"]]


# ---- list ----


def test_list_shows_published_cases_urgent_first_with_their_day_counts(client):
    held = make_prisoner(name="Bolat", summary="Oil worker")
    make_detention(held, detained_on=timezone.localdate() - datetime.timedelta(days=1234))
    make_prisoner(name="Zhanna", is_urgent=True)
    make_prisoner(name="Draft", publication="draft")

    response = client.get("/prisoners/")

    assert response.status_code == 200
    assert names_on(response) == ["Zhanna", "Bolat"]
    html = response.content.decode()
    assert "Held for 1,234 days" in html
    assert "Oil worker" in html
    assert "Draft" not in html


def test_list_filters_by_status_and_region_alone_and_together(client):
    make_prisoner(name="A", status=Prisoner.Status.SENTENCED, region="Mangystau")
    make_prisoner(name="B", status=Prisoner.Status.SENTENCED, region="Almaty")
    make_prisoner(name="C", status=Prisoner.Status.PRE_TRIAL, region="Mangystau")

    assert names_on(client.get("/prisoners/?status=sentenced")) == ["A", "B"]
    assert names_on(client.get("/prisoners/?region=Mangystau")) == ["A", "C"]
    assert names_on(client.get("/prisoners/?status=sentenced&region=Mangystau")) == ["A"]
    response = client.get("/prisoners/?status=released")
    assert names_on(response) == []
    assert "No case matches these filters." in response.content.decode()


def test_unknown_filter_values_are_ignored_with_a_message(client):
    make_prisoner(name="A", status=Prisoner.Status.SENTENCED, region="Mangystau")
    make_prisoner(name="B", status=Prisoner.Status.PRE_TRIAL, region="Almaty")

    response = client.get("/prisoners/?status=nonsense&region=Mangystau")

    assert response.status_code == 200
    assert names_on(response) == ["A"]
    assert "We did not recognise one of the filters" in response.content.decode()


def test_region_filter_offers_only_regions_with_published_cases(client):
    make_prisoner(region="Mangystau")
    make_prisoner(region="Secret region", publication="draft")

    html = client.get("/prisoners/").content.decode()

    assert 'href="/prisoners/?region=Mangystau"' in html
    assert "Secret region" not in html


def test_list_has_twenty_a_page_keeps_filters_in_page_links_and_404s_past_the_end(client):
    for number in range(21):
        make_prisoner(name=f"Prisoner {number:02}", status=Prisoner.Status.SENTENCED)

    first = client.get("/prisoners/?status=sentenced")
    second = client.get("/prisoners/?status=sentenced&page=2")

    assert len(first.context["prisoners"]) == 20
    assert 'href="?status=sentenced&amp;page=2"' in first.content.decode()
    assert names_on(second) == ["Prisoner 20"]
    assert client.get("/prisoners/?page=3").status_code == 404
    assert client.get("/prisoners/?page=abc").status_code == 404


def test_list_query_count_does_not_grow_with_cases(client, django_assert_num_queries):
    def add_cases(count):
        for _ in range(count):
            prisoner = make_prisoner(region="Mangystau")
            make_detention(prisoner, detained_on=datetime.date(2024, 1, 1))

    add_cases(2)
    with django_assert_num_queries(7) as few:
        client.get("/prisoners/?region=Mangystau")
    add_cases(18)
    with django_assert_num_queries(len(few.captured_queries)):
        client.get("/prisoners/?region=Mangystau")


# ---- profile ----


def test_unpublished_or_unknown_profiles_are_404(client):
    draft = make_prisoner(publication="draft")
    future = make_prisoner(published_at=timezone.now() + datetime.timedelta(days=1))

    assert client.get(draft.get_absolute_url()).status_code == 404
    assert client.get(future.get_absolute_url()).status_code == 404
    assert client.get("/prisoners/nobody/").status_code == 404


def test_profile_shows_status_facts_biography_and_charges(client):
    prisoner = make_prisoner(
        name="Vadim Kuramshin",
        status=Prisoner.Status.SENTENCED,
        role="Human rights lawyer",
        region="Akmola",
        biography="<p>Defended <strong>prisoners</strong>.</p>",
    )
    detention = make_detention(
        prisoner,
        detained_on=datetime.date(2012, 12, 14),
        place="Colony AK-159/8",
        sentence_text="12 years",
    )
    make_charge(detention, article="170", part="2", description="extortion")

    html = client.get(prisoner.get_absolute_url()).content.decode()

    assert "<h1>Vadim Kuramshin</h1>" in html
    assert 'status-badge--sentenced">Sentenced<' in html
    assert "Human rights lawyer" in html
    assert "Akmola" in html
    assert "Detained on 14 December 2012" in html
    assert "Colony AK-159/8" in html
    assert "12 years" in html
    assert "Article 170 part 2: extortion" in html
    assert "<p>Defended <strong>prisoners</strong>.</p>" in html
    assert "Held for" in html


def test_address_is_shown_only_when_safe_to_publish_is_ticked(client):
    hidden = make_prisoner(letters_address=ADDRESS)
    shown = make_prisoner(letters_address=ADDRESS, address_safe_to_publish=True)

    hidden_html = client.get(hidden.get_absolute_url()).content.decode()
    shown_html = client.get(shown.get_absolute_url()).content.decode()

    assert ADDRESS not in hidden_html
    assert "Write a letter" not in hidden_html
    assert ADDRESS in shown_html
    assert "Prison censors read every letter" in shown_html


def test_photo_is_shown_only_when_consent_is_ticked(client):
    hidden = make_prisoner(lead_image=jpeg_upload(), lead_image_alt="Portrait of A")
    shown = make_prisoner(
        lead_image=jpeg_upload(), lead_image_alt="Portrait of B", photo_consent=True
    )

    hidden_html = client.get(hidden.get_absolute_url()).content.decode()
    shown_html = client.get(shown.get_absolute_url()).content.decode()

    assert "<img" not in hidden_html
    assert "og:image" not in hidden_html
    assert hidden.lead_image.name.rsplit("/", 1)[-1].split(".")[0] not in hidden_html
    assert 'alt="Portrait of B"' in shown_html
    assert ".webp" in shown_html
    assert shown.lead_image.url not in shown_html
    assert '<meta property="og:image" content="http://testserver/media/renditions/' in shown_html


def test_timeline_is_newest_first_and_links_only_published_articles(client):
    prisoner = make_prisoner()
    report = make_article(title="Verdict report")
    draft = make_article(title="Draft report", publication="draft")
    make_timeline_event(
        prisoner, date=datetime.date(2012, 12, 14), description="Arrested in Astana"
    )
    make_timeline_event(
        prisoner,
        date=datetime.date(2013, 10, 5),
        kind=TimelineEvent.Kind.VERDICT,
        description="Sentenced",
        article=report,
    )
    make_timeline_event(
        prisoner,
        date=datetime.date(2013, 11, 1),
        kind=TimelineEvent.Kind.APPEAL,
        description="Appeal lodged",
        article=draft,
    )

    html = client.get(prisoner.get_absolute_url()).content.decode()

    assert html.index("Appeal lodged") < html.index("Sentenced") < html.index("Arrested")
    assert f'href="{report.get_absolute_url()}"' in html
    assert draft.get_absolute_url() not in html


def test_the_profile_leads_to_its_open_petition_videos_and_share(client):
    prisoner = make_prisoner(name="Rosa Tulataeva")
    open_petition = make_petition(title="Free Rosa")
    closed_petition = make_petition(title="Old appeal", status="closed")
    draft_petition = make_petition(title="Not yet", publication="draft")
    for petition in (open_petition, closed_petition, draft_petition):
        petition.prisoners.add(prisoner)
    video = make_video(title="Rosa speaks")
    video.prisoners.add(prisoner)
    make_video(title="Hidden video", publication="draft").prisoners.add(prisoner)
    article = make_article(title="News on Rosa")
    article.prisoners.add(prisoner)

    response = client.get(prisoner.get_absolute_url())
    html = response.content.decode()

    assert "How to help" in html
    take_action = html.split('class="take-action"', 1)[1].split("</aside>", 1)[0]
    assert f'href="{open_petition.get_absolute_url()}#sign"' in take_action
    assert "Old appeal" not in take_action
    assert "Old appeal" in html, "listed with the case's other petitions"
    assert "Not yet" not in html
    assert "Rosa speaks" in html
    assert "Hidden video" not in html
    assert "News on Rosa" in html
    assert "Share this with your friends" in html
    assert f"http://testserver{prisoner.get_absolute_url()}" in html


def test_profile_query_count_does_not_grow_with_its_related_items(
    client, django_assert_num_queries
):
    prisoner = make_prisoner()

    def add_items(count):
        for _ in range(count):
            detention = make_detention(prisoner, detained_on=datetime.date(2020, 1, 1))
            make_charge(detention)
            make_charge(detention)
            article = make_article()
            article.prisoners.add(prisoner)
            make_timeline_event(prisoner, article=article)
            make_video().prisoners.add(prisoner)
            petition = make_petition()
            petition.prisoners.add(prisoner)
            make_signature(
                petition=petition,
                comment="Stay strong",
                publish_comment=True,
                comment_review="approved",
            )

    add_items(1)
    # One of them finds the profile's translations for the language links.
    with django_assert_num_queries(10) as few:
        client.get(prisoner.get_absolute_url())
    add_items(9)
    with django_assert_num_queries(len(few.captured_queries)):
        response = client.get(prisoner.get_absolute_url())
    html = response.content.decode()
    petitions = html.split('id="petitions-heading"', 1)[1].split("</section>", 1)[0]
    assert petitions.count("<li>") == 10
    assert html.count('class="take-action"') == 1
    assert html.count("Stay strong") == 10


def test_sitemap_lists_published_profiles_only(client):
    # The sitemap view is cached; another test may have filled the cache already.
    cache.clear()
    shown = make_prisoner(name="Shown")
    hidden = make_prisoner(name="Hidden", publication="draft")

    xml = client.get("/sitemap.xml").content.decode()

    assert f"<loc>http://testserver{shown.get_absolute_url()}</loc>" in xml
    assert hidden.get_absolute_url() not in xml


def test_an_unknown_status_shows_no_badge_and_no_status_fact(client):
    prisoner = make_prisoner(name="Aron Atabek", status=Prisoner.Status.UNKNOWN)
    make_prisoner(name="Rosa Tulataeva", status=Prisoner.Status.SENTENCED)

    listing = client.get("/prisoners/").text
    profile = client.get(prisoner.get_absolute_url()).text

    assert "status-badge--unknown" not in listing
    assert "status-badge--sentenced" in listing
    assert "Unknown" not in profile
    assert "status-badge" not in profile
    assert "Key facts" not in profile
