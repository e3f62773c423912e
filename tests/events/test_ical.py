import datetime
from zoneinfo import ZoneInfo

import pytest
from django.utils import translation
from hypothesis import given
from hypothesis import strategies as st

from events import ical
from events.models import Event
from tests.events.ics import events, unescape, unfold
from tests.factories import make_event

pytestmark = pytest.mark.django_db

LONDON = ZoneInfo("Europe/London")


def test_text_escapes_backslashes_commas_semicolons_and_line_breaks():
    escaped = ical.escape_text("Hall 2, floor 3; bring\\signs\r\nand\nbanners")

    assert escaped == "Hall 2\\, floor 3\\; bring\\\\signs\\nand\\nbanners"
    assert unescape(escaped) == "Hall 2, floor 3; bring\\signs\nand\nbanners"


def test_a_long_line_is_folded_at_75_octets_and_unfolds_to_itself():
    line = "DESCRIPTION:" + "x" * 200

    folded = ical.fold(line)

    physical = folded.split("\r\n")
    # 212 octets: 75 on the first line, then a space and 74, then a space and the last 63.
    assert [len(part.encode()) for part in physical] == [75, 75, 64]
    assert all(part.startswith(" ") for part in physical[1:])
    assert unfold(folded + "\r\n") == [line]


@given(st.text(alphabet=st.characters(exclude_categories=["Cs", "Cc"]), max_size=400))
def test_folding_never_cuts_a_character_and_loses_nothing(text):
    line = "SUMMARY:" + text

    folded = ical.fold(line)

    for part in folded.split("\r\n"):
        assert len(part.encode()) <= 75
        part.encode().decode()  # whole UTF-8 characters on every line
    assert folded.replace("\r\n ", "") == line


def test_cyrillic_text_is_folded_between_characters():
    line = "SUMMARY:" + "Митинг в Жезказгане " * 10

    for part in ical.fold(line).split("\r\n"):
        assert len(part.encode()) <= 75


def test_a_calendar_uses_crlf_line_ends_only_and_no_line_is_longer_than_75_octets():
    make_event(
        title="Вечер памяти, посвящённый " * 5,
        slug="vecher",
        language="ru",
        body="<p>Текст</p>" * 30,
    )

    text = ical.calendar(Event.objects.all(), name="Campaign Kazakhstan")

    assert "\n" not in text.replace("\r\n", "")
    assert "\r" not in text.replace("\r\n", "")
    assert all(len(line.encode()) <= 75 for line in text.split("\r\n"))
    assert text.startswith("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n")
    assert text.endswith("END:VCALENDAR\r\n")


@pytest.mark.parametrize(
    ("day", "utc_hour"),
    [
        (datetime.date(2027, 7, 6), 18),  # British Summer Time, UTC+1
        (datetime.date(2027, 12, 17), 19),  # Greenwich Mean Time
    ],
)
def test_times_are_written_as_the_utc_moment_of_the_clock_time_in_the_events_zone(day, utc_hour):
    start = datetime.datetime.combine(day, datetime.time(19), LONDON)
    make_event(start=start, end=start + datetime.timedelta(hours=2), time_zone="Europe/London")

    [event] = events(ical.calendar(Event.objects.all(), name="Campaign"))

    assert event["DTSTART"].value == f"{day:%Y%m%d}T{utc_hour}0000Z"
    assert event["DTEND"].value == f"{day:%Y%m%d}T{utc_hour + 2}0000Z"
    assert "TZID" not in event["DTSTART"].params


def test_an_almaty_morning_is_the_night_before_in_utc():
    start = datetime.datetime(2027, 1, 1, 3, 30, tzinfo=ZoneInfo("Asia/Almaty"))
    make_event(start=start, end=start + datetime.timedelta(hours=1), time_zone="Asia/Almaty")

    [event] = events(ical.calendar(Event.objects.all(), name="Campaign"))

    assert event["DTSTART"].value == "20261231T223000Z"


def test_a_date_only_event_is_an_all_day_event_on_its_own_dates():
    start, end = Event.whole_days(
        datetime.date(2013, 12, 17), datetime.date(2013, 12, 17), "Asia/Almaty"
    )
    make_event(start=start, end=end, time_zone="Asia/Almaty", time_known=False)

    [event] = events(ical.calendar(Event.objects.all(), name="Campaign"))

    assert event["DTSTART"].params == {"VALUE": "DATE"}
    assert event["DTSTART"].value == "20131217"
    assert event["DTEND"].value == "20131218"


def test_each_event_has_a_stable_uid_a_stamp_a_link_and_its_place(settings):
    settings.SITE_URL = "https://campaign.example"
    event = make_event(slug="rally", place="Hall 2, Trade Union House; Almaty")

    first = events(ical.calendar(Event.objects.all(), name="Campaign"))[0]
    event.title = "Rally (moved)"
    event.save()
    second = events(ical.calendar(Event.objects.all(), name="Campaign"))[0]

    assert first["UID"].value == second["UID"].value == f"event-{event.pk}@campaign.example"
    assert second["DTSTAMP"].value == event.updated_at.astimezone(datetime.UTC).strftime(
        "%Y%m%dT%H%M%SZ"
    )
    assert second["URL"].value == "https://campaign.example/events/rally/"
    assert unescape(second["LOCATION"].value) == "Hall 2, Trade Union House; Almaty"
    assert unescape(second["SUMMARY"].value) == "Rally (moved)"


def test_a_calendar_links_each_event_at_its_own_languages_address(settings):
    settings.SITE_URL = "https://campaign.example"
    make_event(slug="miting", language="ru")

    with translation.override("kk"):
        [event] = events(ical.calendar(Event.objects.all(), name="Campaign"))

    assert event["URL"].value == "https://campaign.example/ru/events/miting/"


def test_texts_say_their_language_and_an_online_event_is_located_at_its_link():
    make_event(
        title="Онлайн-встреча",
        slug="vstrecha",
        language="ru",
        place="",
        online_url="https://meet.example/room",
        summary="Встреча, вопросы; ответы",
    )

    [event] = events(ical.calendar(Event.objects.all(), name="Campaign"))

    assert event["SUMMARY"].params == {"LANGUAGE": "ru"}
    assert unescape(event["LOCATION"].value) == "https://meet.example/room"
    assert unescape(event["DESCRIPTION"].value).startswith("Встреча, вопросы; ответы\n\n")
