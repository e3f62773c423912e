from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.utils import translation


class SiteUrlSitemap(Sitemap):
    """A sitemap whose links are absolute on SITE_URL, whatever host the request came to."""

    def get_domain(self, site=None):
        return urlsplit(settings.SITE_URL).netloc

    def get_protocol(self, protocol=None):
        return urlsplit(settings.SITE_URL).scheme


class TranslatedSitemap(SiteUrlSitemap):
    """Items written in Russian or Kazakh are listed at their /ru/… or /kk/… address."""

    def location(self, item):
        with translation.override(item.language):
            return item.get_absolute_url()
