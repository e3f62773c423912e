from html import unescape

from django.conf import settings
from django.contrib.postgres.search import (
    SearchHeadline,
    SearchQuery,
    SearchRank,
    SearchVector,
    SearchVectorField,
)
from django.db import connection, models
from django.db.models import Exists, F, Func, OuterRef, Q, Value
from django.urls import reverse
from django.utils.html import escape, strip_tags
from django.utils.safestring import mark_safe
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from core.editor import VIDEO_HELP, RichTextField
from core.html import clean_html
from core.images import social_image_url
from core.models import Content, ContentQuerySet, lead_image_field

SEARCH_CONFIG = "english"
# Private-use characters mark the highlighted words in a headline: editors never type
# them, so they survive escaping and are the only thing turned into markup.
_HIGHLIGHT_START = "\ue000"
_HIGHLIGHT_STOP = "\ue001"


def _search_vector():
    """The weighted document searched: headline first, then standfirst, then body. It is
    stored in `Article.search_document` on every save (PostgreSQL only), so searching and
    ranking read a ready tsvector through a GIN index instead of re-parsing every body."""
    return (
        SearchVector("title", weight="A", config=SEARCH_CONFIG)
        + SearchVector("standfirst", weight="B", config=SEARCH_CONFIG)
        + SearchVector("body", weight="C", config=SEARCH_CONFIG)
    )


class CategoryQuerySet(models.QuerySet):
    def with_articles(self):
        """Categories with at least one article, draft or published."""
        return self.filter(self._filed_under("articles"))

    def with_videos(self):
        """Categories with at least one video, published or not."""
        return self.filter(self._filed_under("videos"))

    def empty(self):
        """Categories no article or video is filed under: their pages list nothing."""
        return self.filter(~self._filed_under("articles"), ~self._filed_under("videos"))

    def _filed_under(self, relation):
        through = getattr(self.model, relation).through
        return Exists(through.objects.filter(category=OuterRef("pk")))


class Category(models.Model):
    """A topic shared by articles and videos ("Video", "Workers' struggles")."""

    name = models.CharField(_("name"), max_length=100, unique=True)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    description = models.TextField(
        _("description"), blank=True, help_text=_("Shown at the top of the category's page.")
    )

    objects = CategoryQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("category")
        verbose_name_plural = _("categories")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("articles:category", kwargs={"slug": self.slug})


class ArticleQuerySet(ContentQuerySet):
    def for_listing(self):
        # Lists never show the body or its search document, by far the biggest columns.
        return self.defer("body", "search_document")

    def for_feed(self):
        """A list item plus the category names each feed entry carries."""
        return self.for_listing().prefetch_related("categories")

    def refresh_search_documents(self):
        """Store the search document of these articles (bulk inserts and updates skip save())."""
        if connection.vendor == "postgresql":
            self.update(search_document=_search_vector())

    def featured_first(self):
        """The newest featured article pinned ahead of the rest, which stay newest first
        (other featured ones included: a front page pins one story, it does not reorder)."""
        pinned = self.filter(featured=True).order_by("-published_at", "-pk").values("pk")[:1]
        return self.annotate(
            pinned=models.Case(
                models.When(pk=models.Subquery(pinned), then=models.Value(True)),
                default=models.Value(False),
                output_field=models.BooleanField(),
            )
        ).order_by("-pinned", "-published_at", "-pk")

    def in_category(self, category):
        return self.filter(categories=category)

    def related_to(self, article):
        """Other articles sharing a category with `article`, newest first."""
        sharing = Article.categories.through.objects.filter(
            category__in=article.categories.all()
        ).values("article_id")
        return self.filter(pk__in=sharing).exclude(pk=article.pk)

    def search(self, query: str):
        """Published articles matching `query`, best first, annotated with `search_rank`
        (and `search_headline` on PostgreSQL: plain text with highlight markers)."""
        published = self.published()
        if connection.vendor != "postgresql":
            return (
                published.filter(
                    Q(title__icontains=query)
                    | Q(standfirst__icontains=query)
                    | Q(body__icontains=query)
                )
                .annotate(search_rank=Value(1.0, output_field=models.FloatField()))
                .order_by("-published_at", "-pk")
            )
        search_query = SearchQuery(query, search_type="websearch", config=SEARCH_CONFIG)
        body_text = Func(
            F("body"), Value("<[^>]*>"), Value(" "), Value("g"), function="regexp_replace"
        )
        return (
            published.filter(search_document=search_query)
            .defer("search_document")
            .annotate(
                search_rank=SearchRank(F("search_document"), search_query),
                search_headline=SearchHeadline(
                    body_text,
                    search_query,
                    config=SEARCH_CONFIG,
                    start_sel=_HIGHLIGHT_START,
                    stop_sel=_HIGHLIGHT_STOP,
                    max_words=30,
                    min_words=12,
                ),
            )
            .order_by("-search_rank", "-published_at", "-pk")
        )


