"""Events the campaign holds or joins: demonstrations, meetings, commemorations.

An event happens somewhere on the clock of its own place: ``start`` and ``end`` are stored
as moments (UTC in the database) and ``time_zone`` names the IANA zone the event is in, so
its page shows the time people there read on their watches, with the zone's name, and a
calendar gets the exact moment. When only the date is known (``time_known`` unticked) the
event runs from midnight to midnight in its zone and calendars get an all-day event.

Nothing about who comes is ever stored: the page offers a calendar file, not a sign-up.
"""

import datetime
import re
from html import unescape
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import connection, models
from django.db.models import F, FloatField, Q, Value
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.html import strip_tags
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from core.editor import RichTextField
from core.html import clean_html
from core.images import social_image_url
from core.models import Content, ContentQuerySet, lead_image_field
from core.search import StoredSearchQuerySet, search_document_field

DEFAULT_TIME_ZONE = "Asia/Almaty"
# How long an event stays in the calendar feed after it ended: calendars that subscribed
# keep what they had, and a feed of the future alone looks empty after a quiet month.
FEED_KEEPS_PAST = datetime.timedelta(days=90)

BLOCK_END = re.compile(r"</(?:p|h[1-6]|li|blockquote)>|<br\s*/?>")

LISTING_FIELDS = [
    "title",
    "slug",
    "summary",
    "start",
    "end",
    "time_zone",
    "time_known",
    "place",
    "online_url",
    "language",
    "translation_of",
    "publication",
    "published_at",
]


def validate_time_zone(name: str) -> None:
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError) as error:
        raise ValidationError(
            _("“%(name)s” is not a time zone name such as Europe/London or Asia/Almaty."),
            params={"name": name},
        ) from error


def time_zone_choices() -> list[tuple[str, str]]:
    """Every IANA zone name, for the admin's list (the model only validates the name, so a
    newer or older zone database needs no migration)."""
    return [(name, name) for name in sorted(available_timezones()) if "/" in name]


def wall_clock_to_moment(wall_clock: datetime.datetime, zone_name: str) -> datetime.datetime:
    """The moment a clock in ``zone_name`` shows ``wall_clock`` (naive). Raises ValueError
    for a time the clocks skip when they go forward (it never happens there)."""
    zone = ZoneInfo(zone_name)
    moment = wall_clock.replace(tzinfo=zone)
    if moment.astimezone(datetime.UTC).astimezone(zone).replace(tzinfo=None) != wall_clock:
        raise ValueError("skipped by a daylight-saving change")
    return moment


class EventQuerySet(StoredSearchQuerySet, ContentQuerySet):
    def upcoming(self):
        """Events not over yet (one under way included), the soonest first."""
        return self.filter(end__gt=timezone.now()).order_by("start", "pk")

    def past(self):
        """Events that have ended, the most recent first."""
        return self.filter(end__lte=timezone.now()).order_by("-start", "-pk")

    def for_calendar_feed(self):
        """What a subscribed calendar gets: upcoming events and those of the last months."""
        return self.filter(end__gt=timezone.now() - FEED_KEEPS_PAST).order_by("start", "pk")

    def for_listing(self):
        """What an event's card shows: its fields, and its published videos."""
        video_model = self.model._meta.get_field("videos").related_model
        return self.only(*LISTING_FIELDS).prefetch_related(
            models.Prefetch(
                "videos",
                queryset=video_model.objects.published().for_listing().order_by("-pk"),
                to_attr="published_videos",
            )
        )

    def search(self, query: str):
        """Published events matching the visitor's words, best first, with `search_rank`."""
        query = (query or "").strip()
        if not query:
            return self.none()
        events = self.published()
        if connection.vendor == "postgresql":
            return events.matching_document(query).order_by("-search_rank", "-start", "-pk")
        return (
            events.filter(
                Q(title__icontains=query)
                | Q(summary__icontains=query)
                | Q(place__icontains=query)
                | Q(body__icontains=query)
            )
            .defer("search_document")
            .annotate(search_rank=Value(1.0, output_field=FloatField()))
            .order_by("-start", "-pk")
        )


