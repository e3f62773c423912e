from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from core.registry import SearchSection, crud


class MediaEmbedsConfig(AppConfig):
    name = "media_embeds"
    verbose_name = _("Videos")
    content_models = ["media_embeds.Video", "media_embeds.LibraryImage"]
    search_sections = [SearchSection(_("Videos"), _("Video"), "media_embeds.Video", position=30)]
    sitemaps = {"videos": "media_embeds.sitemaps.VideoSitemap"}
    editor_permissions = crud("video", "libraryimage")
    text_players = "media_embeds.in_text.players"
    text_pictures = "media_embeds.in_text.pictures"
    editor_pickers = {
        "video": "admin:media_embeds_video_pick",
        "picture": "admin:media_embeds_libraryimage_pick",
        "upload": "admin:media_embeds_libraryimage_upload",
    }
