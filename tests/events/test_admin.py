import datetime
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from django.utils import timezone

from events.models import Event
from tests.factories import make_event

pytestmark = pytest.mark.django_db

ADD_URL = reverse("admin:events_event_add")
LONDON = ZoneInfo("Europe/London")


def form_data(**overrides):
    data = {
        "title": "Commemoration",
        "slug": "commemoration",
        "summary": "",
        "body": "",
        "time_zone": "Europe/London",
        "time_known": "on",
        "start_0": "2027-07-06",
        "start_1": "19:00:00",
        "end_0": "2027-07-06",
        "end_1": "21:00:00",
        "place": "Conway Hall, London",
        "online_url": "",
        "language": "en",
        "lead_image_alt": "",
        "publication": "published",
        "published_at_0": "2026-01-01",
        "published_at_1": "10:00:00",
    }
    data.update(overrides)
    return {name: value for name, value in data.items() if value is not None}


def test_times_typed_are_read_on_the_clocks_of_the_events_zone(admin_client, settings):
    settings.TIME_ZONE = "Asia/Almaty"  # the editor's own zone does not matter

    response = admin_client.post(ADD_URL, form_data())

    assert response.status_code == 302
    event = Event.objects.get()
    assert event.start == datetime.datetime(2027, 7, 6, 18, tzinfo=datetime.UTC)
    assert event.end == datetime.datetime(2027, 7, 6, 20, tzinfo=datetime.UTC)


def test_the_change_form_shows_the_times_as_they_were_typed(admin_client):
    admin_client.post(ADD_URL, form_data())
    event = Event.objects.get()

    html = admin_client.get(reverse("admin:events_event_change", args=[event.pk])).text

    assert 'value="19:00:00"' in html
    assert 'value="21:00:00"' in html


def test_a_date_only_event_runs_from_midnight_to_midnight_there(admin_client):
    response = admin_client.post(
        ADD_URL,
        form_data(time_known=None, start_0="2013-12-17", start_1="00:00", end_0="", end_1=""),
    )

    assert response.status_code == 302
    event = Event.objects.get()
    assert event.local_start == datetime.datetime(2013, 12, 17, tzinfo=LONDON)
    assert event.local_end == datetime.datetime(2013, 12, 18, tzinfo=LONDON)
    assert not event.time_known


def test_a_time_the_clocks_skip_is_refused_with_a_clear_message(admin_client):
    response = admin_client.post(
        ADD_URL, form_data(start_0="2027-03-28", start_1="01:30:00", end_0="2027-03-28")
    )

    assert response.status_code == 200
    assert "The clocks go forward then in Europe/London" in response.text
    assert not Event.objects.exists()


def test_an_end_before_the_start_and_a_missing_place_are_form_errors(admin_client):
    response = admin_client.post(ADD_URL, form_data(end_1="18:00:00", place=""))

    assert response.status_code == 200
    assert "An event must end after it starts." in response.text
    assert "Give the place, the online link, or both." in response.text
    assert not Event.objects.exists()


def test_an_unknown_time_zone_is_refused(admin_client):
    response = admin_client.post(ADD_URL, form_data(time_zone="Mars/Olympus_Mons"))

    assert response.status_code == 200
    assert not Event.objects.exists()


def test_admin_list_filters_upcoming_and_past_and_shows_the_start_in_its_zone(admin_client):
    make_event(
        title="Coming rally",
        start=datetime.datetime(2099, 7, 6, 11, tzinfo=ZoneInfo("Asia/Almaty")),
        end=datetime.datetime(2099, 7, 6, 13, tzinfo=ZoneInfo("Asia/Almaty")),
    )
    make_event(title="Old meeting", start=timezone.now() - datetime.timedelta(days=10))
    changelist = reverse("admin:events_event_changelist")

    upcoming = admin_client.get(changelist, {"when": "upcoming"}).text
    past = admin_client.get(changelist, {"when": "past"}).text
    found = admin_client.get(changelist, {"q": "rally"}).text

    assert "Coming rally" in upcoming and "Old meeting" not in upcoming
    assert "Old meeting" in past and "Coming rally" not in past
    assert "6 July 2099, 11:00 (Asia/Almaty)" in upcoming
    assert "Coming rally" in found and "Old meeting" not in found
