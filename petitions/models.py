"""Petitions, their signatures, the signature counter and the embassy directory.

Counting: a viral petition gets thousands of confirmations an hour. Bumping one counter
column on the petition row makes every confirmation queue behind the same row lock (what
took the UK Parliament's petitions site down in 2019), so the count lives in
``SignatureCountSlot`` rows instead: ``SLOT_COUNT`` rows per petition, each confirmation adds
one to a *random* slot inside the confirming transaction (so the count can never disagree
with the committed rows), and readers sum the slots. Contention drops by the number of
slots, a read is one indexed SUM over a handful of rows, and ``manage.py recount_signatures``
compares the sums with the confirmed rows and repairs any difference.
"""

import random
import re
from html import unescape

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import FileExtensionValidator, RegexValidator
from django.db import connection, models
from django.db.models import F, FloatField, Q, Sum, Value
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.text import Truncator
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from core.countries import LocalizedCountries
from core.editor import VIDEO_HELP, RichTextField
from core.html import clean_html
from core.images import RenditionImageField, UploadTo, require_alt_text
from core.models import Content, ContentQuerySet, lead_image_field
from core.search import StoredSearchQuerySet, search_document_field

SLOT_COUNT = 16
_FIRST_PARAGRAPH = re.compile(r"\s*<p(?:\s[^>]*)?>(.*?)</p>\s*", re.DOTALL)


def _plain(html: str) -> str:
    return " ".join(unescape(strip_tags(html)).split())


class InvalidTransition(Exception):
    """A petition was asked to change to a status it cannot reach from its current one."""


def next_goal(count: int) -> int:
    """The automatic goal: the first of 100, 500, 1,000, 5,000, 10,000, … above the count."""
    base = 100
    while True:
        for step in (base, base * 5):
            if step > count:
                return step
        base *= 10


class PetitionQuerySet(StoredSearchQuerySet, ContentQuerySet):
    """``published()`` (from ``ContentQuerySet``) is whether the page is public; ``open()``
    and ``closed()`` are whether a public petition takes signatures."""

    def search(self, query: str):
        """Published petitions matching ``query`` (title, summary, full text), best first,
        annotated with ``search_rank``."""
        published = self.published()
        if connection.vendor == "postgresql":
            return published.matching_document(query).order_by(
                "-search_rank", "-published_at", "-pk"
            )
        return (
            published.filter(
                Q(title__icontains=query) | Q(summary__icontains=query) | Q(body__icontains=query)
            )
            .annotate(search_rank=Value(1.0, output_field=FloatField()))
            .order_by("-published_at", "-pk")
        )

    def open(self):
        now = timezone.now()
        return (
            self.published()
            .filter(status=Petition.Status.OPEN)
            .filter(Q(closes_at__isnull=True) | Q(closes_at__gt=now))
        )

    def with_counts(self):
        """Annotate ``confirmed_count`` in the same query (no query per petition)."""
        # A translation shows its original's count: signatures are recorded against it.
        slots = (
            SignatureCountSlot.objects.filter(
                petition=Coalesce(models.OuterRef("translation_of"), models.OuterRef("pk"))
            )
            .order_by()
            .values("petition")
            .annotate(total=Sum("count"))
            .values("total")
        )
        return self.annotate(
            confirmed_count=Coalesce(
                models.Subquery(slots), 0, output_field=models.BigIntegerField()
            )
        )

    def about(self, prisoners):
        """Petitions about any of ``prisoners`` (a QuerySet of them); a translation counts
        through its original, which is where editors link the prisoners."""
        linked = Petition.prisoners.through.objects.filter(prisoner__in=prisoners).values(
            "petition"
        )
        return self.filter(Q(pk__in=linked) | Q(translation_of__in=linked))

    def featured_first(self):
        """The petition a front page should show first: featured ones, then the newest."""
        return self.order_by("-featured", "-pk")

    def others_to_sign(self, petition, language: str, limit: int = 3):
        """Open petitions other than ``petition`` (in any of its languages), for readers of
        ``language``, with their counts: what a closed petition's page offers instead."""
        return (
            self.open()
            .exclude(pk=petition.counted_petition_id)
            .exclude(translation_of=petition.counted_petition_id)
            .featured_first()
            .for_language(language)
            .with_counts()
            .defer("search_document")[:limit]
        )

    def with_outcomes(self):
        """With ``outcome_events``: each petition's outcomes, in date order (one query for
        them all; ``latest_outcome`` picks the last)."""
        outcomes = PetitionEvent.objects.filter(kind=PetitionEvent.Kind.OUTCOME).public_fields()
        return self.prefetch_related(
            models.Prefetch("events", queryset=outcomes, to_attr="outcome_events")
        )

    def for_listing(self):
        """Open petitions first (newest first), then closed ones."""
        now = timezone.now()
        return (
            self.published()
            .with_counts()
            .annotate(
                is_open_now=models.Case(
                    models.When(
                        Q(status=Petition.Status.OPEN)
                        & (Q(closes_at__isnull=True) | Q(closes_at__gt=now)),
                        then=models.Value(True),
                    ),
                    default=models.Value(False),
                    output_field=models.BooleanField(),
                )
            )
            .order_by("-is_open_now", "-featured", "-pk")
        )

    def closed_before(self, cutoff):
        """Petitions that stopped taking signatures before ``cutoff``.

        A closed petition without ``closed_at`` (closed outside ``close()``: imported, or
        set in the database) counts as closed long ago. Its signers' data is then kept no
        longer than the retention period promises; the other choice would keep it forever.
        """
        return self.filter(
            Q(status=Petition.Status.CLOSED) & (Q(closed_at__lt=cutoff) | Q(closed_at__isnull=True))
            | Q(closes_at__lt=cutoff)
        )


