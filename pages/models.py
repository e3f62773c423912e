"""Simple pages editors write in the admin, one per language: About, Privacy, "How to write
to a prisoner"… The About and Privacy pages keep their addresses (/about/, /privacy/) and
what the site states from its settings (who runs it, what it stores): editors write the
text around that, not the facts."""

from django.db import models
from django.db.models import Case, IntegerField, Value, When
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from core.editor import VIDEO_HELP, RichTextField
from core.html import clean_html
from core.models import Content, ContentQuerySet

# Pages the site had before editors could write them: they keep their addresses.
FIXED_ADDRESSES = {"about": "pages:about", "privacy": "pages:privacy"}


class PageQuerySet(ContentQuerySet):
    def for_reader(self, *, slug: str, language: str, user):
        """The page at ``slug`` for a reader of ``language``: its version in that language,
        else its original; drafts only for staff previewing. None when there is none."""
        in_reader_language = Case(
            When(language=language, then=Value(0)), default=Value(1), output_field=IntegerField()
        )
        return (
            self.visible_to(user)
            .filter(slug=slug)
            .filter(models.Q(language=language) | models.Q(translation_of__isnull=True))
            .order_by(in_reader_language, "pk")
            .first()
        )


class Page(Content):
    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(
        _("address"),
        max_length=100,
        help_text=_(
            "The page's address: /pages/<address>/. The address “about” is the About page "
            "(/about/) and “privacy” the Privacy page (/privacy/). A translation has the "
            "same address as its original."
        ),
    )
    body = RichTextField(_("text"), blank=True, help_text=VIDEO_HELP)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = PageQuerySet.as_manager()

    class Meta(Content.Meta):
        ordering = ["slug", "language"]
        verbose_name = _("page")
        verbose_name_plural = _("pages")
        constraints = [
            *Content.Meta.constraints,
            models.UniqueConstraint(
                fields=["slug", "language"],
                name="pages_page_one_per_address_and_language",
                violation_error_message=_("This address already has a page in this language."),
            ),
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        self.body = clean_html(self.body)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        # In the page's own language, so "View on site" previews that version.
        with translation.override(self.language):
            name = FIXED_ADDRESSES.get(self.slug)
            if name:
                return reverse(name)
            return reverse("pages:page", kwargs={"slug": self.slug})
