"""Mailings: an update written in the admin (or by an app) and sent to an audience an app
declares, one ``Delivery`` row per recipient, and the ``Suppression`` of addresses that
asked to hear no more or cannot be delivered to.

A delivery row is what makes sending safe to interrupt: a recipient is listed once (unique
per mailing and address hash), is claimed before the email goes out and marked after, so a
worker that dies or is restarted resumes where it stopped without writing to anyone twice.
A delivery keeps its address only until it is finished; after that only its hash is left.
"""

from django.conf import settings
from django.db import models
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

UNSUBSCRIBE_ALL = "all"


class InvalidMailingTransition(Exception):
    """A mailing was asked to change to a status it cannot reach from its current one."""


def mailing_scope(audience: str, scope_id: int | None) -> str:
    """The unsubscribe scope of a mailing: "<audience>:<scope id>", or the audience alone."""
    return audience if scope_id is None else f"{audience}:{scope_id}"


class Mailing(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SENDING = "sending", _("Sending")
        PAUSED = "paused", _("Paused")
        SENT = "sent", _("Sent")
        CANCELLED = "cancelled", _("Cancelled")

    audience = models.CharField(_("recipients"), max_length=100)
    scope_id = models.PositiveIntegerField(_("about"), null=True, blank=True)
    # What the admin called the recipients when the mailing was written ("Confirmed signers
    # of …"): kept, so the list still says it after a petition is renamed or deleted.
    recipients_label = models.CharField(_("recipients"), max_length=300, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("written by"),
    )
    created_at = models.DateTimeField(_("written at"), default=timezone.now)
    started_at = models.DateTimeField(_("sending started at"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    # Set once every recipient has a delivery row: from then on the list is fixed.
    recipients_listed_at = models.DateTimeField(null=True, blank=True, editable=False)
    # The worker sending it holds this lease, so two workers never send one mailing at once;
    # a worker that died lets it lapse and the next one resumes.
    lease_until = models.DateTimeField(null=True, blank=True, editable=False)
    # The deliveries' counts by status once the mailing is over: its results outlive the
    # delivery rows, which ``purge_deliveries`` deletes.
    results = models.JSONField(default=dict, blank=True, editable=False)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("mailing")
        verbose_name_plural = _("mailings")
        permissions = [("send_mailing", _("Can send, pause and cancel mailings"))]

    def __str__(self):
        return gettext("Mailing %(number)s") % {"number": self.pk}

    @property
    def scope(self) -> str:
        return mailing_scope(self.audience, self.scope_id)

    @property
    def is_editable(self) -> bool:
        return self.status == self.Status.DRAFT

    def _move(self, allowed_from, to) -> None:
        if self.status not in allowed_from:
            raise InvalidMailingTransition(f"mailing {self.pk}: {self.status} → {to}")
        self.status = to

    def start(self) -> None:
        self._move({self.Status.DRAFT, self.Status.PAUSED}, self.Status.SENDING)
        self.started_at = self.started_at or timezone.now()

    def pause(self) -> None:
        self._move({self.Status.SENDING}, self.Status.PAUSED)

    def cancel(self) -> None:
        self._move(
            {self.Status.DRAFT, self.Status.SENDING, self.Status.PAUSED}, self.Status.CANCELLED
        )
        self.finished_at = timezone.now()


class MailingMessage(models.Model):
    """The mailing in one language: recipients get the one in the language they used."""

    mailing = models.ForeignKey(
        Mailing, on_delete=models.CASCADE, related_name="messages", verbose_name=_("mailing")
    )
    language = models.CharField(_("language"), max_length=7, choices=settings.LANGUAGES)
    subject = models.CharField(_("subject"), max_length=200)
    body = models.TextField(
        _("text"),
        help_text=_(
            "Plain text. The greeting, the reason the reader gets this email and the "
            "unsubscribe link are added below it."
        ),
    )

    class Meta:
        ordering = ["mailing", "language"]
        verbose_name = _("message")
        verbose_name_plural = _("messages")
        constraints = [
            models.UniqueConstraint(
                fields=["mailing", "language"], name="one_message_per_mailing_language"
            )
        ]

    def __str__(self):
        return self.subject


class DeliveryQuerySet(models.QuerySet):
    def progress(self) -> dict[str, int]:
        """{status: deliveries} for every status, zeros included, in one query."""
        counts = dict(self.order_by().values_list("status").annotate(total=Count("pk")))
        return {status: counts.get(status, 0) for status in Delivery.Status.values}

    def due(self, now):
        return self.filter(status=Delivery.Status.PENDING, next_attempt_at__lte=now)


class Delivery(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting")
        SENDING = "sending", _("Being sent")
        SENT = "sent", _("Sent")
        BOUNCED = "bounced", _("Refused by the recipient's server")
        FAILED = "failed", _("Failed")
        SKIPPED = "skipped", _("Skipped: unsubscribed or undeliverable")
        CANCELLED = "cancelled", _("Not sent: the mailing was cancelled")

    mailing = models.ForeignKey(Mailing, on_delete=models.CASCADE, related_name="deliveries")
    # Blanked once the delivery is finished; the hash stays, to count and to deduplicate.
    email = models.EmailField(max_length=254, blank=True)
    name = models.CharField(max_length=100, blank=True)
    address_hash = models.CharField(max_length=64)
    language = models.CharField(max_length=7, choices=settings.LANGUAGES)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.PENDING)
    attempts = models.PositiveSmallIntegerField(default=0)
    next_attempt_at = models.DateTimeField(default=timezone.now)
    finished_at = models.DateTimeField(null=True, blank=True)
    # The mail server's reply code of the last refusal: never its words, which may quote
    # the address.
    reply_code = models.PositiveSmallIntegerField(null=True, blank=True)

    objects = DeliveryQuerySet.as_manager()

    class Meta:
        ordering = ["mailing", "pk"]
        verbose_name = _("delivery")
        verbose_name_plural = _("deliveries")
        constraints = [
            models.UniqueConstraint(
                fields=["mailing", "address_hash"], name="one_delivery_per_address_per_mailing"
            ),
            models.CheckConstraint(
                condition=Q(status__in=["pending", "sending"]) | Q(email=""),
                name="finished_delivery_keeps_no_address",
            ),
        ]
        indexes = [
            models.Index(
                fields=["mailing", "next_attempt_at"],
                condition=Q(status="pending"),
                name="delivery_due",
            ),
            models.Index(fields=["mailing", "status"], name="delivery_progress"),
        ]

    def __str__(self):
        return gettext("Delivery %(number)s") % {"number": self.pk}


class SuppressionQuerySet(models.QuerySet):
    def for_scope(self, scope: str):
        """Suppressions that stop a mailing of ``scope``: its own, and "all"."""
        return self.filter(scope__in=[UNSUBSCRIBE_ALL, scope])


class Suppression(models.Model):
    """An address (only its hash) that must get no more mailings of a scope: "all", or one
    audience and subject ("petitions.signers:12")."""

    class Reason(models.TextChoices):
        UNSUBSCRIBED = "unsubscribed", _("Unsubscribed")
        UNDELIVERABLE = "undeliverable", _("Undeliverable")

    address_hash = models.CharField(max_length=64)
    scope = models.CharField(max_length=200)
    reason = models.CharField(max_length=20, choices=Reason.choices)
    created_at = models.DateTimeField(default=timezone.now)
    # The mailing whose link or refusal recorded it, for that mailing's results.
    mailing = models.ForeignKey(
        Mailing, on_delete=models.SET_NULL, null=True, blank=True, related_name="suppressions"
    )

    objects = SuppressionQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("suppressed address")
        verbose_name_plural = _("suppressed addresses")
        constraints = [
            models.UniqueConstraint(
                fields=["address_hash", "scope"], name="one_suppression_per_address_scope"
            )
        ]

    def __str__(self):
        return gettext("Suppression %(number)s") % {"number": self.pk}
