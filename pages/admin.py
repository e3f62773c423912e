from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from core.admin import ContentAdmin
from pages.models import Page


@admin.register(Page)
class PageAdmin(ContentAdmin):
    list_display = ["title", "slug", "language"]
    list_filter = ["language"]
    search_fields = ["title", "slug", "body"]
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["translation_of"]
    ordering = ["slug", "language"]
    save_on_top = True
    help_texts = {
        "title": _("The page's heading and its title in the browser and in search results."),
    }
    readonly_fields = ["created_at", "updated_at"]
    fieldsets = [
        (None, {"fields": ["title", "slug", "body"]}),
        (_("Language"), {"fields": ["language", "translation_of"]}),
        (_("History"), {"fields": ["created_at", "updated_at"], "classes": ["collapse"]}),
    ]
