from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from core.registry import SearchSection, crud


class ActionsConfig(AppConfig):
    name = "actions"
    verbose_name = _("Letter actions")
    # Letter counts are written at sending rate: the pages that show them have a short
    # cache lifetime instead.
    content_models = ["actions.LetterAction", "actions.LetterTarget"]
    search_sections = [
        SearchSection(_("Letter actions"), _("Letter action"), "actions.LetterAction", position=45)
    ]
    sitemaps = {"actions": "actions.sitemaps.LetterActionSitemap"}
    editor_permissions = crud("letteraction", "lettertarget")
