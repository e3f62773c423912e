from articles.models import Article, Category
from core.sitemaps import SiteUrlSitemap, TranslatedSitemap


class ArticleSitemap(TranslatedSitemap):
    changefreq = "weekly"

    def items(self):
        return Article.objects.published().only("slug", "updated_at", "language").order_by("pk")

    def lastmod(self, item):
        return item.updated_at


class CategorySitemap(SiteUrlSitemap):
    changefreq = "weekly"

    def items(self):
        return Category.objects.order_by("pk")
