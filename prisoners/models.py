import datetime
import re

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import connection, models
from django.db.models import Count, F, FloatField, Prefetch, Q, Value
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.text import format_lazy
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from core.editor import VIDEO_HELP, RichTextField
from core.html import clean_html
from core.models import Content, ContentQuerySet, Publication, lead_image_field
from core.search import StoredSearchQuerySet, search_document_field
from core.tokens import LinkTokens


class PrisonerQuerySet(StoredSearchQuerySet, ContentQuerySet):
    def urgent(self):
        return self.filter(is_urgent=True)

    def filter_by(
        self, *, status: str = "", region: str = "", article: str = "", letters: bool = False
    ):
        """Narrow by status, region, criminal-code article and whether the profile publishes
        an address for letters; empty values leave the list whole."""
        queryset = self
        if status:
            queryset = queryset.filter(status=status)
        if region:
            queryset = queryset.filter(region=region)
        if article:
            # A subquery rather than a join: two charges under one article are one case.
            charged = Charge.objects.filter(article=article).values("detention__prisoner")
            queryset = queryset.filter(pk__in=charged)
        if letters:
            queryset = queryset.filter(address_safe_to_publish=True).exclude(letters_address="")
        return queryset

    def filter_counts(self, **filters) -> dict:
        """For each filter, the cases each of its values would leave when combined with the
        other filters given: {"status": {value: n}, "region": …, "article": …, "letters": n}.
        Four queries, however many values there are."""

        def others(name):
            return self.filter_by(**{key: value for key, value in filters.items() if key != name})

        def grouped(queryset, field):
            return dict(
                queryset.order_by().values_list(field).annotate(cases=Count("pk", distinct=True))
            )

        ids = self.model.objects.filter
        return {
            "status": grouped(ids(pk__in=others("status").values("pk")), "status"),
            "region": grouped(
                ids(pk__in=others("region").values("pk")).exclude(region=""), "region"
            ),
            "article": dict(
                Charge.objects.filter(detention__prisoner__in=others("article").values("pk"))
                .order_by()
                .values_list("article")
                .annotate(cases=Count("detention__prisoner", distinct=True))
            ),
            "letters": ids(pk__in=others("letters").values("pk")).filter_by(letters=True).count(),
        }

    def for_listing(self):
        """Urgent cases first, then by name, with what a card shows (day counts included)."""
        return (
            self.defer("search_document")
            .prefetch_related(
                Prefetch("detentions", queryset=Detention.objects.order_by("detained_on", "pk"))
            )
            .order_by("-is_urgent", "name", "pk")
        )

    def for_profile(self):
        """Everything the profile page shows, in a fixed number of queries."""
        article_model = self.model.articles.rel.related_model
        video_model = self.model.videos.rel.related_model
        petition_model = self.model.petitions.rel.related_model
        return self.defer("search_document").prefetch_related(
            Prefetch(
                "detentions",
                queryset=Detention.objects.order_by("detained_on", "pk").prefetch_related(
                    Prefetch("charges", queryset=Charge.objects.order_by("article", "part", "pk"))
                ),
            ),
            Prefetch(
                "timeline_events",
                queryset=TimelineEvent.objects.order_by("-date", "-pk")
                .select_related("article")
                .defer("article__body", "article__search_document"),
            ),
            Prefetch("articles", queryset=article_model.objects.published().for_listing()),
            Prefetch("videos", queryset=video_model.objects.published()),
            Prefetch(
                "petitions",
                queryset=petition_model.objects.published().defer("search_document"),
            ),
        )

    def for_open_data(self):
        """Published profiles, one per person (the English version where there is one),
        by name, with their detentions and charges: what /prisoners.json and .csv give.
        Three queries."""
        return (
            self.published()
            .only("name", "slug", "status", "region", "language", "translation_of")
            .prefetch_related(
                Prefetch(
                    "detentions",
                    queryset=Detention.objects.order_by("detained_on", "pk").prefetch_related(
                        Prefetch(
                            "charges", queryset=Charge.objects.order_by("article", "part", "pk")
                        )
                    ),
                )
            )
            .order_by("name", "pk")
            .for_language(settings.LANGUAGE_CODE)
        )

    def solidarity_messages(self, limit: int):
        """The newest approved messages signers left on the published petitions about these
        prisoners (through the petitions' relation: this app knows no petition code)."""
        petition_model = self.model.petitions.rel.related_model
        signature_model = petition_model.signatures.rel.related_model
        petitions = petition_model.objects.published().about(self.values("pk"))
        return signature_model.objects.on_wall().filter(petition__in=petitions)[:limit]

    def petition_to_sign(self, language: str):
        """The open petition about these prisoners that their news, videos and profiles lead
        to: featured first, then the newest, in ``language`` when it has that version, with
        its count and its letter action. One query; None when there is none."""
        petition_model = self.model.petitions.rel.related_model
        return (
            petition_model.objects.open()
            .about(self.values("pk"))
            # With its letter action (actions.LetterAction.petition), which the box links to.
            .select_related("letter_action")
            .with_counts()
            .featured_first()
            .for_language(language)
            .first()
        )

    def search(self, query: str):
        """Published profiles matching the query, best first, annotated with search_rank."""
        published = self.published()
        if connection.vendor == "postgresql":
            return published.matching_document(query).order_by("-search_rank", "name")
        return (
            published.filter(
                Q(name__icontains=query)
                | Q(summary__icontains=query)
                | Q(role__icontains=query)
                | Q(region__icontains=query)
                | Q(biography__icontains=query)
            )
            .annotate(search_rank=Value(1.0, output_field=FloatField()))
            .order_by("-search_rank", "name")
        )


