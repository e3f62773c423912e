from django.contrib import admin
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from articles.models import Article, Category
from core.admin import ContentAdmin, EditorialAdmin, image_help
from core.images import responsive_image


class CategoryContentFilter(admin.SimpleListFilter):
    """Which categories are in use, so editors find the empty ones to fill or delete."""

    title = _("content")
    parameter_name = "content"

    def lookups(self, request, model_admin):
        return [
            ("articles", _("With articles")),
            ("videos", _("With videos")),
            ("empty", _("Without articles or videos")),
        ]

    def queryset(self, request, queryset):
        match self.value():
            case "articles":
                return queryset.with_articles()
            case "videos":
                return queryset.with_videos()
            case "empty":
                return queryset.empty()
        return queryset


@admin.register(Category)
class CategoryAdmin(EditorialAdmin):
    list_display = ["name", "slug"]
    list_filter = [CategoryContentFilter]
    help_texts = {
        "name": _("The heading of the category's page and the label on articles and videos."),
        "slug": _("The page's address: /category/<slug>/. Changing it breaks shared links."),
    }
    search_fields = ["name", "description"]
    prepopulated_fields = {"slug": ["name"]}
    ordering = ["name"]


@admin.register(Article)
class ArticleAdmin(ContentAdmin):
    list_display = [
        "lead_image_thumbnail",
        "title",
        "published_at",
        "featured",
        "category_names",
    ]
    list_display_links = ["lead_image_thumbnail", "title"]
    list_filter = ["featured", "language", "categories", "published_at"]
    search_fields = ["title", "standfirst", "body", "author_name"]
    prepopulated_fields = {"slug": ["title"]}
    date_hierarchy = "published_at"
    ordering = ["-published_at", "-pk"]
    autocomplete_fields = ["categories", "prisoners", "translation_of"]
    save_on_top = True
    help_texts = {
        "title": _("The headline, also used in lists, feeds, search results and link previews."),
        "slug": _(
            "The article's address: /news/<slug>/. Changing it after publishing breaks "
            "links people have shared."
        ),
        "lead_image": image_help(_("Shown above the article and on its card in lists.")),
        "author_name": _("Shown under the headline; leave empty for no byline."),
        "categories": _("The article is listed on these categories' pages."),
        "prisoners": _("The article is listed on these prisoners' profiles."),
    }
    readonly_fields = ["lead_image_preview", "created_at", "updated_at"]
    publication_fieldset = (
        _("Publication"),
        {"fields": ["publication", "published_at", "date_shown"]},
    )
    fieldsets = [
        (None, {"fields": ["title", "slug", "standfirst", "body", "author_name"]}),
        (_("Language"), {"fields": ["language", "translation_of"]}),
        (
            _("Lead image"),
            {"fields": ["lead_image", "lead_image_preview", "lead_image_alt"]},
        ),
        (
            _("Where it is listed"),
            {"fields": ["featured", "categories", "prisoners"]},
        ),
        (_("History"), {"fields": ["created_at", "updated_at"], "classes": ["collapse"]}),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("categories")

    @admin.display(description=_("categories"))
    def category_names(self, article):
        return ", ".join(category.name for category in article.categories.all())

    def _thumbnail(self, article, width):
        image = responsive_image(article.lead_image, alt=article.lead_image_alt, sizes="")
        if not image:
            return ""
        return format_html(
            '<img src="{}" alt="{}" width="{}">',
            image["srcset"].split(" ", 1)[0],
            article.lead_image_alt,
            width,
        )

    @admin.display(description=_("image"))
    def lead_image_thumbnail(self, article):
        return self._thumbnail(article, 80)

    @admin.display(description=_("preview"))
    def lead_image_preview(self, article):
        return self._thumbnail(article, 240) or _("No image yet.")
