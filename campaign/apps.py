from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps
from django.utils.translation import gettext_lazy as _


class CampaignConfig(AppConfig):
    name = "campaign"
    verbose_name = _("Prisoners")

    def ready(self):
        from campaign import page_cache

        page_cache.connect_signals()


class CampaignAdminConfig(admin_apps.AdminConfig):
    """Django's admin with the campaign's own site (name, app order, lockout page)."""

    default = False
    default_site = "campaign.admin_site.CampaignAdminSite"
