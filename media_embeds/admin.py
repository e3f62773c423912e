from django.contrib import admin
from django.templatetags.static import static
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from core.admin import ContentAdmin
from core.images import rendition_name, rendition_widths
from media_embeds.models import Video
from media_embeds.services import fetch_provider_poster


@admin.register(Video)
class VideoAdmin(ContentAdmin):
    list_display = ["title", "provider", "video_id", "published_at", "recorded_on"]
    list_filter = ["provider", "language", "categories"]
    search_fields = ["title", "description", "video_id", "source_url"]
    ordering = ["-published_at", "-pk"]
    date_hierarchy = "published_at"
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["categories", "articles", "prisoners", "translation_of"]
    save_on_top = True
    readonly_fields = ["provider", "video_id", "start_seconds", "poster_preview"]
    publication_fieldset = (
        _("Publication"),
        {"fields": ["publication", "published_at", "date_shown"]},
    )
    fieldsets = [
        (None, {"fields": ["title", "slug", "source_url", "description"]}),
        (_("Language"), {"fields": ["language", "translation_of"]}),
        (
            _("Read from the link"),
            {"fields": ["provider", "video_id", "start_seconds"]},
        ),
        (_("Poster"), {"fields": ["lead_image", "lead_image_alt", "poster_preview"]}),
        (
            _("Details"),
            {"fields": ["recorded_on", "duration", "categories", "articles", "prisoners"]},
        ),
    ]

    help_texts = {
        "title": _("The heading on the video's page and on its card in lists."),
        "slug": _("The video's address: /videos/<slug>/. Changing it breaks shared links."),
        "categories": _("The video is listed on these categories' pages."),
        "published_at": _("Lists are ordered by this date; a future date schedules the video."),
    }

    @admin.display(description=_("poster preview"))
    def poster_preview(self, video):
        if video.lead_image and video.lead_image_width:
            width = rendition_widths(video.lead_image_width)[0]
            url = video.lead_image.storage.url(rendition_name(video.lead_image.name, width))
            return format_html(
                '<img src="{}" alt="{}" width="240">', url, video.lead_image_alt or video.title
            )
        return format_html(
            '<img src="{}" alt="" width="240"><br>{}',
            static("img/video-poster.svg"),
            _("No poster yet: pages show this neutral poster."),
        )

    def save_model(self, request, obj, form, change):
        # The fetch happens here, in the editor's request, so that no page view ever
        # contacts the provider. Only for a new video, a new link or a poster just removed:
        # a thumbnail the provider refused once would otherwise be asked for again, with
        # its wait, on every later save of the video.
        wants_thumbnail = not change or "lead_image" in form.changed_data
        if not obj.lead_image and (wants_thumbnail or self._links_another_video(obj, form)):
            fetch_provider_poster(video=obj)
        super().save_model(request, obj, form, change)

    def _links_another_video(self, video, form) -> bool:
        """Whether the edited link points at another video than the saved one (a new start
        time in the same video's link shows the same thumbnail)."""
        if "source_url" not in form.changed_data:
            return False
        saved = Video.objects.values_list("provider", "video_id", "unlisted_hash").get(pk=video.pk)
        return saved != (video.provider, video.video_id, video.unlisted_hash)
