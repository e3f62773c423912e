from django.conf import settings

from core.languages import site_name


def site(request):
    """Site-wide values every template may use."""
    name = site_name()
    return {
        "site_name": name,
        "site_url": settings.SITE_URL,
        "campaign_organiser": settings.CAMPAIGN_ORGANISER or name,
        "contact_email": settings.CONTACT_EMAIL,
        "privacy_contact_email": settings.PRIVACY_CONTACT_EMAIL,
    }
