from django.urls import reverse

from core.sitemaps import SiteUrlSitemap


class PagesSitemap(SiteUrlSitemap):
    changefreq = "monthly"

    def items(self):
        return ["pages:home", "pages:about", "pages:privacy"]

    def location(self, item):
        return reverse(item)
