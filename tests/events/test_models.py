import datetime
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from events.models import Event, validate_time_zone, wall_clock_to_moment
from tests.factories import make_event

pytestmark = pytest.mark.django_db


def test_an_event_cannot_end_before_or_when_it_starts():
    start = timezone.now()
    for end in (start, start - datetime.timedelta(minutes=1)):
        with pytest.raises(IntegrityError), transaction.atomic():
            make_event(start=start, end=end)


def test_an_event_needs_a_place_or_an_online_link():
    with pytest.raises(IntegrityError), transaction.atomic():
        make_event(place="", online_url="")

    assert make_event(place="", online_url="https://meet.example/room").pk


@pytest.mark.parametrize("name", ["Mars/Olympus_Mons", "", "../etc/passwd", "Europe/"])
def test_a_time_zone_must_be_an_iana_name(name):
    with pytest.raises(ValidationError):
        validate_time_zone(name)


def test_a_known_time_zone_passes():
    validate_time_zone("Asia/Almaty")
    validate_time_zone("Europe/London")


def test_a_clock_time_skipped_when_clocks_go_forward_is_refused():
    with pytest.raises(ValueError):
        wall_clock_to_moment(datetime.datetime(2027, 3, 28, 1, 30), "Europe/London")

    moment = wall_clock_to_moment(datetime.datetime(2027, 3, 28, 2, 30), "Europe/London")
    assert moment.astimezone(datetime.UTC).hour == 1


def test_upcoming_includes_an_event_under_way_and_past_the_ended_ones():
    now = timezone.now()
    under_way = make_event(start=now - datetime.timedelta(hours=1))
    ended = make_event(
        start=now - datetime.timedelta(hours=3), end=now - datetime.timedelta(hours=1)
    )

    assert list(Event.objects.upcoming()) == [under_way]
    assert list(Event.objects.past()) == [ended]


def test_a_date_only_event_lasts_from_midnight_to_midnight_in_its_zone():
    start, end = Event.whole_days(
        datetime.date(2013, 12, 17), datetime.date(2013, 12, 18), "Europe/London"
    )
    event = make_event(start=start, end=end, time_zone="Europe/London", time_known=False)

    assert event.local_start == datetime.datetime(2013, 12, 17, tzinfo=ZoneInfo("Europe/London"))
    assert event.last_day == datetime.date(2013, 12, 18)
    assert not event.is_one_day


def test_the_text_is_sanitised_on_save():
    event = make_event(body='<p onclick="x()">Come</p><script>alert(1)</script>')

    assert event.body == "<p>Come</p>"


def test_search_on_postgres_finds_events_by_title_place_and_text_title_first(postgres):
    by_place = make_event(title="Meeting", place="Zhezkazgan foundry gates")
    by_title = make_event(title="Zhezkazgan solidarity evening", place="London")
    make_event(title="Zhezkazgan draft", publication="draft")

    found = list(Event.objects.search("Zhezkazgan"))

    assert found == [by_title, by_place]


def test_calendars_get_the_text_without_markup_when_there_is_no_summary():
    event = make_event(summary="", body="<p>Bring banners &amp; flags.</p><p>Meet at noon.</p>")

    assert event.plain_text == "Bring banners & flags. Meet at noon."
