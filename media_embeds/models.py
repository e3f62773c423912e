from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class VideoQuerySet(models.QuerySet):
    def published(self):
        return self.filter(is_published=True, published_at__lte=timezone.now())


class Video(models.Model):
    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=200, unique=True)
    is_published = models.BooleanField(_("published"), default=False)
    published_at = models.DateTimeField(_("publication date"), default=timezone.now)
    categories = models.ManyToManyField(
        "articles.Category", blank=True, related_name="videos", verbose_name=_("categories")
    )
    articles = models.ManyToManyField(
        "articles.Article", blank=True, related_name="videos", verbose_name=_("articles")
    )
    prisoners = models.ManyToManyField(
        "campaign.Prisoner", blank=True, related_name="videos", verbose_name=_("prisoners")
    )

    objects = VideoQuerySet.as_manager()

    class Meta:
        ordering = ["-published_at", "-pk"]
        verbose_name = _("video")
        verbose_name_plural = _("videos")

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("media_embeds:detail", kwargs={"slug": self.slug})
