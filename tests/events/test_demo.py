import datetime

import pytest
from django.core.management import call_command

from events.models import Event

pytestmark = pytest.mark.django_db


def test_demo_has_the_london_commemoration_on_its_date_with_its_video_and_no_invented_time(
    client,
):
    call_command("seed_demo")
    call_command("seed_demo")

    event = Event.objects.get()
    assert event.slug == "london-commemoration"
    assert not event.time_known
    assert event.time_zone == "Europe/London"
    assert event.local_start.date() == event.last_day == datetime.date(2013, 12, 17)
    assert [video.slug for video in event.videos.all()] == ["full-video-of-london-commemoration"]
    assert "Article 19" in client.get("/events/london-commemoration/").text


def test_the_zhezkazgan_demonstration_is_left_out_as_the_pages_give_no_year():
    call_command("seed_demo")

    assert not Event.objects.filter(title__icontains="Zhezkazgan").exists()