class Prisoner(Content):
    class Status(models.TextChoices):
        PRE_TRIAL = "pre_trial", _("Pre-trial detention")
        SENTENCED = "sentenced", _("Sentenced")
        HOUSE_ARREST = "house_arrest", _("House arrest")
        RESTRICTED_FREEDOM = "restricted_freedom", _("Restricted freedom")
        RELEASED = "released", _("Released")
        EXILE = "exile", _("In exile")
        DIED_IN_CUSTODY = "died_in_custody", _("Died in custody")
        UNKNOWN = "unknown", _("Unknown")

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=200, unique=True)
    summary = models.CharField(
        _("summary"),
        max_length=300,
        blank=True,
        help_text=_("One line shown on lists and cards, e.g. “Human rights lawyer jailed for …”."),
    )
    biography = RichTextField(
        _("biography"),
        blank=True,
        help_text=format_lazy(
            "{} {}",
            _(
                "The case in full. Do not name relatives, home addresses or anything that "
                "could help the authorities put pressure on the family unless they agreed to it."
            ),
            VIDEO_HELP,
        ),
    )
    role = models.CharField(
        _("role"),
        max_length=100,
        blank=True,
        help_text=_("Lawyer, trade unionist, journalist, poet…"),
    )
    region = models.CharField(
        _("region"),
        max_length=100,
        blank=True,
        help_text=_(
            "Region of the case, spelled the same way on every profile so the filter groups "
            "them (e.g. “Mangystau”)."
        ),
    )
    status = models.CharField(
        _("status"), max_length=30, choices=Status.choices, default=Status.UNKNOWN
    )
    is_urgent = models.BooleanField(
        _("urgent"),
        default=False,
        help_text=_("Urgent cases come first on lists and appear on the home page."),
    )
    # The photo, shown only with consent (public_photo).
    lead_image = lead_image_field(
        "prisoners",
        _("photo"),
        help_text=_(
            "Shown only when “consent to publish” is ticked. A recognisable photo can expose "
            "the person and their family to reprisals."
        ),
    )
    lead_image_alt = models.CharField(
        _("photo description"),
        max_length=250,
        blank=True,
        help_text=_("What the photo shows, for people who cannot see it. Required with a photo."),
    )
    photo_consent = models.BooleanField(
        _("consent to publish the photo"),
        default=False,
        help_text=_(
            "Tick only when the person or their family agreed that this photo may be "
            "published. Until then the photo stays hidden from the public site."
        ),
    )
    letters_address = models.TextField(
        _("address for letters"),
        blank=True,
        help_text=_(
            "The prison address for letters of support. Published only when “safe to publish” "
            "is ticked; a wrong or outdated address can put the prisoner at risk."
        ),
    )
    address_safe_to_publish = models.BooleanField(
        _("address safe to publish"),
        default=False,
        help_text=_(
            "Tick only after checking with the family or lawyers that letters to this address "
            "will help rather than harm. Until then the address stays hidden."
        ),
    )

    lead_image_alt_required = _("Describe the photo for people who cannot see it.")

    search_document = search_document_field()
    search_weights = {"A": ("name",), "B": ("summary", "role", "region"), "C": ("biography",)}

    objects = PrisonerQuerySet.as_manager()

    class Meta(Content.Meta):
        ordering = ["name"]
        verbose_name = _("prisoner")
        # The tables keep the names they had when profiles lived in the project package, so
        # databases from then keep every row.
        db_table = "campaign_prisoner"
        verbose_name_plural = _("prisoners")
        indexes = [
            # The prisoner list and the home page's urgent cases, in their display order.
            models.Index(
                fields=["-is_urgent", "name", "id"],
                condition=Q(publication=Publication.PUBLISHED),
                name="prisoner_listing_idx",
            ),
        ]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.biography = clean_html(self.biography)
        super().save(*args, **kwargs)
        type(self).objects.filter(pk=self.pk).refresh_search_documents()

    def get_absolute_url(self):
        return reverse("prisoners:detail", kwargs={"slug": self.slug})

    def in_language(self, language: str) -> "Prisoner":
        """This profile's published version in ``language`` (itself when there is none)."""
        if self.language == language:
            return self
        versions = Prisoner.objects.published().in_group_of(self).defer("search_document")
        return versions.filter(language=language).first() or self

    @property
    def public_photo(self):
        """The photo, or nothing when no one consented to its publication."""
        return self.lead_image if self.photo_consent and self.lead_image else None

    @property
    def has_known_status(self) -> bool:
        """Whether the status is known: an unknown one is not shown at all (an "Unknown"
        badge says nothing and reads as if the campaign lost track of the person)."""
        return self.status != self.Status.UNKNOWN

    @property
    def initials(self) -> str:
        """What a card shows in place of a photo nobody consented to: "Vadim Kuramshin" → "VK"."""
        words = self.name.split()
        return "".join(word[0] for word in words[:1] + words[1:][-1:]).upper()

    @property
    def public_letters_address(self) -> str:
        return self.letters_address if self.address_safe_to_publish else ""

    def _dated_detentions(self):
        # .all() uses the prefetched detentions when there are some, so lists cost no query
        # per prisoner.
        return [d for d in self.detentions.all() if d.detained_on]

    def days_behind_bars(self, today: datetime.date | None = None) -> int | None:
        """Days spent in detention, open detentions counted to today in the site's time
        zone; None when no detention has a known start date."""
        detentions = self._dated_detentions()
        if not detentions:
            return None
        today = today or timezone.localdate()
        return sum(detention.days(today) for detention in detentions)

    def is_held(self) -> bool:
        return any(d.released_on is None for d in self._dated_detentions())

    def days_behind_bars_text(self, today: datetime.date | None = None) -> str:
        """“Held for 1,234 days” while held, “Spent N days in detention” once released,
        and nothing when no date is known or no whole day has passed yet."""
        days = self.days_behind_bars(today)
        if not days:
            return ""
        count = number_format(days, force_grouping=True)
        if self.is_held():
            return ngettext("Held for %(count)s day", "Held for %(count)s days", days) % {
                "count": count
            }
        return ngettext(
            "Spent %(count)s day in detention", "Spent %(count)s days in detention", days
        ) % {"count": count}

    days_behind_bars_text.short_description = _("days behind bars")

    @property
    def search_snippet(self) -> str:
        return self.summary


