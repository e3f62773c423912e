from django.contrib import admin
from django.db.models import Prefetch
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _

from campaign.admin_site import EditorialAdmin
from campaign.images import responsive_image
from campaign.models import Charge, Detention, Prisoner, TimelineEvent

SENTENCE_MONTHS_HELP = _(
    "Optional, for our records only: the site does not show it. The profile shows the "
    "sentence as written above, and counts the days behind bars from the dates."
)


class StillHeldFilter(admin.SimpleListFilter):
    title = _("release")
    parameter_name = "held"

    def lookups(self, request, model_admin):
        return [("yes", _("Still held")), ("no", _("Released"))]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.filter(released_on__isnull=True)
        if self.value() == "no":
            return queryset.filter(released_on__isnull=False)
        return queryset


class ChargeInline(admin.TabularInline):
    model = Charge
    extra = 1


class DetentionInline(admin.StackedInline):
    """Django's admin cannot nest inlines, so charges are edited on the detention's own
    page, reached with the "Change" link next to each saved detention."""

    model = Detention
    extra = 0
    show_change_link = True
    fields = ["detained_on", "released_on", "place", "sentence_text", "sentence_months", "charges"]
    readonly_fields = ["charges"]
    verbose_name_plural = _(
        "Detentions (to add or edit the charges of a detention, save it first, then use its "
        "“Change” link)"
    )

    @admin.display(description=_("charges"))
    def charges(self, detention):
        if not detention.pk:
            return _("Save the detention first, then add its charges with its “Change” link.")
        charges = detention.charges.all()
        if not charges:
            return _("None yet: add them with the “Change” link of this detention.")
        labels = (f"{c.label}: {c.description}" if c.description else c.label for c in charges)
        return format_html_join(", ", "{}", ((label,) for label in labels))


class TimelineEventInline(admin.TabularInline):
    model = TimelineEvent
    extra = 0
    autocomplete_fields = ["article"]
    ordering = ["-date", "-pk"]


@admin.register(Prisoner)
class PrisonerAdmin(EditorialAdmin):
    list_display = ["name", "status", "days_behind_bars", "is_urgent", "is_published"]
    list_filter = ["status", "region", "is_urgent", "is_published", "language"]
    search_fields = ["name", "summary", "role", "region"]
    ordering = ["-is_urgent", "name"]
    prepopulated_fields = {"slug": ["name"]}
    readonly_fields = ["photo_preview"]
    autocomplete_fields = ["translation_of"]
    inlines = [DetentionInline, TimelineEventInline]
    save_on_top = True
    help_texts = {
        "name": _("The profile's heading, as the person is known publicly."),
        "slug": _("The profile's address: /prisoners/<slug>/. Changing it breaks shared links."),
        "status": _("Shown on the profile and used by the filter on the prisoners list."),
        "is_published": _(
            "Unticked, the profile is hidden from every page; ticked, it appears from its "
            "publication date."
        ),
        "published_at": _("A future date keeps the profile hidden until then."),
    }
    fieldsets = [
        (None, {"fields": ["name", "slug", "summary", "role", "region", "status", "is_urgent"]}),
        (_("Case"), {"fields": ["biography"]}),
        (_("Language"), {"fields": ["language", "translation_of"]}),
        (
            _("Photo"),
            {"fields": ["photo", "photo_preview", "photo_alt", "photo_consent"]},
        ),
        (
            _("Letters"),
            {"fields": ["letters_address", "address_safe_to_publish"]},
        ),
        (_("Publication"), {"fields": ["is_published", "published_at"]}),
    ]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .prefetch_related(Prefetch("detentions", queryset=Detention.objects.all()))
        )

    @admin.display(description=_("days behind bars"))
    def days_behind_bars(self, prisoner):
        return prisoner.days_behind_bars_text() or "-"

    @admin.display(description=_("preview"))
    def photo_preview(self, prisoner):
        image = responsive_image(prisoner.photo, alt=prisoner.photo_alt, sizes="240px")
        if not image:
            return "-"
        consent = "" if prisoner.photo_consent else _("Hidden on the site: no consent ticked.")
        return format_html(
            '<img src="{}" alt="{}" width="240"><br>{}', image["src"], image["alt"], consent
        )


@admin.register(Detention)
class DetentionAdmin(EditorialAdmin):
    list_display = ["__str__", "detained_on", "released_on", "place"]
    list_select_related = ["prisoner"]
    list_filter = [StillHeldFilter, "detained_on"]
    search_fields = ["prisoner__name", "place"]
    autocomplete_fields = ["prisoner"]
    ordering = ["prisoner__name", "detained_on"]
    inlines = [ChargeInline]
    help_texts = {
        "prisoner": _("Whose profile shows this detention and its charges."),
        "sentence_months": SENTENCE_MONTHS_HELP,
    }
