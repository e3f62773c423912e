from django.contrib.admin import apps as admin_apps


class CampaignAdminConfig(admin_apps.AdminConfig):
    """Django's admin with the campaign's own site (name, app order, lockout page)."""

    default = False
    default_site = "campaign.admin_site.CampaignAdminSite"
