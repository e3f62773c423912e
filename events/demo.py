"""Demo events: the ones the original campaign site's pages name, with only what they say.

- The London commemoration "that the campaign co-hosted with Article 19 on December 17
  2013": its date and city are known, not its time or venue, so it is a date-only event in
  London, linked to the video of it.
- The mass demonstration the workers of Zhezkazgan planned "on 6 July" is left out: the
  pages give no year and no time, and an event needs its start.
"""

import datetime

from django.utils import timezone

from events.models import Event

LONDON_COMMEMORATION_DAY = datetime.date(2013, 12, 17)


def seed():
    start, end = Event.whole_days(
        LONDON_COMMEMORATION_DAY, LONDON_COMMEMORATION_DAY, "Europe/London"
    )
    event, created = Event.objects.get_or_create(
        slug="london-commemoration",
        defaults={
            "title": "London commemoration",
            "summary": "The event that Campaign Kazakhstan co-hosted with Article 19.",
            "start": start,
            "end": end,
            "time_zone": "Europe/London",
            "time_known": False,
            "place": "London",
            "publication": Event.Publication.PUBLISHED,
            "published_at": timezone.now().replace(microsecond=0),
        },
    )
    if created:
        # Videos are seeded before events; link the one of this event if it is there.
        event.videos.set(
            event.videos.model.objects.filter(slug="full-video-of-london-commemoration")
        )
