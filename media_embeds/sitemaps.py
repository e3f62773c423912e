from core.sitemaps import TranslatedSitemap
from media_embeds.models import Video


class VideoSitemap(TranslatedSitemap):
    changefreq = "monthly"

    def items(self):
        return Video.objects.published().only("slug", "published_at", "language")

    def lastmod(self, video):
        return video.published_at
