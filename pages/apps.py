from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from core.registry import crud


class PagesConfig(AppConfig):
    name = "pages"
    verbose_name = _("Pages")
    content_models = ["pages.Page"]
    sitemaps = {"simple_pages": "pages.sitemaps.PageSitemap"}
    editor_permissions = crud("page")
