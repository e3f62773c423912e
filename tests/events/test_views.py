import datetime
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone
from django.utils.html import strip_tags

from tests.events.ics import events as ics_events
from tests.events.ics import unescape
from tests.factories import (
    make_event,
    make_petition,
    make_prisoner,
    make_video,
    pass_second_factor,
)

pytestmark = pytest.mark.django_db

LONDON = ZoneInfo("Europe/London")


def days_from_now(days: int) -> datetime.datetime:
    return timezone.now().replace(microsecond=0) + datetime.timedelta(days=days)


def page_text(response) -> str:
    return " ".join(strip_tags(response.content.decode()).split())


def positions(html: str, *titles: str) -> list[int]:
    return [html.index(title) for title in titles]


def test_list_shows_upcoming_soonest_first_then_past_most_recent_first(client):
    make_event(title="Next month", start=days_from_now(30))
    make_event(title="Tomorrow", start=days_from_now(1))
    make_event(title="Last year", start=days_from_now(-365))
    make_event(title="Last week", start=days_from_now(-7))

    html = client.get("/events/").content.decode()

    found = positions(html, "Upcoming events", "Tomorrow", "Next month", "Past events")
    found += positions(html, "Last week", "Last year")
    assert found == sorted(found)


def test_an_event_under_way_is_still_upcoming(client):
    make_event(title="Under way", start=days_from_now(0) - datetime.timedelta(hours=1))

    html = client.get("/events/").content.decode()

    assert html.index("Under way") < html.index("Calendar of events")
    assert "Past events" not in html


def test_list_with_no_upcoming_event_says_so_and_offers_the_calendar(client):
    html = client.get("/events/").content.decode()

    assert "No events are planned at the moment." in html
    assert 'href="/events.ics"' in html


def test_list_shows_each_events_published_videos_but_no_drafts(client):
    video = make_video(title="Full video of the rally")
    draft_video = make_video(title="Unfinished edit", publication="draft")
    make_event(title="The rally", start=days_from_now(-3), videos=[video, draft_video])
    make_event(title="Draft event", publication="draft")

    html = client.get("/events/").content.decode()

    assert "Full video of the rally" in html
    assert video.get_absolute_url() in html
    assert "Unfinished edit" not in html
    assert "Draft event" not in html


def test_russian_list_shows_the_russian_version_of_an_event_instead_of_the_english(client):
    original = make_event(title="Rally in Almaty")
    make_event(title="Митинг в Алматы", slug="miting", language="ru", translation_of=original)

    html = client.get("/ru/events/").content.decode()

    assert "Митинг в Алматы" in html
    assert "Rally in Almaty" not in html
    assert "Предстоящие события" in html


def test_russian_list_keeps_date_order_across_languages(client):
    make_event(title="Митинг через месяц", slug="miting", language="ru", start=days_from_now(30))
    make_event(title="English meeting tomorrow", start=days_from_now(1))

    html = client.get("/ru/events/").content.decode()

    assert html.index("English meeting tomorrow") < html.index("Митинг через месяц")


@pytest.mark.parametrize("count", [1, 8])
def test_list_query_count_does_not_grow_with_events(client, django_assert_num_queries, count):
    for number in range(count):
        make_event(start=days_from_now(number + 1), videos=[make_video()])
        make_event(start=days_from_now(-number - 1), videos=[make_video()])

    # Upcoming and past, each with one query for all their videos.
    with django_assert_num_queries(4):
        response = client.get("/events/")

    assert response.status_code == 200


def test_event_page_shows_the_time_on_the_clocks_where_it_happens_with_the_zone(client):
    start = datetime.datetime(2027, 7, 6, 19, tzinfo=LONDON)
    event = make_event(
        start=start, end=start + datetime.timedelta(hours=2), time_zone="Europe/London"
    )

    response = client.get(event.get_absolute_url())
    html = response.content.decode()

    assert "6 July 2027, 19:00–21:00" in page_text(response)
    assert "British Summer Time, UTC+01:00" in html
    assert 'datetime="2027-07-06T19:00:00+01:00"' in html


def test_the_same_clock_time_in_winter_is_shown_in_greenwich_mean_time(client):
    start = datetime.datetime(2027, 12, 17, 19, tzinfo=LONDON)
    event = make_event(
        start=start, end=start + datetime.timedelta(hours=2), time_zone="Europe/London"
    )

    response = client.get(event.get_absolute_url())
    html = response.content.decode()

    assert "17 December 2027, 19:00–21:00" in page_text(response)
    assert "Greenwich Mean Time, UTC+00:00" in html


