from core.sitemaps import TranslatedSitemap
from petitions.models import Petition


class PetitionSitemap(TranslatedSitemap):
    changefreq = "daily"

    def items(self):
        return Petition.objects.published().order_by("pk")
