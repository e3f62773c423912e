from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from core.registry import SearchSection, crud


class ArticlesConfig(AppConfig):
    name = "articles"
    verbose_name = _("News")
    content_models = ["articles.Article", "articles.Category"]
    search_sections = [SearchSection(_("News"), _("Article"), "articles.Article", position=10)]
    sitemaps = {
        "articles": "articles.sitemaps.ArticleSitemap",
        "categories": "articles.sitemaps.CategorySitemap",
    }
    editor_permissions = crud("article", "category")