def test_russian_page_of_an_almaty_event_shows_the_time_there_in_russian(client):
    start = datetime.datetime(2027, 7, 6, 11, tzinfo=ZoneInfo("Asia/Almaty"))
    make_event(
        slug="miting",
        language="ru",
        start=start,
        end=start + datetime.timedelta(hours=3),
        time_zone="Asia/Almaty",
    )

    response = client.get("/ru/events/miting/")
    html = response.content.decode()

    assert "6 июля 2027 г., 11:00–14:00" in page_text(response)
    assert "UTC+05:00" in html
    assert "Добавить в мой календарь" in html


def test_a_date_only_event_shows_the_date_alone(client):
    event = make_event(
        start=datetime.datetime(2013, 12, 17, tzinfo=LONDON),
        end=datetime.datetime(2013, 12, 18, tzinfo=LONDON),
        time_zone="Europe/London",
        time_known=False,
    )

    html = client.get(event.get_absolute_url()).content.decode()

    assert '<time datetime="2013-12-17">17 December 2013</time>' in html
    assert "UTC" not in html.split("When", 1)[1].split("</dd>", 1)[0]


def test_an_upcoming_event_offers_its_calendar_file_and_a_past_one_does_not(client):
    upcoming = make_event(slug="upcoming")
    past = make_event(slug="past", start=days_from_now(-3))

    assert 'href="/events/upcoming.ics"' in client.get(upcoming.get_absolute_url()).content.decode()
    assert "Past event" in (past_html := client.get(past.get_absolute_url()).content.decode())
    assert ".ics" not in past_html


def test_event_page_asks_to_sign_its_open_petition_and_links_its_cases_and_videos(client):
    petition = make_petition(title="Free the Zhezkazgan strikers")
    prisoner = make_prisoner(name="Example Prisoner")
    video = make_video(title="Video of the rally")
    event = make_event(petition=petition, prisoners=[prisoner], videos=[video])

    html = client.get(event.get_absolute_url()).content.decode()

    assert "Take action" in html
    assert f'href="{petition.get_absolute_url()}#sign"' in html
    assert prisoner.get_absolute_url() in html
    assert "Video of the rally" in html


def test_a_closed_petition_is_linked_without_asking_to_sign(client):
    petition = make_petition(title="Old petition", status="closed")
    event = make_event(petition=petition)

    html = client.get(event.get_absolute_url()).content.decode()

    assert "Take action" not in html
    assert petition.get_absolute_url() in html


@pytest.mark.parametrize("count", [1, 6])
def test_event_page_query_count_does_not_grow_with_relations(
    client, django_assert_num_queries, count
):
    event = make_event(petition=make_petition())
    for _ in range(count):
        event.prisoners.add(make_prisoner())
        event.videos.add(make_video())

    # The event, its language versions, prisoners, videos and the petition with its count.
    with django_assert_num_queries(5):
        response = client.get(event.get_absolute_url())

    assert response.status_code == 200


def test_unpublished_and_unknown_events_are_404(client):
    draft = make_event(slug="draft", publication="draft")
    scheduled = make_event(slug="scheduled", published_at=days_from_now(1))

    for path in (
        draft.get_absolute_url(),
        scheduled.get_absolute_url(),
        "/events/draft.ics",
        "/events/scheduled.ics",
        "/events/no-such-event/",
    ):
        assert client.get(path).status_code == 404, path


def test_staff_preview_a_draft_with_a_banner(client, django_user_model):
    editor = django_user_model.objects.create_user("editor", password="pw", is_staff=True)
    client.force_login(editor)
    pass_second_factor(client, editor)
    draft = make_event(publication="draft")

    html = client.get(draft.get_absolute_url()).content.decode()

    assert "only logged-in editors see this page" in html


def test_an_events_calendar_file_downloads_as_utf8_icalendar_in_its_language(client):
    make_event(slug="miting", title="Митинг, шахтёры; Жезказган", language="ru")

    response = client.get("/events/miting.ics")
    assert "X-WR-CALNAME:Кампания «Казахстан»\r\n" in response.content.decode()

    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="miting.ics"'
    [event] = ics_events(response.content.decode())
    assert unescape(event["SUMMARY"].value) == "Митинг, шахтёры; Жезказган"
    assert event["SUMMARY"].params == {"LANGUAGE": "ru"}


def test_the_calendar_feed_has_upcoming_and_recent_events_only(client):
    make_event(title="Soon", start=days_from_now(2))
    make_event(title="Last month", start=days_from_now(-30))
    make_event(title="Two years ago", start=days_from_now(-730))
    make_event(title="Still a draft", publication="draft")

    response = client.get("/events.ics")

    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    text = response.content.decode()
    summaries = [unescape(event["SUMMARY"].value) for event in ics_events(text)]
    assert summaries == ["Last month", "Soon"]
    assert "X-WR-CALNAME:Campaign Kazakhstan: events\r\n" in text


def test_nothing_about_visitors_is_asked_or_stored_for_an_event(client):
    event = make_event()

    html = client.get(event.get_absolute_url()).content.decode()

    assert "<form" not in html.split("<main", 1)[1].split("</main>", 1)[0]