class Article(Content):
    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=200, unique=True)
    date_shown = models.BooleanField(
        _("show the date"),
        default=True,
        help_text=_(
            "Untick when the real date is not known (a report copied from an older site): "
            "lists still follow the publication date, but no date is shown to readers."
        ),
    )
    standfirst = models.CharField(
        _("standfirst"),
        max_length=300,
        blank=True,
        help_text=_("The line under the headline; also used in lists, feeds and link previews."),
    )
    body = RichTextField(
        _("body"),
        blank=True,
        help_text=VIDEO_HELP,
    )
    lead_image = lead_image_field("articles")
    categories = models.ManyToManyField(
        Category, blank=True, related_name="articles", verbose_name=_("categories")
    )
    author_name = models.CharField(_("author"), max_length=100, blank=True)
    featured = models.BooleanField(
        _("featured"), default=False, help_text=_("Featured articles are shown on the home page.")
    )
    prisoners = models.ManyToManyField(
        "prisoners.Prisoner", blank=True, related_name="articles", verbose_name=_("prisoners")
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    # Kept up to date by save() on PostgreSQL; unused (empty) on SQLite.
    search_document = SearchVectorField(null=True, editable=False)

    objects = ArticleQuerySet.as_manager()

    class Meta(Content.Meta):
        ordering = ["-published_at", "-pk"]
        verbose_name = _("article")
        verbose_name_plural = _("articles")
        indexes = [
            models.Index(
                fields=["publication", "-published_at"], name="articles_publication_date_idx"
            ),
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        self.body = clean_html(self.body)
        super().save(*args, **kwargs)
        type(self).objects.filter(pk=self.pk).refresh_search_documents()

    def get_absolute_url(self):
        return reverse("articles:detail", kwargs={"slug": self.slug})

    def get_absolute_site_url(self):
        """The address to share and to put in feeds: on SITE_URL, whatever host was asked."""
        return settings.SITE_URL + self.get_absolute_url()

    def _published_neighbour(self, *, newer: bool):
        if not self.is_public:
            return None
        if newer:
            after = Q(published_at__gt=self.published_at) | Q(
                published_at=self.published_at, pk__gt=self.pk
            )
            order = ["published_at", "pk"]
        else:
            after = Q(published_at__lt=self.published_at) | Q(
                published_at=self.published_at, pk__lt=self.pk
            )
            order = ["-published_at", "-pk"]
        return (
            Article.objects.published()
            .filter(after)
            .only("title", "slug", "published_at")
            .order_by(*order)
            .first()
        )

    def get_previous_published(self):
        """The published article just older than this one (None for drafts and the oldest)."""
        return self._published_neighbour(newer=False)

    def get_next_published(self):
        """The published article just newer than this one (None for drafts and the newest)."""
        return self._published_neighbour(newer=True)

    def social_image_url(self):
        return social_image_url(self.lead_image)

    @property
    def search_snippet(self):
        """A short excerpt for search results: the highlighted passage on PostgreSQL (only the
        highlight markers become markup, everything else is escaped), else the standfirst."""
        headline = getattr(self, "search_headline", None)
        if headline:
            text = escape(" ".join(unescape(strip_tags(headline)).split()))
            text = text.replace(_HIGHLIGHT_START, "<mark>").replace(_HIGHLIGHT_STOP, "</mark>")
            # Everything but the markers was escaped above.
            return mark_safe(text)
        return self.standfirst or Truncator(strip_tags(self.body)).words(30)
