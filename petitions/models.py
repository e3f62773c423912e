from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class PetitionQuerySet(models.QuerySet):
    def published(self):
        """Open and closed petitions: everything but drafts."""
        return self.exclude(status=Petition.Status.DRAFT)

    def open(self):
        now = timezone.now()
        return self.filter(status=Petition.Status.OPEN).filter(
            Q(closes_at__isnull=True) | Q(closes_at__gt=now)
        )


class Petition(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        OPEN = "open", _("Open")
        CLOSED = "closed", _("Closed")

    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=200, unique=True)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.DRAFT
    )
    closes_at = models.DateTimeField(_("closes at"), null=True, blank=True)
    prisoners = models.ManyToManyField(
        "campaign.Prisoner", blank=True, related_name="petitions", verbose_name=_("prisoners")
    )

    objects = PetitionQuerySet.as_manager()

    class Meta:
        ordering = ["-pk"]
        verbose_name = _("petition")
        verbose_name_plural = _("petitions")

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("petitions:detail", kwargs={"slug": self.slug})
