from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from core.registry import SearchSection, crud


class EventsConfig(AppConfig):
    name = "events"
    verbose_name = _("Events")
    content_models = ["events.Event"]
    search_sections = [SearchSection(_("Events"), _("Event"), "events.Event", position=35)]
    sitemaps = {"events": "events.sitemaps.EventSitemap"}
    editor_permissions = crud("event")
