"""Abstract models the content apps build on. Having this module also makes ``core`` an app
with models, which is what Django sends post_migrate to (core.apps).

``Content`` is what every public content type shares: a language and the original it
translates, a publication state with its date, and a lead image with its description and
size. What is public is decided in one place, ``public_rule``: ``ContentQuerySet.published()``
filters with it and ``Content.is_public`` reads the same rule off an instance.
"""

import operator

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.images import RenditionImageField, UploadTo, require_alt_text
from core.languages import (
    TranslatableQuerySet,
    clean_translation,
    language_field,
    translation_constraints,
    translation_of_field,
)


class Publication(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")


def public_rule(now) -> dict:
    """The one rule of what the public sees, as field lookups: published, and its
    publication date has come (a future date schedules it)."""
    return {"publication": Publication.PUBLISHED, "published_at__lte": now}


_COMPARISONS = {"exact": operator.eq, "lte": operator.le}


def _matches(instance, lookups: dict) -> bool:
    """Whether an instance's own values satisfy ``lookups`` (only those ``public_rule`` uses),
    with no query: a NULL never matches, as in SQL."""
    for lookup, wanted in lookups.items():
        name, _sep, comparison = lookup.partition("__")
        value = getattr(instance, name)
        if value is None or not _COMPARISONS[comparison or "exact"](value, wanted):
            return False
    return True


def lead_image_field(folder: str, verbose_name=None, **kwargs):
    """The lead image of a content type, its renditions stored under ``folder``."""
    return RenditionImageField(
        verbose_name or _("lead image"),
        upload_to=UploadTo(folder),
        width_field="lead_image_width",
        height_field="lead_image_height",
        blank=True,
        **kwargs,
    )


class ContentQuerySet(TranslatableQuerySet):
    """The QuerySet of every public content type; apps subclass it for their own lists."""

    def published(self):
        return self.filter(**public_rule(timezone.now()))

    def scheduled(self):
        """Published, but waiting for a publication date still to come."""
        return self.filter(publication=Publication.PUBLISHED, published_at__gt=timezone.now())

    def drafts(self):
        return self.filter(publication=Publication.DRAFT)


class Content(models.Model):
    """An article, a video, a prisoner's profile or a petition: anything with a public page."""

    Publication = Publication

    language = language_field()
    translation_of = translation_of_field()
    publication = models.CharField(
        _("publication"),
        max_length=20,
        choices=Publication.choices,
        default=Publication.DRAFT,
        help_text=_(
            "Drafts are seen only by logged-in editors (use “View on site” to preview). "
            "Published pages appear from their publication date."
        ),
    )
    published_at = models.DateTimeField(
        _("publication date"),
        null=True,
        blank=True,
        help_text=_(
            "A future date schedules the page: it stays hidden until then. "
            "Left empty, it is set when the page is published."
        ),
    )
    lead_image = lead_image_field("images")
    lead_image_alt = models.CharField(
        _("lead image description"),
        max_length=250,
        blank=True,
        help_text=_("What the picture shows, for those who cannot see it. Required with an image."),
    )
    lead_image_width = models.PositiveIntegerField(null=True, blank=True, editable=False)
    lead_image_height = models.PositiveIntegerField(null=True, blank=True, editable=False)

    # The form error for a lead image without a description; subclasses name their picture.
    lead_image_alt_required = _("Describe the lead image for people who cannot see it.")

    objects = ContentQuerySet.as_manager()

    class Meta:
        abstract = True
        constraints = [
            *translation_constraints("%(app_label)s_%(class)s"),
            models.CheckConstraint(
                condition=Q(publication=Publication.DRAFT) | Q(published_at__isnull=False),
                name="%(app_label)s_%(class)s_published_has_date",
                violation_error_message=_("A published page needs a publication date."),
            ),
        ]

    def save(self, *args, **kwargs):
        self._date_publication()
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "publication" in update_fields:
            kwargs["update_fields"] = {*update_fields, "published_at"}
        super().save(*args, **kwargs)

    def clean(self):
        super().clean()
        clean_translation(self)
        # Before the description check, which raises: otherwise a page published without
        # a date would also be refused for lacking one.
        self._date_publication()
        require_alt_text(
            self.lead_image,
            self.lead_image_alt,
            alt_field="lead_image_alt",
            message=self.lead_image_alt_required,
        )

    def _date_publication(self):
        if self.publication == Publication.PUBLISHED and self.published_at is None:
            self.published_at = timezone.now()

    @property
    def is_public(self) -> bool:
        return _matches(self, public_rule(timezone.now()))

    @property
    def is_scheduled(self) -> bool:
        return self.publication == Publication.PUBLISHED and not self.is_public


# Concrete models of the mailing engine, kept in their own module; imported here so that
# Django finds them in the core app.
from core.mailing_models import Delivery, Mailing, MailingMessage, Suppression  # noqa: E402, F401
