import re

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from core.admin import ContentAdmin, EditorialAdmin
from core.images import responsive_image
from prisoners.models import Charge, Detention, Follower, Prisoner, TimelineEvent
from prisoners.services import notify_followers_of_news, replace_charges

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


# "174(1) inciting social discord": the article, the part in brackets, then the charge.
CHARGE_LINE = re.compile(
    r"(?P<article>[^\s()]+)\s*(?:\((?P<part>[^()]*)\))?(?:\s+(?P<description>.+))?"
)


def charge_line(charge: Charge) -> str:
    part = f"({charge.part})" if charge.part else ""
    return f"{charge.article}{part} {charge.description}".strip()


def parse_charge_line(line: str) -> Charge:
    """The unsaved, validated charge that one line stands for."""
    match = CHARGE_LINE.fullmatch(line)
    if not match:
        raise ValidationError(
            _(
                "Write the article number, then the part in brackets if there is one, then "
                "the charge in words, e.g. “174(1) inciting social discord”."
            )
        )
    charge = Charge(
        article=match["article"],
        part=(match["part"] or "").strip(),
        description=match["description"] or "",
    )
    charge.full_clean(exclude=["detention"])
    return charge


class ChargeLinesField(forms.CharField):
    """Lines of text, blank ones dropped and line ends made alike, so that a field sent back
    untouched, with the browser's own line ends, counts as unchanged."""

    widget = forms.Textarea(attrs={"rows": 3, "class": "vLargeTextField"})

    def to_python(self, value):
        lines = (line.strip() for line in super().to_python(value).splitlines())
        return "\n".join(line for line in lines if line)


class DetentionInlineForm(forms.ModelForm):
    """A detention with its charges as lines of text: Django's admin cannot nest the
    charges' own inline inside the prisoner's detentions."""

    charge_lines = ChargeLinesField(
        label=_("Charges"),
        required=False,
        help_text=_(
            "One charge per line: the article number, the part in brackets if there is one, "
            "then the charge in words, e.g. “174(1) inciting social discord” or just “174”. "
            "Saving replaces the detention's charges with these lines."
        ),
    )

    class Meta:
        model = Detention
        fields = ["detained_on", "released_on", "place", "sentence_text", "sentence_months"]
        help_texts = {"sentence_months": SENTENCE_MONTHS_HELP}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.initial["charge_lines"] = "\n".join(
                charge_line(charge) for charge in self.instance.charges.all()
            )

    def clean_charge_lines(self):
        """The charges the lines stand for, or None when the field was not touched: the
        detention then keeps the charges it has."""
        if "charge_lines" not in self.changed_data:
            return None
        charges, errors = [], []
        for line in self.cleaned_data["charge_lines"].splitlines():
            try:
                charges.append(parse_charge_line(line))
            except ValidationError as error:
                errors += [
                    ValidationError(
                        _("Line “%(line)s”: %(problem)s"),
                        params={"line": line, "problem": problem},
                    )
                    for problem in error.messages
                ]
        if errors:
            raise ValidationError(errors)
        return charges

    def save(self, commit=True):
        detention = super().save(commit)
        if self.cleaned_data["charge_lines"] is not None:
            replace_charges(detention=detention, charges=self.cleaned_data["charge_lines"])
        return detention


class DetentionInline(admin.StackedInline):
    """Detentions with their charges on the prisoner's page; each detention's own page,
    behind its "Change" link, also edits the charges one by one."""

    model = Detention
    form = DetentionInlineForm
    extra = 0
    show_change_link = True

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("charges")


class TimelineEventInline(admin.StackedInline):
    # Stacked, not a table: on a phone a table's description and article columns were out
    # of sight, and editors post events from their phones.
    model = TimelineEvent
    extra = 0
    autocomplete_fields = ["article"]
    ordering = ["-date", "-pk"]
    fields = ["date", "kind", "description", "article", "notify_followers", "followers_notified_at"]
    readonly_fields = ["followers_notified_at"]


@admin.register(Prisoner)
class PrisonerAdmin(ContentAdmin):
    list_display = ["name", "status", "days_behind_bars", "is_urgent"]
    list_filter = ["status", "region", "is_urgent", "language"]
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
    }
    fieldsets = [
        (None, {"fields": ["name", "slug", "summary", "role", "region", "status", "is_urgent"]}),
        (_("Case"), {"fields": ["biography"]}),
        (_("Language"), {"fields": ["language", "translation_of"]}),
        (
            _("Photo"),
            {"fields": ["lead_image", "photo_preview", "lead_image_alt", "photo_consent"]},
        ),
        (
            _("Letters"),
            {"fields": ["letters_address", "address_safe_to_publish"]},
        ),
    ]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .prefetch_related(Prefetch("detentions", queryset=Detention.objects.all()))
        )

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        sent = notify_followers_of_news(prisoner=form.instance)
        if sent:
            self.message_user(
                request,
                ngettext(
                    "The case's followers are being emailed %(count)d timeline event.",
                    "The case's followers are being emailed %(count)d timeline events.",
                    len(sent),
                )
                % {"count": len(sent)},
                messages.SUCCESS,
            )

    @admin.display(description=_("days behind bars"))
    def days_behind_bars(self, prisoner):
        return prisoner.days_behind_bars_text() or "-"

    @admin.display(description=_("preview"))
    def photo_preview(self, prisoner):
        image = responsive_image(prisoner.lead_image, alt=prisoner.lead_image_alt, sizes="240px")
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


@admin.register(Follower)
class FollowerAdmin(admin.ModelAdmin):
    """Who follows which case, for moderators: read and delete only (people follow and
    confirm themselves). Not searchable by address: a search is kept in the page's address,
    which server logs write down."""

    list_display = ["__str__", "prisoner", "language", "created_at", "confirmed_at"]
    list_select_related = ["prisoner"]
    list_filter = [("confirmed_at", admin.EmptyFieldListFilter), "language"]
    search_fields = ["prisoner__name"]
    ordering = ["-created_at", "-pk"]
    fields = ["prisoner", "email", "language", "created_at", "confirmed_at", "email_count"]
    readonly_fields = fields

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
