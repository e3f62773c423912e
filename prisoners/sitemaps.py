from core.sitemaps import TranslatedSitemap
from prisoners.models import Prisoner


class PrisonerSitemap(TranslatedSitemap):
    changefreq = "weekly"

    def items(self):
        return Prisoner.objects.published().order_by("name", "pk")
