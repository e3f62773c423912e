from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from core.registry import SearchSection, crud


class PetitionsConfig(AppConfig):
    name = "petitions"
    verbose_name = _("Petitions")
    # Signatures and their count slots are written at signing rate: the pages that show
    # counts have a short cache lifetime instead.
    content_models = [
        "petitions.Petition",
        "petitions.PetitionEvent",
        "petitions.Embassy",
        "petitions.PetitionSettings",
    ]
    search_sections = [
        SearchSection(_("Petitions"), _("Petition"), "petitions.Petition", position=40)
    ]
    # The Kazakhstan embassies supporters write to, which letter actions address too.
    embassy_directory = "petitions.letters.embassy_recipient"
    sitemaps = {"petitions": "petitions.sitemaps.PetitionSitemap"}
    mailing_audiences = {
        "petitions.signers": "petitions.audiences.confirmed_signers",
        "petitions.news": "petitions.audiences.news_subscribers",
    }
    mailing_audience_choices = "petitions.audiences.audience_choices"
    # Editors write petitions; they do not see who signed them.
    editor_permissions = [*crud("petition", "petitionevent", "embassy"), "view_petitionsettings"]
    # Moderators decide who may sign: held and offensive signatures, blocked domains and
    # the kill switch that stops every petition at once. Only they see signers' names and
    # addresses, and export them. (Taken from Editors in migration 0006, as the roles are
    # only ever added to.)
    moderator_permissions = [
        "view_signature",
        "export_signatures",
        "moderate_signature",
        *crud("blockedemaildomain"),
        "add_petitionsettings",
        "change_petitionsettings",
        # The solidarity wall: which signers' messages the public may read.
        "view_wallmessage",
        "moderate_wallmessage",
    ]
