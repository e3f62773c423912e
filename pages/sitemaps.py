from core.sitemaps import SiteUrlSitemap
from pages.models import FIXED_ADDRESSES, Page


class PageSitemap(SiteUrlSitemap):
    """Published pages other than About and Privacy, which the project's sitemap lists."""

    changefreq = "monthly"

    def items(self):
        return Page.objects.published().exclude(slug__in=FIXED_ADDRESSES).order_by("pk")

    def lastmod(self, page):
        return page.updated_at
