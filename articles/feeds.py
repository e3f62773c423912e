"""RSS and Atom feeds of the latest articles, all links absolute on SITE_URL.

Django's syndication framework prefixes relative links with the host the request came to;
every link here is already absolute, so a feed fetched through a proxy or an internal
address still points readers at the public site.
"""

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext_lazy as _

from articles.models import Article, Category
from core.languages import site_name

FEED_LENGTH = 20


def _absolute(path: str) -> str:
    return settings.SITE_URL + path


class LatestArticlesFeed(Feed):
    description = _("News from the campaign for political prisoners and workers in Kazakhstan.")
    feed_url_name = "articles:feed_rss"

    def title(self):
        return _("%(site)s: news") % {"site": site_name()}

    def link(self):
        return _absolute(reverse("articles:list"))

    def feed_url(self):
        return _absolute(reverse(self.feed_url_name))

    def items(self):
        return Article.objects.published().for_feed()[:FEED_LENGTH]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.standfirst

    def item_link(self, item):
        return item.get_absolute_site_url()

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return item.updated_at

    def item_author_name(self, item):
        return item.author_name or None

    def item_categories(self, item):
        return [category.name for category in item.categories.all()]


class LatestArticlesAtomFeed(LatestArticlesFeed):
    feed_type = Atom1Feed
    subtitle = LatestArticlesFeed.description
    feed_url_name = "articles:feed_atom"


class CategoryArticlesFeed(LatestArticlesFeed):
    def get_object(self, request, slug):
        return get_object_or_404(Category, slug=slug)

    def title(self, obj):
        return _("%(site)s: %(category)s") % {"site": site_name(), "category": obj.name}

    def description(self, obj):
        return obj.description or _("News filed under %(category)s.") % {"category": obj.name}

    def link(self, obj):
        return _absolute(obj.get_absolute_url())

    def feed_url(self, obj):
        return _absolute(reverse("articles:category_feed_rss", kwargs={"slug": obj.slug}))

    def items(self, obj):
        return Article.objects.published().in_category(obj).for_feed()[:FEED_LENGTH]
