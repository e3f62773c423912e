from django.shortcuts import get_object_or_404
from django.utils.translation import get_language
from django.views.generic import DetailView, ListView

from articles.models import Article, Category
from core.page_cache import CountCacheMixin, content_cached, page_cache_reads

ARTICLES_PER_PAGE = 10
CATEGORY_VIDEOS = 12
RELATED_ARTICLES = 3


@page_cache_reads("page")
class ArticleListView(ListView):
    paginate_by = ARTICLES_PER_PAGE

    def get_queryset(self):
        # Built per request: published() compares with the time of the call.
        return Article.objects.published().for_listing().for_language(get_language())


class ArticleDetailView(CountCacheMixin, DetailView):
    def get_queryset(self):
        return (
            Article.objects.visible_to(self.request.user)
            .defer("search_document")
            .prefetch_related("categories")
        )

    def get_context_data(self, **kwargs):
        article = self.object
        return super().get_context_data(
            **content_cached(
                self.request, f"article:{article.pk}:around", lambda: self._around(article)
            ),
            social_image_url=article.social_image_url(),
            # Not kept with the rest: its count changes with every signature.
            take_action=article.prisoners.published().petition_to_sign(get_language()),
            **kwargs,
        )

    @staticmethod
    def _around(article) -> dict:
        """What the page shows around the article, all of it published content only: the
        same for every visitor, and worth keeping until the next edit (it was most of the
        page's queries)."""
        return {
            "previous_article": article.get_previous_published(),
            "next_article": article.get_next_published(),
            "related_articles": list(
                Article.objects.published().related_to(article).for_listing()[:RELATED_ARTICLES]
            ),
            "related_videos": list(article.videos.published().for_listing()),
            "related_prisoners": list(
                article.prisoners.published().only("name", "slug", "summary")
            ),
        }


@page_cache_reads("page")
class CategoryDetailView(ListView):
    """A category's published articles, a page at a time, and its latest published videos."""

    paginate_by = ARTICLES_PER_PAGE
    template_name = "articles/category_detail.html"

    def get_queryset(self):
        self.category = get_object_or_404(Category, slug=self.kwargs["slug"])
        return (
            Article.objects.published()
            .in_category(self.category)
            .for_listing()
            .for_language(get_language())
        )

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            category=self.category,
            videos=self.category.videos.published()
            .for_listing()
            .for_language(get_language())[:CATEGORY_VIDEOS],
            **kwargs,
        )
