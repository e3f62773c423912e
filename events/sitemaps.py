from core.sitemaps import TranslatedSitemap
from events.models import Event


class EventSitemap(TranslatedSitemap):
    changefreq = "weekly"

    def items(self):
        return Event.objects.published().only("slug", "updated_at", "language").order_by("pk")

    def lastmod(self, item):
        return item.updated_at
