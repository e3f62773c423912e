from django import forms
from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.http import JsonResponse
from django.templatetags.static import static
from django.urls import path
from django.utils.html import format_html
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET, require_POST

from core.admin import ContentAdmin, EditorialAdmin, image_help
from core.images import rendition_name, rendition_widths
from media_embeds.models import LibraryImage, Video
from media_embeds.services import fetch_provider_poster

PICKER_RESULTS = 30
MAX_QUERY_LENGTH = 100


def _smallest_rendition(field_file, width) -> str:
    if not (field_file and width):
        return ""
    return field_file.storage.url(rendition_name(field_file.name, rendition_widths(width)[0]))


def _picker_query(request) -> str | None:
    """The editor's search words, or None for a query too long to be a search."""
    query = request.GET.get("q", "").strip()
    return query if len(query) <= MAX_QUERY_LENGTH else None


def _too_long():
    message = gettext("Search with at most %(limit)s characters.") % {"limit": MAX_QUERY_LENGTH}
    return JsonResponse({"error": message}, status=400)


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

    def get_urls(self):
        pick = self.admin_site.admin_view(require_GET(self.pick_view))
        return [path("pick/", pick, name="media_embeds_video_pick"), *super().get_urls()]

    def pick_view(self, request):
        """The published videos the rich-text editor's video button offers (JSON)."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        query = _picker_query(request)
        if query is None:
            return _too_long()
        videos = Video.objects.published().for_listing()
        if query:
            videos = videos.filter(title__icontains=query)
        neutral_poster = static("img/video-poster.svg")
        return JsonResponse(
            {
                "results": [
                    {
                        "title": video.title,
                        "provider": video.get_provider_display(),
                        "url": video.watch_url,
                        "poster": _smallest_rendition(video.lead_image, video.lead_image_width)
                        or neutral_poster,
                    }
                    for video in videos[:PICKER_RESULTS]
                ]
            }
        )

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


class LibraryImageForm(forms.ModelForm):
    class Meta:
        model = LibraryImage
        fields = ["image", "alt", "credit"]


def _picture(image: LibraryImage) -> dict:
    return {
        "id": image.pk,
        "src": image.image.url,
        "thumbnail": _smallest_rendition(image.image, image.width),
        "alt": image.alt,
        "width": image.width,
        "height": image.height,
    }


@admin.register(LibraryImage)
class LibraryImageAdmin(EditorialAdmin):
    form = LibraryImageForm
    list_display = ["thumbnail", "alt", "credit", "width", "height", "uploaded_at"]
    list_display_links = ["thumbnail", "alt"]
    list_filter = ["uploaded_at"]
    search_fields = ["alt", "credit"]
    ordering = ["-uploaded_at", "-pk"]
    date_hierarchy = "uploaded_at"
    readonly_fields = ["thumbnail"]
    fields = ["image", "thumbnail", "alt", "credit"]
    help_texts = {
        "image": image_help(_("Placed in texts with the rich-text editor's picture button.")),
    }

    @admin.display(description=_("preview"))
    def thumbnail(self, image):
        url = _smallest_rendition(image.image, image.width)
        if not url:
            return "—"
        return format_html('<img src="{}" alt="" width="120">', url)

    def get_urls(self):
        pick = self.admin_site.admin_view(require_GET(self.pick_view))
        upload = self.admin_site.admin_view(require_POST(self.upload_view))
        return [
            path("pick/", pick, name="media_embeds_libraryimage_pick"),
            path("upload/", upload, name="media_embeds_libraryimage_upload"),
            *super().get_urls(),
        ]

    def pick_view(self, request):
        """The library's pictures the rich-text editor's picture button offers (JSON)."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        query = _picker_query(request)
        if query is None:
            return _too_long()
        images = LibraryImage.objects.matching(query)[:PICKER_RESULTS]
        return JsonResponse({"results": [_picture(image) for image in images]})

    def upload_view(self, request):
        """A picture uploaded from the rich-text editor, with its description (JSON): 201
        with the picture, or 400 with what to correct."""
        if not self.has_add_permission(request):
            raise PermissionDenied
        form = LibraryImageForm(request.POST, request.FILES)
        if not form.is_valid():
            return JsonResponse({"errors": form.errors.get_json_data()}, status=400)
        image = form.save()
        self.log_addition(request, image, [{"added": {}}])
        return JsonResponse({"picture": _picture(image)}, status=201)