class Petition(Content):
    class Status(models.TextChoices):
        """Whether the petition takes signatures; whether its page is public is its
        ``publication``. A published open petition takes them from its publication date."""

        OPEN = "open", _("Open")
        CLOSED = "closed", _("Closed")

    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=200, unique=True)
    target = models.CharField(
        _("addressed to"), max_length=200, blank=True, help_text=_("Whom the petition addresses.")
    )
    summary = models.TextField(_("summary"), max_length=500, blank=True)
    body = RichTextField(_("full text"), blank=True, help_text=VIDEO_HELP)
    lead_image = lead_image_field("petitions", _("image"))
    lead_image_alt = models.CharField(_("image description"), max_length=250, blank=True)
    goal = models.PositiveIntegerField(
        _("goal"),
        null=True,
        blank=True,
        help_text=_("Leave empty to step up automatically: 100, 500, 1,000, 5,000, 10,000, …"),
    )
    status = models.CharField(
        _("signing"),
        max_length=20,
        choices=Status.choices,
        default=Status.OPEN,
        help_text=_(
            "An open petition takes signatures once it is published; the list's actions "
            "close it or open it again."
        ),
    )
    closes_at = models.DateTimeField(_("closes at"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True, editable=False)
    thank_you_message = models.TextField(_("thank-you message"), blank=True)
    featured = models.BooleanField(_("featured"), default=False)
    signing_paused = models.BooleanField(
        _("signing paused"),
        default=False,
        help_text=_("Stops new signatures on this petition at once; the page stays up."),
    )
    letter_subject = models.CharField(_("model letter subject"), max_length=200, blank=True)
    letter_body = models.TextField(
        _("model letter"),
        blank=True,
        help_text=_(
            "Plain text, greeting included (“Dear Ambassador,”), in the petition's language: "
            "supporters send it as it is."
        ),
    )
    prisoners = models.ManyToManyField(
        "prisoners.Prisoner", blank=True, related_name="petitions", verbose_name=_("prisoners")
    )

    # Kept up to date by save() on PostgreSQL; unused (empty) on SQLite.
    search_document = search_document_field()
    search_weights = {"A": ("title",), "B": ("summary",), "C": ("body",)}

    lead_image_alt_required = _("Describe the image for people who cannot see it.")

    objects = PetitionQuerySet.as_manager()

    class Meta(Content.Meta):
        ordering = ["-pk"]
        verbose_name = _("petition")
        verbose_name_plural = _("petitions")

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        self.body = clean_html(self.body)
        creating = self._state.adding
        super().save(*args, **kwargs)
        type(self).objects.filter(pk=self.pk).refresh_search_documents()
        if creating:
            SignatureCountSlot.objects.bulk_create(
                [SignatureCountSlot(petition=self, slot=slot) for slot in range(SLOT_COUNT)],
                ignore_conflicts=True,
            )

    @property
    def body_after_summary(self) -> str:
        """The full text without a first paragraph that only repeats the summary, which the
        page already shows above it (editors often paste the summary as the opening)."""
        opening = _FIRST_PARAGRAPH.match(self.body)
        if opening and self.summary and _plain(opening[1]) == _plain(self.summary):
            return self.body[opening.end() :]
        return self.body

    @property
    def search_snippet(self) -> str:
        return self.summary or Truncator(strip_tags(self.body)).words(30)

    def get_absolute_url(self):
        return reverse("petitions:detail", kwargs={"slug": self.slug})

    def clean(self):
        super().clean()
        if (
            self.closes_at is not None
            and self.published_at is not None
            and self.closes_at <= self.published_at
        ):
            raise ValidationError(
                {"closes_at": _("A petition must close after its publication date.")}
            )
        if self.translation_of_id is not None and self.pk is not None:
            # A translation's count is its original's: its own rows would stop counting.
            if self.signatures.exists():
                raise ValidationError(
                    {
                        "translation_of": _(
                            "This petition already has signatures of its own, which would "
                            "drop out of the count if it became a translation. Make a new "
                            "petition for the translation instead."
                        )
                    }
                )
            if self.translations.exists():
                raise ValidationError(
                    {
                        "translation_of": _(
                            "Other petitions are translations of this one, so it cannot be a "
                            "translation itself."
                        )
                    }
                )

    @property
    def is_open(self) -> bool:
        """Taking signatures: public, open and not past its closing date."""
        return (
            self.status == self.Status.OPEN
            and self.is_public
            and (self.closes_at is None or self.closes_at > timezone.now())
        )

    @property
    def is_closed(self) -> bool:
        return self.status == self.Status.CLOSED or (
            self.closes_at is not None and self.closes_at <= timezone.now()
        )

    @property
    def current_status(self) -> str:
        """The status visitors see: an open petition past its closing date is closed."""
        if self.status == self.Status.OPEN and self.is_closed:
            return self.Status.CLOSED
        return self.status

    @property
    def days_to_close(self) -> int | None:
        """Calendar days (in the site's time zone) from today to the closing date of a
        petition still open: 0 on its last day; None without a closing date or once closed."""
        if self.closes_at is None or self.is_closed:
            return None
        return (timezone.localdate(self.closes_at) - timezone.localdate()).days

    @property
    def closed_on(self):
        """When a closed petition stopped taking signatures, if known."""
        if self.status == self.Status.CLOSED:
            return self.closed_at
        return self.closes_at if self.is_closed else None

    def open(self) -> None:
        """Take signatures again after an editor closed the petition (a new petition is
        open from the start: it takes signatures once its page is published)."""
        if self.status != self.Status.CLOSED:
            raise InvalidTransition(gettext("Only a closed petition can be opened again."))
        self.status = self.Status.OPEN
        self.closed_at = None
        self.save(update_fields=["status", "closed_at"])

    def close(self) -> None:
        if self.status != self.Status.OPEN:
            raise InvalidTransition(gettext("Only an open petition can be closed."))
        self.status = self.Status.CLOSED
        self.closed_at = timezone.now()
        self.save(update_fields=["status", "closed_at"])

    @property
    def signature_count(self) -> int:
        annotated = getattr(self, "confirmed_count", None)
        if annotated is not None:
            return annotated
        return SignatureCountSlot.objects.filter(petition_id=self.counted_petition_id).aggregate(
            total=Coalesce(Sum("count"), 0)
        )["total"]

    @property
    def counted_petition_id(self) -> int:
        """The petition whose signatures and count this one shares: translations of a
        petition are one petition in several languages, so they share the original's."""
        return self.translation_of_id or self.pk

    def in_language(self, language: str) -> "Petition":
        """This petition's published version in ``language`` (itself when there is none)."""
        if self.language == language:
            return self
        return (
            Petition.objects.published().in_group_of(self).filter(language=language).first() or self
        )

    def goal_for(self, count: int) -> int:
        if self.goal and self.goal > 0:
            return self.goal
        return next_goal(count)


DOCUMENT_MAX_BYTES = 20 * 1024 * 1024


def validate_pdf(file) -> None:
    """Only PDF files that are PDF inside: the site serves uploads from its own address, so a
    page or script passed off as a document must never get there."""
    if file.size > DOCUMENT_MAX_BYTES:
        raise ValidationError(
            _("This file is %(size)s MB; documents may be at most %(limit)s MB."),
            code="document_too_large",
            params={
                "size": f"{file.size / 1_048_576:.1f}",
                "limit": f"{DOCUMENT_MAX_BYTES / 1_048_576:g}",
            },
        )
    position = file.tell()
    file.seek(0)
    start = file.read(5)
    file.seek(position)
    if start != b"%PDF-":
        raise ValidationError(
            _("This file is not a PDF. Upload the reply as a PDF document."), code="not_pdf"
        )


class PetitionEventQuerySet(models.QuerySet):
    def public_fields(self):
        """Only what open data publishes of an event (``petitions.open_data``)."""
        return self.only("petition_id", "kind", "date", "counterpart", "summary", "document")


class PetitionEvent(models.Model):
    """What happened to a petition after signing: its delivery, a reply, the outcome. The
    petition's page shows them, dated, at the top."""

    class Kind(models.TextChoices):
        DELIVERED = "delivered", _("Delivered")
        RESPONSE = "response", _("Response received")
        OUTCOME = "outcome", _("Outcome")

    petition = models.ForeignKey(
        Petition, on_delete=models.CASCADE, related_name="events", verbose_name=_("petition")
    )
    kind = models.CharField(_("what happened"), max_length=20, choices=Kind.choices)
    date = models.DateField(_("date"))
    counterpart = models.CharField(
        _("to or from whom"),
        max_length=200,
        blank=True,
        help_text=_(
            "Whom the petition was delivered to, or who replied, e.g. “Embassy of "
            "Kazakhstan in Berlin”."
        ),
    )
    summary = models.CharField(
        _("summary"),
        max_length=300,
        help_text=_(
            "One line, shown in bold: for an outcome what became of the case, e.g. "
            "“Released”, “Charges dropped”, “No change”."
        ),
    )
    text = RichTextField(
        _("text"), blank=True, help_text=_("Optional: more about it, or the reply's own words.")
    )
    photo = RenditionImageField(
        _("photo"),
        upload_to=UploadTo("petition-events"),
        width_field="photo_width",
        height_field="photo_height",
        blank=True,
    )
    photo_width = models.PositiveIntegerField(null=True, blank=True, editable=False)
    photo_height = models.PositiveIntegerField(null=True, blank=True, editable=False)
    photo_alt = models.CharField(
        _("photo description"),
        max_length=250,
        blank=True,
        help_text=_("What the photo shows, for people who cannot see it. Required with a photo."),
    )
    document = models.FileField(
        _("document (PDF)"),
        upload_to=UploadTo("petition-documents"),
        max_length=255,
        blank=True,
        validators=[FileExtensionValidator(["pdf"]), validate_pdf],
        help_text=_("Optional: the reply as a PDF, which visitors can open."),
    )

    objects = PetitionEventQuerySet.as_manager()

    class Meta:
        ordering = ["date", "pk"]
        verbose_name = _("delivery, response or outcome")
        verbose_name_plural = _("deliveries, responses and outcomes")

    def __str__(self):
        return f"{self.date.isoformat()} {self.get_kind_display()}"

    def save(self, *args, **kwargs):
        self.text = clean_html(self.text)
        super().save(*args, **kwargs)

    def clean(self):
        super().clean()
        require_alt_text(
            self.photo,
            self.photo_alt,
            alt_field="photo_alt",
            message=_("Describe the photo for people who cannot see it."),
        )

    @property
    def is_outcome(self) -> bool:
        return self.kind == self.Kind.OUTCOME


def latest_outcome(events: list[PetitionEvent]) -> PetitionEvent | None:
    """The last outcome among a petition's ``events`` (in their date order), if any."""
    return next((event for event in reversed(events) if event.is_outcome), None)


class SignatureCountSlot(models.Model):
    """One of ``SLOT_COUNT`` partial counts of a petition's confirmed signatures (see the
    module docstring). A slot may go below zero after withdrawals; only the sum means anything."""

    petition = models.ForeignKey(Petition, on_delete=models.CASCADE, related_name="count_slots")
    slot = models.PositiveSmallIntegerField()
    count = models.BigIntegerField(default=0)

    class Meta:
        verbose_name = _("signature count slot")
        verbose_name_plural = _("signature count slots")
        ordering = ["petition", "slot"]
        constraints = [
            models.UniqueConstraint(fields=["petition", "slot"], name="one_count_per_slot"),
        ]

    def __str__(self):
        return f"{self.petition_id}/{self.slot}: {self.count}"

    @classmethod
    def add(cls, petition_id: int, delta: int) -> None:
        """Add ``delta`` to a random slot; call inside the transaction that changes the rows."""
        slot = random.randrange(SLOT_COUNT)
        updated = cls.objects.filter(petition_id=petition_id, slot=slot).update(
            count=F("count") + delta
        )
        if not updated:
            cls.objects.bulk_create(
                [cls(petition_id=petition_id, slot=s) for s in range(SLOT_COUNT)],
                ignore_conflicts=True,
            )
            cls.objects.filter(petition_id=petition_id, slot=slot).update(count=F("count") + delta)


class SignatureQuerySet(models.QuerySet):
    def confirmed(self):
        return self.filter(state=Signature.State.CONFIRMED)

    def pending(self):
        return self.filter(state=Signature.State.PENDING)

    def unconfirmed(self):
        return self.exclude(state=Signature.State.CONFIRMED)

    def countries_by_signers(self):
        """(country code, signatures) for each country present, most signatures first."""
        return (
            self.order_by()
            .values_list("country")
            .annotate(signatures=models.Count("pk"))
            .order_by("-signatures", "country")
        )

    def by_country(self, petition):
        """(country code, confirmed signatures) of ``petition`` in all its languages, most
        signatures first: one GROUP BY. Unfiltered: pages publish it through
        ``core.country_counts.publishable``."""
        return (
            self.confirmed().filter(petition_id=petition.counted_petition_id).countries_by_signers()
        )

    def petitions_by_signers(self):
        """(petition id, title, signatures) for each petition signed, most signatures first."""
        return (
            self.order_by()
            .values_list("petition_id", "petition__title")
            .annotate(signatures=models.Count("pk"))
            .order_by("-signatures", "petition__title")
        )

    def public_signers(self, petition, limit: int = 10):
        """The latest confirmed signers who chose to show their name (name and country only)."""
        return (
            self.confirmed()
            .filter(petition_id=petition.counted_petition_id, show_name=True)
            .exclude(name="")
            .order_by("-confirmed_at", "-pk")
            .only("name", "country", "confirmed_at")[:limit]
        )

    def on_wall(self):
        """Messages the public may read, newest first: confirmed signatures whose signer
        asked to publish their comment and a moderator approved it (an anonymised one has
        neither). Only what the wall shows is loaded."""
        return (
            self.confirmed()
            .filter(
                publish_comment=True,
                comment_review=Signature.CommentReview.APPROVED,
                anonymised_at__isnull=True,
            )
            .exclude(comment="")
            .order_by("-confirmed_at", "-pk")
            .only("name", "country", "comment", "confirmed_at")
        )

    def with_message_to_review(self):
        """Signatures whose signer asked to publish a comment: the moderators' queue."""
        return self.filter(publish_comment=True).exclude(comment="")


class Signature(models.Model):
    class State(models.TextChoices):
        PENDING = "pending", _("Waiting for email confirmation")
        CONFIRMED = "confirmed", _("Confirmed")
        HELD = "held", _("Held for review")
        INVALIDATED = "invalidated", _("Invalidated")

    class CommentReview(models.TextChoices):
        """A moderator's decision on a comment its signer asked to publish."""

        PENDING = "pending", _("Waiting for a moderator")
        APPROVED = "approved", _("Approved")
        REJECTED = "rejected", _("Rejected")

    petition = models.ForeignKey(
        Petition, on_delete=models.CASCADE, related_name="signatures", verbose_name=_("petition")
    )
    name = models.CharField(_("full name"), max_length=100)
    email = models.EmailField(_("email as typed"), max_length=254)
    email_normalised = models.CharField(
        _("normalised email"),
        max_length=254,
        help_text=_("Lower case, +tags dropped, dots dropped for Gmail: one signature each."),
    )
    country = CountryField(_("country"), countries=LocalizedCountries)
    city = models.CharField(_("city"), max_length=100, blank=True)
    comment = models.TextField(_("comment"), max_length=500, blank=True)
    publish_comment = models.BooleanField(
        _("asked to publish the comment"),
        default=False,
        help_text=_(
            "The signer ticked “publish my message”: once a moderator approves it, the "
            "comment is shown with their first name, initial and country."
        ),
    )
    comment_review = models.CharField(
        _("message moderation"),
        max_length=20,
        choices=CommentReview.choices,
        default=CommentReview.PENDING,
    )
    comment_reviewed_at = models.DateTimeField(_("message moderated at"), null=True, blank=True)
    comment_reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("message moderated by"),
    )
    show_name = models.BooleanField(_("show my name on the petition"), default=False)
    contact_consent = models.BooleanField(_("agreed to campaign news"), default=False)
    contact_consent_at = models.DateTimeField(_("news consent given at"), null=True, blank=True)
    contact_consent_wording = models.CharField(
        _("news consent wording version"), max_length=20, blank=True
    )
    state = models.CharField(
        _("state"), max_length=20, choices=State.choices, default=State.PENDING, db_index=True
    )
    created_at = models.DateTimeField(_("signed at"), default=timezone.now, db_index=True)
    confirmed_at = models.DateTimeField(_("confirmed at"), null=True, blank=True)
    ip_hash = models.CharField(_("salted IP hash"), max_length=64, blank=True)
    token_hash = models.CharField(
        _("confirmation token hash"), max_length=64, null=True, blank=True, unique=True
    )
    email_count = models.PositiveSmallIntegerField(_("emails sent"), default=0)
    anonymised_at = models.DateTimeField(_("anonymised at"), null=True, blank=True)
    language = models.CharField(
        _("language"),
        max_length=7,
        choices=settings.LANGUAGES,
        default="en",
        help_text=_("The language the signer used: their emails and links are in it."),
    )

    objects = SignatureQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("signature")
        verbose_name_plural = _("signatures")
        constraints = [
            # Anonymised signatures keep their row (and count) but no email.
            models.UniqueConstraint(
                fields=["petition", "email_normalised"],
                condition=~Q(email_normalised=""),
                name="one_signature_per_email_per_petition",
            ),
            models.CheckConstraint(
                condition=~Q(state="confirmed") | Q(confirmed_at__isnull=False),
                name="confirmed_signature_has_confirmed_at",
            ),
            # Nothing is approved that its signer did not ask to publish (or that retention
            # has blanked since).
            models.CheckConstraint(
                condition=~Q(comment_review="approved")
                | (Q(publish_comment=True) & ~Q(comment="")),
                name="approved_message_was_offered",
            ),
        ]
        permissions = [
            ("export_signatures", _("Can export signatures and contacts as CSV")),
            ("moderate_signature", _("Can release, reject or hide signatures")),
        ]
        indexes = [
            models.Index(
                fields=["petition", "-confirmed_at"],
                condition=Q(state="confirmed", show_name=True),
                name="petition_public_signers",
            ),
            models.Index(
                fields=["petition", "-confirmed_at"],
                condition=Q(state="confirmed", publish_comment=True, comment_review="approved"),
                name="petition_wall_messages",
            ),
        ]

    def __str__(self):
        # Never the signer's name: this is what the admin's history keeps, for good.
        return gettext("Signature %(number)s on “%(petition)s”") % {
            "number": self.pk,
            "petition": self.petition,
        }

    @property
    def public_name(self) -> str:
        """First name and the initial of the last name: 'Anna K.'."""
        parts = self.name.split()
        if not parts:
            return ""
        if len(parts) == 1:
            return parts[0]
        return f"{parts[0]} {parts[-1][0]}."


