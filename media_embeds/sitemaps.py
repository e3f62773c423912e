from campaign.sitemaps import SiteUrlSitemap
from media_embeds.models import Video


class VideoSitemap(SiteUrlSitemap):
    changefreq = "monthly"

    def items(self):
        return Video.objects.published().only("slug", "published_at")

    def lastmod(self, video):
        return video.published_at
