from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from core.registry import crud


class PetitionsConfig(AppConfig):
    name = "petitions"
    verbose_name = _("Petitions")
    # Signatures and their count slots are written at signing rate: the pages that show
    # counts have a short cache lifetime instead.
    content_models = ["petitions.Petition", "petitions.Embassy", "petitions.PetitionSettings"]
    sitemaps = {"petitions": "petitions.sitemaps.PetitionSitemap"}
    editor_permissions = [
        *crud("petition", "embassy"),
        "view_signature",
        "export_signatures",
        "view_petitionsettings",
    ]
    # Moderators decide who may sign: held and offensive signatures, blocked domains and
    # the kill switch that stops every petition at once.
    moderator_permissions = [
        "moderate_signature",
        *crud("blockedemaildomain"),
        "add_petitionsettings",
        "change_petitionsettings",
    ]