class WallMessage(Signature):
    """A signature seen as the message its signer asked to publish: what moderators approve
    or reject for the solidarity wall (its own admin and permissions, so moderating
    messages is a right of its own)."""

    class Meta:
        proxy = True
        ordering = ["-created_at", "-pk"]
        verbose_name = _("solidarity message")
        verbose_name_plural = _("solidarity messages")
        permissions = [
            ("moderate_wallmessage", _("Can approve or reject messages for the solidarity wall")),
        ]

    def __str__(self):
        # Never the signer's name, as for signatures: this is what the history keeps.
        return gettext("Message of signature %(number)s") % {"number": self.pk}


class Embassy(models.Model):
    """A Kazakhstan embassy that supporters in ``country`` write to."""

    country = CountryField(_("country"), countries=LocalizedCountries, unique=True)
    name = models.CharField(_("name"), max_length=200)
    email = models.EmailField(_("email"))
    postal_address = models.TextField(_("postal address"), blank=True)
    source_url = models.URLField(_("source"), blank=True)
    last_verified = models.DateField(_("last verified"), null=True, blank=True)
    is_example = models.BooleanField(
        _("example only"),
        default=False,
        help_text=_("Demo data: the address is not real. Shown with a warning."),
    )

    class Meta:
        ordering = ["country"]
        verbose_name = _("embassy")
        verbose_name_plural = _("embassies")

    def __str__(self):
        return f"{self.name} ({self.country.name})"


