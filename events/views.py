from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.utils import translation
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.generic import DetailView, TemplateView

from core.languages import site_name
from core.page_cache import CountCacheMixin, page_cache_reads
from events import ical
from events.models import Event

PAST_EVENTS = 30
CALENDAR_CONTENT_TYPE = "text/calendar; charset=utf-8"


@page_cache_reads()
class EventListView(TemplateView):
    """Upcoming events, the soonest first, then past ones, the most recent first."""

    template_name = "events/event_list.html"

    def get_context_data(self, **kwargs):
        # Built per request: what is upcoming follows the time of the call. Ordered after
        # choosing each event's version in the reader's language: by date, not by language.
        events = Event.objects.published().for_listing().for_language(get_language())
        return super().get_context_data(
            upcoming=list(events.upcoming()),
            past=list(events.past()[:PAST_EVENTS]),
            **kwargs,
        )


class EventDetailView(CountCacheMixin, DetailView):
    def get_queryset(self):
        return Event.objects.visible_to(self.request.user).defer("search_document")

    def get_context_data(self, **kwargs):
        event = self.object
        petition = self._petition(event)
        return super().get_context_data(
            related_prisoners=list(event.prisoners.published().only("name", "slug", "summary")),
            videos=list(event.videos.published().for_listing()),
            take_action=petition if petition and petition.is_open else None,
            petition=petition,
            social_image_url=event.social_image_url(),
            **kwargs,
        )

    @staticmethod
    def _petition(event):
        """The event's petition if public, with its count (the Take action box shows it)."""
        if event.petition_id is None:
            return None
        petition_model = Event.petition.field.related_model
        return (
            petition_model.objects.published()
            .with_counts()
            .defer("search_document", "body")
            .filter(pk=event.petition_id)
            .first()
        )


@page_cache_reads()
def calendar_feed(request):
    """Upcoming and recent events in the reader's language, for calendars to subscribe to."""
    events = Event.objects.published().for_language(get_language()).for_calendar_feed()
    name = _("%(site)s: events") % {"site": site_name()}
    body = ical.calendar(events.defer("search_document"), name=name)
    return _calendar_response(body, "events.ics")


@page_cache_reads()
def event_calendar(request, slug):
    """One event to add to a calendar; written in the event's own language."""
    event = get_object_or_404(
        Event.objects.visible_to(request.user).defer("search_document"), slug=slug
    )
    with translation.override(event.language):
        body = ical.calendar([event], name=site_name())
    return _calendar_response(body, f"{event.slug}.ics")


def _calendar_response(body: str, filename: str) -> HttpResponse:
    response = HttpResponse(body.encode(), content_type=CALENDAR_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
