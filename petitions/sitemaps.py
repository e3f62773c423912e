from campaign.sitemaps import SiteUrlSitemap
from petitions.models import Petition


class PetitionSitemap(SiteUrlSitemap):
    changefreq = "daily"

    def items(self):
        return Petition.objects.published().order_by("pk")
