import csv
from collections.abc import Iterable, Iterator

from django.contrib import admin, messages
from django.http import StreamingHttpResponse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from petitions import services
from petitions.models import Embassy, InvalidTransition, Petition, PetitionSettings, Signature

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def escape_cell(value) -> str:
    """Spreadsheets run cells that start with = + - @ as formulas; a leading ' stops that."""
    text = "" if value is None else str(value)
    return f"'{text}" if text.startswith(FORMULA_PREFIXES) else text


class _Echo:
    def write(self, value):
        return value


def csv_rows(header: list[str], rows: Iterable[Iterable]) -> Iterator[str]:
    writer = csv.writer(_Echo())
    yield "\ufeff"  # so spreadsheet programs read the file as UTF-8
    yield writer.writerow(header)
    for row in rows:
        yield writer.writerow([escape_cell(cell) for cell in row])


def stream_csv(filename: str, header: list[str], rows: Iterable[Iterable]) -> StreamingHttpResponse:
    response = StreamingHttpResponse(csv_rows(header, rows), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


SIGNATURE_EXPORT_HEADER = [
    "petition",
    "name",
    "email",
    "country",
    "city",
    "comment",
    "signed_at",
    "confirmed_at",
]
CONTACT_EXPORT_HEADER = [
    "petition",
    "name",
    "email",
    "country",
    "consent_given_at",
    "consent_wording",
]


@admin.register(Petition)
class PetitionAdmin(admin.ModelAdmin):
    list_display = [
        "title",
        "status",
        "confirmed_count_display",
        "featured",
        "signing_paused",
        "closes_at",
    ]
    list_filter = ["status", "featured", "signing_paused"]
    search_fields = ["title", "summary"]
    ordering = ["-pk"]
    prepopulated_fields = {"slug": ["title"]}
    readonly_fields = ["status", "closed_at"]
    filter_horizontal = ["prisoners"]
    actions = ["open_petitions", "close_petitions", "export_confirmed", "export_contacts"]

    def get_queryset(self, request):
        return super().get_queryset(request).with_counts()

    @admin.display(description=_("confirmed signatures"), ordering="confirmed_count")
    def confirmed_count_display(self, petition):
        return petition.confirmed_count

    def _transition(self, request, queryset, method, done_message):
        changed = 0
        for petition in queryset:
            try:
                getattr(petition, method)()
            except InvalidTransition as refused:
                self.message_user(request, f"{petition}: {refused}", messages.WARNING)
            else:
                self.log_change(request, petition, done_message)
                changed += 1
        if changed:
            self.message_user(request, f"{done_message}: {changed}", messages.SUCCESS)

    @admin.action(description=_("Open the selected draft petitions"), permissions=["change"])
    def open_petitions(self, request, queryset):
        self._transition(request, queryset, "open", str(_("Opened")))

    @admin.action(description=_("Close the selected open petitions"), permissions=["change"])
    def close_petitions(self, request, queryset):
        self._transition(request, queryset, "close", str(_("Closed")))

    @admin.action(description=_("Export confirmed signatures (CSV)"))
    def export_confirmed(self, request, queryset):
        petitions = list(queryset)
        for petition in petitions:
            self.log_change(request, petition, "Exported confirmed signatures as CSV")
        rows = (
            Signature.objects.confirmed()
            .filter(petition__in=petitions)
            .order_by("petition_id", "confirmed_at", "pk")
            .values_list(
                "petition__slug",
                "name",
                "email",
                "country",
                "city",
                "comment",
                "created_at",
                "confirmed_at",
            )
            .iterator(chunk_size=2000)
        )
        return stream_csv(
            f"signatures-{timezone.now():%Y%m%d-%H%M}.csv", SIGNATURE_EXPORT_HEADER, rows
        )

    @admin.action(description=_("Export contacts who agreed to campaign news (CSV)"))
    def export_contacts(self, request, queryset):
        petitions = list(queryset)
        for petition in petitions:
            self.log_change(request, petition, "Exported consenting contacts as CSV")
        rows = (
            Signature.objects.confirmed()
            .filter(petition__in=petitions, contact_consent=True)
            .exclude(email="")
            .order_by("petition_id", "confirmed_at", "pk")
            .values_list(
                "petition__slug",
                "name",
                "email",
                "country",
                "contact_consent_at",
                "contact_consent_wording",
            )
            .iterator(chunk_size=2000)
        )
        return stream_csv(f"contacts-{timezone.now():%Y%m%d-%H%M}.csv", CONTACT_EXPORT_HEADER, rows)


@admin.register(Signature)
class SignatureAdmin(admin.ModelAdmin):
    """Read-only: editors moderate held signatures but can neither forge nor edit any."""

    list_display = ["name", "email", "petition", "country", "state", "created_at", "confirmed_at"]
    list_filter = ["state", "petition", "country", ("created_at", admin.DateFieldListFilter)]
    search_fields = ["name", "email"]
    ordering = ["-created_at"]
    list_select_related = ["petition"]
    show_full_result_count = False
    exclude = ["token_hash"]
    actions = ["release", "invalidate"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.action(
        description=_("Release the selected held signatures (send their confirmation email)")
    )
    def release(self, request, queryset):
        count = services.release_held(signatures=queryset)
        self.message_user(
            request,
            ngettext("%(n)d signature released.", "%(n)d signatures released.", count)
            % {"n": count},
        )

    @admin.action(description=_("Invalidate the selected held signatures"))
    def invalidate(self, request, queryset):
        count = services.invalidate(signatures=queryset)
        self.message_user(
            request,
            ngettext("%(n)d signature invalidated.", "%(n)d signatures invalidated.", count)
            % {"n": count},
        )


@admin.register(Embassy)
class EmbassyAdmin(admin.ModelAdmin):
    list_display = ["country", "name", "email", "last_verified", "is_example"]
    list_filter = ["is_example"]
    search_fields = ["name", "email", "country"]
    ordering = ["country"]


@admin.register(PetitionSettings)
class PetitionSettingsAdmin(admin.ModelAdmin):
    list_display = ["__str__", "signing_paused", "fallback_embassy_email"]

    def has_add_permission(self, request):
        return not PetitionSettings.objects.exists()

    def has_delete_permission(self, request, obj=None):
        return False