class Event(Content):
    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=200, unique=True)
    summary = models.CharField(
        _("summary"),
        max_length=300,
        blank=True,
        help_text=_("One or two sentences for lists, calendars and link previews."),
    )
    start = models.DateTimeField(_("starts"))
    end = models.DateTimeField(_("ends"))
    time_zone = models.CharField(
        _("time zone"),
        max_length=64,
        default=DEFAULT_TIME_ZONE,
        validators=[validate_time_zone],
        help_text=_(
            "Where the event happens: its times are entered and shown on the clocks there."
        ),
    )
    time_known = models.BooleanField(
        _("time of day known"),
        default=True,
        help_text=_(
            "Untick when only the date is known: the page shows the date alone and "
            "calendars get an all-day event."
        ),
    )
    place = models.CharField(
        _("place"),
        max_length=250,
        blank=True,
        help_text=_("The venue and town, as people would look for it on a map."),
    )
    online_url = models.URLField(
        _("online link"),
        max_length=500,
        blank=True,
        help_text=_("Where to follow or join the event online, if it can be."),
    )
    body = RichTextField(_("text"), blank=True)
    lead_image = lead_image_field("events")
    prisoners = models.ManyToManyField(
        "prisoners.Prisoner",
        blank=True,
        related_name="campaign_events",
        verbose_name=_("prisoners"),
        help_text=_("The cases the event is about; they are linked from its page."),
    )
    petition = models.ForeignKey(
        "petitions.Petition",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="campaign_events",
        verbose_name=_("petition"),
        help_text=_("While it is open, the event's page asks visitors to sign it."),
    )
    videos = models.ManyToManyField(
        "media_embeds.Video",
        blank=True,
        related_name="campaign_events",
        verbose_name=_("videos"),
        help_text=_("Videos of the event, shown on its page and in the list of events."),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    search_document = search_document_field()
    search_weights = {"A": ("title",), "B": ("summary", "place"), "C": ("body",)}

    objects = EventQuerySet.as_manager()

    class Meta(Content.Meta):
        ordering = ["-start", "-pk"]
        verbose_name = _("event")
        verbose_name_plural = _("events")
        constraints = [
            models.CheckConstraint(
                condition=Q(end__gt=F("start")),
                name="event_ends_after_it_starts",
                violation_error_message=_("An event must end after it starts."),
            ),
            models.CheckConstraint(
                condition=~Q(place="") | ~Q(online_url=""),
                name="event_has_place_or_link",
                violation_error_message=_("Give the place, the online link, or both."),
            ),
            *Content.Meta.constraints,
        ]
        indexes = [models.Index(fields=["end", "start"], name="event_end_start_idx")]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        self.body = clean_html(self.body)
        super().save(*args, **kwargs)
        type(self).objects.filter(pk=self.pk).refresh_search_documents()

    def get_absolute_url(self):
        return reverse("events:detail", kwargs={"slug": self.slug})

    def get_calendar_url(self):
        return reverse("events:ics", kwargs={"slug": self.slug})

    def get_absolute_site_url(self):
        """The page in the event's own language, on SITE_URL: what calendars link to."""
        with translation.override(self.language):
            return settings.SITE_URL + self.get_absolute_url()

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.time_zone)

    @property
    def local_start(self) -> datetime.datetime:
        return self.start.astimezone(self.zone)

    @property
    def local_end(self) -> datetime.datetime:
        return self.end.astimezone(self.zone)

    @property
    def last_day(self) -> datetime.date:
        """The day it ends on, for a date-only event whose end is the midnight after it."""
        if self.time_known:
            return self.local_end.date()
        return self.local_end.date() - datetime.timedelta(days=1)

    @property
    def is_one_day(self) -> bool:
        return self.local_start.date() == self.last_day

    @property
    def is_past(self) -> bool:
        return self.end <= timezone.now()

    @property
    def plain_text(self) -> str:
        """The summary, or the text without markup: what calendars show as the description."""
        if self.summary:
            return self.summary
        # A space after each block, or "flags.</p><p>Meet" would read "flags.Meet".
        spaced = BLOCK_END.sub(r"\g<0> ", self.body)
        return " ".join(unescape(strip_tags(spaced)).split())

    @property
    def search_snippet(self) -> str:
        return Truncator(self.plain_text).words(30)

    def social_image_url(self):
        return social_image_url(self.lead_image)

    @classmethod
    def whole_days(cls, first: datetime.date, last: datetime.date, zone_name: str):
        """Start and end of a date-only event: midnight before ``first`` to midnight after
        ``last``, on the clocks of ``zone_name``."""
        zone = ZoneInfo(zone_name)
        start = datetime.datetime.combine(first, datetime.time(), tzinfo=zone)
        end = datetime.datetime.combine(last + datetime.timedelta(days=1), datetime.time(), zone)
        return start, end
