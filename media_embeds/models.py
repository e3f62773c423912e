from django.core.exceptions import ValidationError
from django.db import connection, models
from django.db.models import FloatField, Q, Value
from django.urls import reverse
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from core import videos as providers
from core.images import RenditionImageField, UploadTo
from core.models import Content, ContentQuerySet, Publication, lead_image_field
from core.search import StoredSearchQuerySet, search_document_field

LISTING_FIELDS = [
    "title",
    "slug",
    "published_at",
    "date_shown",
    "recorded_on",
    "duration",
    "provider",
    "video_id",
    "start_seconds",
    "unlisted_hash",
    "lead_image",
    "lead_image_alt",
    "lead_image_width",
    "lead_image_height",
    "language",
]


class VideoQuerySet(StoredSearchQuerySet, ContentQuerySet):
    def for_listing(self):
        """Only what a video card shows (poster, title, dates), so grids stay light."""
        return self.only(*LISTING_FIELDS)

    def search(self, query: str):
        """Published videos matching the visitor's words, best first, with `search_rank`."""
        query = (query or "").strip()
        if not query:
            return self.none()
        videos = self.published()
        if connection.vendor == "postgresql":
            return videos.matching_document(query).order_by("-search_rank", "-published_at", "-pk")
        return (
            videos.filter(Q(title__icontains=query) | Q(description__icontains=query))
            .annotate(search_rank=Value(1.0, output_field=FloatField()))
            .order_by("-search_rank", "-published_at", "-pk")
        )