class Detention(models.Model):
    prisoner = models.ForeignKey(
        Prisoner, on_delete=models.CASCADE, related_name="detentions", verbose_name=_("prisoner")
    )
    detained_on = models.DateField(
        _("detained on"), null=True, blank=True, help_text=_("Leave blank when not known.")
    )
    released_on = models.DateField(
        _("released on"), null=True, blank=True, help_text=_("Leave blank while still held.")
    )
    place = models.CharField(
        _("place of detention"),
        max_length=200,
        blank=True,
        help_text=_("The prison or detention centre, as publicly known."),
    )
    sentence_text = models.CharField(
        _("sentence"),
        max_length=300,
        blank=True,
        help_text=_("As the court gave it, e.g. “7 years in a general-regime colony”."),
    )
    sentence_months = models.PositiveIntegerField(
        _("sentence length in months"), null=True, blank=True
    )

    class Meta:
        ordering = ["detained_on", "pk"]
        verbose_name = _("detention")
        db_table = "campaign_detention"
        verbose_name_plural = _("detentions")
        constraints = [
            models.CheckConstraint(
                condition=Q(released_on__isnull=True)
                | Q(detained_on__isnull=True)
                | Q(released_on__gte=F("detained_on")),
                name="detention_released_after_detained",
                violation_error_message=_("The release date cannot be before the detention."),
            ),
        ]

    def __str__(self):
        if self.detained_on:
            return _("%(prisoner)s, detained %(date)s") % {
                "prisoner": self.prisoner,
                "date": self.detained_on.isoformat(),
            }
        return _("%(prisoner)s, detention (date unknown)") % {"prisoner": self.prisoner}

    def clean(self):
        super().clean()
        # Release before detention needs no check here: full_clean validates the constraint.
        today = timezone.localdate()
        errors = {}
        if self.detained_on and self.detained_on > today:
            errors["detained_on"] = _("The detention date cannot be in the future.")
        if self.released_on and self.released_on > today:
            errors["released_on"] = _(
                "The release date cannot be in the future: leave it blank while the person "
                "is still held."
            )
        if errors:
            raise ValidationError(errors)

    def days(self, today: datetime.date) -> int:
        if not self.detained_on:
            return 0
        end = self.released_on or today
        return max(0, (end - self.detained_on).days)


