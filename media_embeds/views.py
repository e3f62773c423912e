from django.utils.translation import get_language
from django.views.generic import DetailView, ListView

from core.images import social_image_url
from core.page_cache import CountCacheMixin, page_cache_reads
from media_embeds.models import Video


@page_cache_reads("page")
class VideoListView(ListView):
    paginate_by = 12
    allow_empty = True

    def get_queryset(self):
        return Video.objects.published().for_listing().for_language(get_language())


class VideoDetailView(CountCacheMixin, DetailView):
    def get_queryset(self):
        return Video.objects.visible_to(self.request.user).defer("search_document")

    def get_context_data(self, **kwargs):
        video = self.object
        return super().get_context_data(
            categories=list(video.categories.all()),
            related_articles=list(video.articles.published().for_listing()),
            related_prisoners=list(video.prisoners.published()),
            poster_url=social_image_url(video.lead_image),
            take_action=video.prisoners.published().petition_to_sign(get_language()),
            **kwargs,
        )