class Video(Content):
    class Provider(models.TextChoices):
        YOUTUBE = providers.YOUTUBE, "YouTube"
        VIMEO = providers.VIMEO, "Vimeo"

    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=200, unique=True)
    date_shown = models.BooleanField(
        _("show the date"),
        default=True,
        help_text=_(
            "Untick when the real date is not known (a report copied from an older site): "
            "lists still follow the publication date, but no date is shown to readers."
        ),
    )
    description = models.TextField(
        _("description"),
        blank=True,
        help_text=_("Plain text shown under the player. Blank lines start new paragraphs."),
    )
    source_url = models.CharField(
        _("video link"),
        max_length=500,
        help_text=_(
            "Paste the link to the video on YouTube or Vimeo (from the address bar or the "
            "Share button), not the embed code. A start time in the link (t=90) is kept."
        ),
    )
    provider = models.CharField(
        _("provider"), max_length=20, choices=Provider.choices, editable=False
    )
    video_id = models.CharField(
        _("video id"),
        max_length=20,
        editable=False,
        help_text=_("Read from the video link when the video is saved."),
    )
    start_seconds = models.PositiveIntegerField(_("start at (seconds)"), default=0, editable=False)
    unlisted_hash = models.CharField(
        _("unlisted hash"),
        max_length=20,
        blank=True,
        editable=False,
        help_text=_("The private part of an unlisted Vimeo link."),
    )
    # The poster: shown until the visitor presses play.
    lead_image = lead_image_field(
        "videos",
        _("poster image"),
        help_text=_(
            "Shown until the visitor presses play. Leave empty to copy the provider's "
            "thumbnail into our own media when the video is added or its link changes; if "
            "that fails a neutral poster is shown."
        ),
    )
    lead_image_alt = models.CharField(
        _("poster description"),
        max_length=250,
        blank=True,
        help_text=_(
            "What the poster shows, for people who cannot see it. Required when you upload a "
            "poster; a thumbnail copied from the provider is described as “Video still:” "
            "followed by the title, unless you write a description."
        ),
    )
    recorded_on = models.DateField(
        _("recorded on"), null=True, blank=True, help_text=_("Leave empty when unknown.")
    )
    duration = models.DurationField(
        _("duration"),
        null=True,
        blank=True,
        help_text=_("Optional, as minutes:seconds (4:32) or hours:minutes:seconds (1:02:03)."),
    )
    categories = models.ManyToManyField(
        "articles.Category", blank=True, related_name="videos", verbose_name=_("categories")
    )
    articles = models.ManyToManyField(
        "articles.Article",
        blank=True,
        related_name="videos",
        verbose_name=_("articles"),
        help_text=_(
            "To put this video in an article, choose the article here: it is shown as a "
            'click-to-play player under "Related videos" at the end of the article, and the '
            "article is linked from this video's page."
        ),
    )
    prisoners = models.ManyToManyField(
        "prisoners.Prisoner",
        blank=True,
        related_name="videos",
        verbose_name=_("prisoners"),
        help_text=_("The video is listed on these prisoners' profiles."),
    )

    lead_image_alt_required = _("Describe the poster for people who cannot see it.")

    search_document = search_document_field()
    search_weights = {"A": ("title",), "B": ("description",)}

    objects = VideoQuerySet.as_manager()

    class Meta(Content.Meta):
        ordering = ["-published_at", "-pk"]
        verbose_name = _("video")
        verbose_name_plural = _("videos")
        constraints = [
            models.CheckConstraint(
                condition=Q(provider__in=[providers.YOUTUBE, providers.VIMEO]) & ~Q(video_id=""),
                name="video_has_provider_and_id",
            ),
            *Content.Meta.constraints,
        ]
        indexes = [
            # The video list, the home page and category pages: newest published first.
            models.Index(
                fields=["-published_at", "-id"],
                condition=Q(publication=Publication.PUBLISHED),
                name="video_published_idx",
            ),
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        # Also here, not only in clean(): seeds, shells and factories skip clean().
        self._apply_source_url()
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "source_url" in update_fields:
            kwargs["update_fields"] = {
                *update_fields,
                "provider",
                "video_id",
                "start_seconds",
                "unlisted_hash",
            }
        super().save(*args, **kwargs)
        type(self).objects.filter(pk=self.pk).refresh_search_documents()

    def get_absolute_url(self):
        return reverse("media_embeds:detail", kwargs={"slug": self.slug})

    def clean(self):
        try:
            self._apply_source_url()
        except ValidationError as error:
            raise ValidationError({"source_url": error.messages}) from error
        super().clean()

    def _apply_source_url(self):
        parsed = providers.parse_video_url(self.source_url)
        self.source_url = self.source_url.strip()
        self.provider, self.video_id, self.start_seconds, self.unlisted_hash = parsed

    @property
    def parsed(self) -> providers.ParsedVideo:
        return providers.ParsedVideo(
            self.provider, self.video_id, self.start_seconds, self.unlisted_hash
        )

    @property
    def embed_url(self) -> str:
        return providers.embed_url(self.parsed)

    @property
    def watch_url(self) -> str:
        return providers.watch_url(self.parsed)

    @property
    def duration_display(self) -> str:
        """4:32 or 1:02:03, as video sites show lengths."""
        if not self.duration:
            return ""
        total = int(self.duration.total_seconds())
        hours, rest = divmod(total, 3600)
        minutes, seconds = divmod(rest, 60)
        return f"{hours}:{minutes:02}:{seconds:02}" if hours else f"{minutes}:{seconds:02}"

    @property
    def duration_iso(self) -> str:
        if not self.duration:
            return ""
        return f"PT{int(self.duration.total_seconds())}S"

    @property
    def search_snippet(self) -> str:
        return Truncator(self.description).words(30)


class LibraryImageQuerySet(models.QuerySet):
    def matching(self, query: str):
        """Pictures whose description or credit holds the editor's words, newest first."""
        query = (query or "").strip()
        images = self.order_by("-uploaded_at", "-pk")
        if not query:
            return images
        return images.filter(Q(alt__icontains=query) | Q(credit__icontains=query))


class LibraryImage(models.Model):
    """A picture editors place in texts with the editor's picture button: uploaded once,
    shown as our own renditions wherever it is placed."""

    image = RenditionImageField(
        _("picture"),
        upload_to=UploadTo("library"),
        width_field="width",
        height_field="height",
    )
    width = models.PositiveIntegerField(_("width"), null=True, editable=False)
    height = models.PositiveIntegerField(_("height"), null=True, editable=False)
    alt = models.CharField(
        _("description"),
        max_length=250,
        help_text=_(
            "What the picture shows, for people who cannot see it. The editor offers it when "
            "the picture is placed in a text, where it can be changed to suit that text."
        ),
    )
    credit = models.CharField(
        _("credit"),
        max_length=200,
        blank=True,
        help_text=_("Who took the picture or where it comes from; for editors, not shown."),
    )
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)

    objects = LibraryImageQuerySet.as_manager()

    class Meta:
        ordering = ["-uploaded_at", "-pk"]
        verbose_name = _("picture for texts")
        verbose_name_plural = _("pictures for texts")
        constraints = [
            models.CheckConstraint(condition=~Q(alt=""), name="library_image_has_description"),
        ]

    def __str__(self):
        return Truncator(self.alt).chars(60)
