from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MediaEmbedsConfig(AppConfig):
    name = "media_embeds"
    verbose_name = _("Videos")
