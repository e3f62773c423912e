from django.contrib import admin
from django.db.models import Sum
from django.utils.html import format_html_join
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from actions.models import LetterAction, LetterCount, LetterTarget
from core.admin import ContentAdmin
from core.countries import country_name


class LetterTargetInline(admin.StackedInline):
    model = LetterTarget
    extra = 0
    fields = ["kind", "name", "email", "postal_address", "position"]


@admin.register(LetterAction)
class LetterActionAdmin(ContentAdmin):
    list_display = ["title", "deadline", "prisoner", "petition", "letters_sent", "language"]
    list_filter = ["language", "deadline"]
    search_fields = ["title", "summary", "letter_subject"]
    ordering = ["-pk"]
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["prisoner", "petition", "translation_of"]
    readonly_fields = ["letters_by_target_and_country"]
    inlines = [LetterTargetInline]
    save_on_top = True
    fieldsets = [
        (None, {"fields": ["title", "slug", "summary", "deadline", "prisoner", "petition"]}),
        (_("Language"), {"fields": ["language", "translation_of"]}),
        (_("Model letter"), {"fields": ["letter_subject", "letter_body"]}),
        (_("Letters sent"), {"fields": ["letters_by_target_and_country"]}),
    ]
    help_texts = {
        "title": _("The action's heading, also used in lists and link previews."),
        "slug": _("The action's address: /actions/<slug>/. Changing it breaks shared links."),
    }

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .select_related("prisoner", "petition")
            .annotate(letters_total=Sum("targets__counts__count"))
        )

    @admin.display(description=_("letters sent"), ordering="letters_total")
    def letters_sent(self, action):
        return action.letters_total or 0

    @admin.display(description=_("letters by target and country"))
    def letters_by_target_and_country(self, action):
        if not action.pk:
            return gettext("None yet.")
        rows = (
            LetterCount.objects.filter(target__action_id=action.counted_action_id)
            .select_related("target")
            .order_by("target__position", "target_id", "-count")
        )
        if not rows:
            return gettext("None yet.")
        return format_html_join(
            "",
            "<div>{}, {}: {}</div>",
            ((row.target.label, country_name(row.country), row.count) for row in rows),
        )
