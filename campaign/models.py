from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class PrisonerQuerySet(models.QuerySet):
    def published(self):
        return self.filter(is_published=True, published_at__lte=timezone.now())


class Prisoner(models.Model):
    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=200, unique=True)
    is_published = models.BooleanField(_("published"), default=False)
    published_at = models.DateTimeField(_("publication date"), default=timezone.now)

    objects = PrisonerQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("prisoner")
        verbose_name_plural = _("prisoners")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("prisoners:detail", kwargs={"slug": self.slug})
