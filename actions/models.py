"""Letter actions: a model letter that supporters send to one or more targets, and how many
letters went to each target from each country.

Counting: each "I sent it" adds one to the counter row of its (target, country) with an
``F()`` increment inside the sending transaction, creating the row first if it is missing
(an insert that ignores the conflict, so two first letters from one country never make two
rows). Concurrent letters to the same target from the same country queue on that one row's
lock for the length of an UPDATE: letters come at a fraction of signing's rate, and the
count stays exact.
"""

from django.db import models
from django.db.models import Q, Sum, Value
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from core.countries import LocalizedCountries
from core.models import Content, ContentQuerySet


class LetterActionQuerySet(ContentQuerySet):
    def search(self, query: str):
        """Published actions whose title, summary or letter mention ``query``, newest first,
        annotated with ``search_rank`` (actions are few: no stored search document)."""
        return (
            self.published()
            .filter(
                Q(title__icontains=query)
                | Q(summary__icontains=query)
                | Q(letter_body__icontains=query)
            )
            .annotate(search_rank=Value(1.0, output_field=models.FloatField()))
            .order_by("-published_at", "-pk")
        )

    def for_listing(self):
        return self.published().select_related("prisoner").order_by("-published_at", "-pk")


class LetterAction(Content):
    """A model letter with its targets: an action page at ``/actions/<slug>/``."""

    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=200, unique=True)
    summary = models.TextField(
        _("summary"), max_length=500, blank=True, help_text=_("The ask, in a sentence or two.")
    )
    deadline = models.DateTimeField(
        _("deadline"),
        null=True,
        blank=True,
        help_text=_("When letters are needed by; the page says so. Leave empty for none."),
    )
    prisoner = models.ForeignKey(
        "prisoners.Prisoner",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="letter_actions",
        verbose_name=_("case"),
        help_text=_("The prisoner this action is about, if any."),
    )
    petition = models.OneToOneField(
        "petitions.Petition",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="letter_action",
        verbose_name=_("petition"),
        help_text=_("The petition whose page links to this action, if any."),
    )
    letter_subject = models.CharField(_("letter subject"), max_length=200)
    letter_body = models.TextField(
        _("model letter"),
        help_text=_(
            "Plain text, greeting included, in the action's language. The writer's own line "
            "and name are added at the end."
        ),
    )

    objects = LetterActionQuerySet.as_manager()

    class Meta(Content.Meta):
        ordering = ["-pk"]
        verbose_name = _("letter action")
        verbose_name_plural = _("letter actions")

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("actions:detail", kwargs={"slug": self.slug})

    @property
    def search_snippet(self) -> str:
        return self.summary

    @property
    def counted_action_id(self) -> int:
        """The action whose targets and counts this one shares: translations of an action
        are one action in several languages, its targets and counts the original's."""
        return self.translation_of_id or self.pk

    @property
    def is_past_deadline(self) -> bool:
        return self.deadline is not None and self.deadline <= timezone.now()


class LetterTargetQuerySet(models.QuerySet):
    def of(self, action):
        """The targets letters to ``action`` go to: its original's, for a translation."""
        return self.filter(action_id=action.counted_action_id)


class LetterTarget(models.Model):
    """One addressee of an action: the Kazakhstan embassy in the writer's country (from the
    embassy directory), or someone editors name with their public address."""

    class Kind(models.TextChoices):
        EMBASSY = "embassy", _("The Kazakhstan embassy in the writer's country")
        NAMED = "named", _("A named addressee")

    action = models.ForeignKey(
        LetterAction, on_delete=models.CASCADE, related_name="targets", verbose_name=_("action")
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.NAMED)
    name = models.CharField(
        _("name"),
        max_length=200,
        blank=True,
        help_text=_("For a named addressee: “Prosecutor General of Kazakhstan”, “KazakhMys”."),
    )
    email = models.EmailField(_("public email"), blank=True)
    postal_address = models.TextField(_("postal address"), blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    objects = LetterTargetQuerySet.as_manager()

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("target")
        verbose_name_plural = _("targets")
        constraints = [
            models.UniqueConstraint(
                fields=["action"],
                condition=Q(kind="embassy"),
                name="one_embassy_target_per_action",
                violation_error_message=_("An action has one embassy target at most."),
            ),
            models.CheckConstraint(
                condition=Q(kind="embassy")
                | (~Q(name="") & (~Q(email="") | ~Q(postal_address=""))),
                name="named_target_has_name_and_address",
                violation_error_message=_(
                    "A named addressee needs a name and an email or postal address."
                ),
            ),
        ]

    def __str__(self):
        return self.label

    @property
    def label(self) -> str:
        if self.kind == self.Kind.EMBASSY:
            return gettext("The Kazakhstan embassy in your country")
        return self.name


class LetterCountQuerySet(models.QuerySet):
    def per_target(self, action):
        """{target id: letters sent} for ``action``'s targets."""
        rows = (
            self.filter(target__action_id=action.counted_action_id)
            .order_by()
            .values_list("target_id")
            .annotate(letters=Sum("count"))
        )
        return dict(rows)

    def per_country(self, action):
        """(country code, letters) for ``action``, most letters first."""
        return (
            self.filter(target__action_id=action.counted_action_id)
            .order_by()
            .values_list("country")
            .annotate(letters=Sum("count"))
            .order_by("-letters", "country")
        )


class LetterCount(models.Model):
    """How many letters writers from ``country`` said they sent to ``target``."""

    target = models.ForeignKey(
        LetterTarget, on_delete=models.CASCADE, related_name="counts", verbose_name=_("target")
    )
    country = CountryField(_("country"), countries=LocalizedCountries)
    count = models.BigIntegerField(_("letters sent"), default=0)

    objects = LetterCountQuerySet.as_manager()

    class Meta:
        ordering = ["target", "country"]
        verbose_name = _("letter count")
        verbose_name_plural = _("letter counts")
        constraints = [
            models.UniqueConstraint(fields=["target", "country"], name="one_count_per_country"),
        ]

    def __str__(self):
        return f"{self.target_id}/{self.country}: {self.count}"