class Charge(models.Model):
    detention = models.ForeignKey(
        Detention, on_delete=models.CASCADE, related_name="charges", verbose_name=_("detention")
    )
    article = models.CharField(
        _("article of the criminal code"), max_length=20, help_text=_("e.g. “164”.")
    )
    part = models.CharField(_("part"), max_length=20, blank=True, help_text=_("e.g. “3”."))
    description = models.CharField(
        _("description"),
        max_length=300,
        blank=True,
        help_text=_("In plain words, e.g. “inciting social discord”."),
    )

    class Meta:
        ordering = ["article", "part", "pk"]
        verbose_name = _("charge")
        db_table = "campaign_charge"
        verbose_name_plural = _("charges")

    def __str__(self):
        return self.label

    def clean(self):
        super().clean()
        # The prisoner's admin page writes each charge as a line, "174(1) inciting social
        # discord", and reads it back: that needs an article that starts with its number and
        # has no spaces or brackets, and a part without brackets.
        errors = {}
        if self.article and not re.fullmatch(r"\d[^\s()]*", self.article):
            errors["article"] = _(
                "Write the article as its number, without spaces or brackets, e.g. “174” or "
                "“405-1”."
            )
        if "(" in self.part or ")" in self.part:
            errors["part"] = _("Write the part without brackets, e.g. “3”.")
        if errors:
            raise ValidationError(errors)

    @property
    def label(self) -> str:
        if self.part:
            return _("Article %(article)s part %(part)s") % {
                "article": self.article,
                "part": self.part,
            }
        return _("Article %(article)s") % {"article": self.article}