class BlockedEmailDomainQuerySet(models.QuerySet):
    def matching(self, domain: str):
        """Entries that block ``domain``: the domain itself or any domain it belongs to."""
        labels = domain.lower().split(".")
        return self.filter(domain__in=[".".join(labels[i:]) for i in range(len(labels))])


class BlockedEmailDomain(models.Model):
    """An email domain whose petition signatures wait for a moderator instead of getting
    their confirmation email (the signer sees the usual page)."""

    domain = models.CharField(
        _("domain"),
        max_length=253,
        unique=True,
        validators=[
            RegexValidator(
                r"^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$",
                _("Enter a domain such as spam.example, without @ or https://."),
            )
        ],
        help_text=_(
            "Signatures from this domain and its subdomains (e.g. spam.example also blocks "
            "mail.spam.example) are held for review; the signer sees the usual page."
        ),
    )
    reason = models.CharField(_("reason"), max_length=200, blank=True)
    created_at = models.DateTimeField(_("added"), auto_now_add=True)

    objects = BlockedEmailDomainQuerySet.as_manager()

    class Meta:
        ordering = ["domain"]
        verbose_name = _("blocked email domain")
        verbose_name_plural = _("blocked email domains")

    def __str__(self):
        return self.domain


class PetitionSettings(models.Model):
    """Site-wide switches editors change in the admin without a deploy: kept in the database
    (one row) so the kill switch takes effect on the very next request in every worker."""

    signing_paused = models.BooleanField(
        _("pause signing on every petition"),
        default=False,
        help_text=_("A kill switch: no petition accepts signatures while this is on."),
    )
    fallback_embassy_name = models.CharField(
        _("fallback recipient"),
        max_length=200,
        blank=True,
        help_text=_("Whom the letter goes to when a country has no embassy in the directory."),
    )
    fallback_embassy_email = models.EmailField(_("fallback email"), blank=True)

    class Meta:
        verbose_name = _("petition settings")
        verbose_name_plural = _("petition settings")
        constraints = [
            models.CheckConstraint(condition=Q(pk=1), name="petition_settings_singleton"),
        ]

    def __str__(self):
        return str(_("Petition settings"))

    def save(self, *args, **kwargs):
        self.pk = 1
        super().save(*args, **kwargs)

    @classmethod
    def load(cls) -> "PetitionSettings":
        return cls.objects.get_or_create(pk=1)[0]