class TimelineEvent(models.Model):
    class Kind(models.TextChoices):
        ARREST = "arrest", _("Arrest")
        TRIAL = "trial", _("Trial")
        VERDICT = "verdict", _("Verdict")
        APPEAL = "appeal", _("Appeal")
        TRANSFER = "transfer", _("Transfer")
        RELEASE = "release", _("Release")
        CAMPAIGN_ACTION = "campaign_action", _("Campaign action")

    prisoner = models.ForeignKey(
        Prisoner,
        on_delete=models.CASCADE,
        related_name="timeline_events",
        verbose_name=_("prisoner"),
    )
    date = models.DateField(_("date"))
    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices)
    description = models.CharField(_("description"), max_length=500)
    article = models.ForeignKey(
        "articles.Article",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("article"),
        help_text=_("Optional: the news article that tells more about this event."),
    )
    notify_followers = models.BooleanField(
        _("email the case's followers"),
        default=False,
        help_text=_(
            "Sends this event by email, once, to everyone who confirmed they follow the case, "
            "when you save a published profile. Use it for news that matters: an arrest, a "
            "verdict, a release."
        ),
    )
    followers_notified_at = models.DateTimeField(
        _("followers emailed at"), null=True, blank=True, editable=False
    )

    class Meta:
        ordering = ["-date", "-pk"]
        verbose_name = _("timeline event")
        db_table = "campaign_timelineevent"
        verbose_name_plural = _("timeline events")

    def __str__(self):
        return f"{self.date.isoformat()} {self.get_kind_display()}"

    @property
    def public_article(self):
        """The linked article only while the public can read it: a link to a draft would 404."""
        if self.article is not None and self.article.is_public:
            return self.article
        return None


# The secret in a follower's confirm link (only its hash is kept, see core.tokens).
FOLLOWER_TOKENS = LinkTokens("prisoners.follower-token")


class FollowerQuerySet(models.QuerySet):
    def confirmed(self):
        return self.filter(confirmed_at__isnull=False)

    def unconfirmed(self):
        return self.filter(confirmed_at__isnull=True)


class Follower(models.Model):
    """Someone who asked for an email when a case has news, once they confirm from the link
    we send them. Kept for the profile a case's versions in every language share (the
    original): news of the case is news in every language."""

    prisoner = models.ForeignKey(
        Prisoner, on_delete=models.CASCADE, related_name="followers", verbose_name=_("prisoner")
    )
    email = models.EmailField(_("email as typed"), max_length=254)
    email_normalised = models.CharField(
        _("normalised email"),
        max_length=254,
        help_text=_("Lower case, +tags dropped, dots dropped for Gmail: one follower each."),
    )
    language = models.CharField(
        _("language"),
        max_length=7,
        choices=settings.LANGUAGES,
        default="en",
        help_text=_("The language the follower used: their emails are in it."),
    )
    created_at = models.DateTimeField(_("asked at"), default=timezone.now, db_index=True)
    confirmed_at = models.DateTimeField(_("confirmed at"), null=True, blank=True)
    token_hash = models.CharField(
        _("confirmation token hash"), max_length=64, null=True, blank=True, unique=True
    )
    email_count = models.PositiveSmallIntegerField(_("emails sent"), default=0)
    ip_hash = models.CharField(_("salted IP hash"), max_length=64, blank=True)

    objects = FollowerQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("follower")
        verbose_name_plural = _("followers")
        constraints = [
            models.UniqueConstraint(
                fields=["prisoner", "email_normalised"], name="one_follower_per_email_per_case"
            ),
        ]

    def __str__(self):
        # Never the address: this is what the admin's history keeps, for good.
        return gettext("Follower %(number)s of “%(prisoner)s”") % {
            "number": self.pk,
            "prisoner": self.prisoner,
        }
