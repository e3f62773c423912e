import csv
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from operator import itemgetter

from django import forms
from django.contrib import admin, messages
from django.http import StreamingHttpResponse
from django.utils import formats, timezone
from django.utils.text import Truncator
from django.utils.translation import get_language, gettext, ngettext, pgettext
from django.utils.translation import gettext_lazy as _

from core.admin import ContentAdmin, EditorialAdmin, admin_datetime, image_help, log_changes
from core.countries import country_name
from core.mailings import without_suppressed
from core.spreadsheets import escape_cell
from petitions import services
from petitions.audiences import NEWS_AUDIENCE
from petitions.models import (
    BlockedEmailDomain,
    Embassy,
    InvalidTransition,
    Petition,
    PetitionEvent,
    PetitionSettings,
    Signature,
    WallMessage,
)


class _Echo:
    def write(self, value):
        return value


def csv_rows(header: list[str], rows: Iterable[Iterable]) -> Iterator[str]:
    # Every field quoted: a separator inside a name or comment never starts a new cell in a
    # program that reads the quotes.
    writer = csv.writer(_Echo(), quoting=csv.QUOTE_ALL)
    yield "\ufeff"  # so spreadsheet programs read the file as UTF-8
    yield writer.writerow(header)
    for row in rows:
        yield writer.writerow([escape_cell(cell) for cell in row])


def stream_csv(filename: str, header: list[str], rows: Iterable[Iterable]) -> StreamingHttpResponse:
    response = StreamingHttpResponse(csv_rows(header, rows), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def as_text(value, language: str):
    return value


def as_country(code: str, language: str) -> str:
    return country_name(code, language) if code else ""


def as_moment(value, language: str) -> str:
    # ISO 8601 to the second with its offset: sorts as text, reads the same in every
    # language, and no spreadsheet mistakes 03/12 for a month.
    return timezone.localtime(value).isoformat(timespec="seconds") if value else ""


@dataclass(frozen=True)
class Column:
    header: str
    field: str
    convert: Callable = as_text


SIGNATURE_EXPORT_COLUMNS = [
    Column(_("Petition"), "petition__title"),
    Column(_("Name"), "name"),
    Column(_("Email"), "email"),
    Column(_("Country"), "country", as_country),
    Column(_("City"), "city"),
    Column(_("Comment"), "comment"),
    Column(_("Signed at"), "created_at", as_moment),
    Column(_("Confirmed at"), "confirmed_at", as_moment),
]
CONTACT_EXPORT_COLUMNS = [
    Column(_("Petition"), "petition__title"),
    Column(_("Name"), "name"),
    Column(_("Email"), "email"),
    Column(_("Country"), "country", as_country),
    Column(_("Agreed to campaign news at"), "contact_consent_at", as_moment),
    Column(_("Wording version agreed to"), "contact_consent_wording"),
]


def signatures_csv(
    signatures, columns: list[Column], name: str, *, unsubscribed_from: str | None = None
) -> StreamingHttpResponse:
    """Stream ``signatures`` as CSV in the editor's language, a few thousand rows at a time
    so that a petition's hundred thousand signers never sit in memory together. With
    ``unsubscribed_from`` (a mailing scope), addresses that unsubscribed from it, from every
    mailing, or that bounce are left out."""
    # Read now: the rows are written after the view returns.
    language = get_language()
    fields = [column.field for column in columns]
    rows = (
        signatures.order_by("petition_id", "confirmed_at", "pk")
        .values_list(*fields)
        .iterator(chunk_size=2000)
    )
    if unsubscribed_from is not None:
        rows = without_suppressed(
            rows, email_of=itemgetter(fields.index("email")), scope=unsubscribed_from
        )
    converted = (
        [column.convert(value, language) for column, value in zip(columns, row, strict=True)]
        for row in rows
    )
    header = [str(column.header) for column in columns]
    return stream_csv(f"{name}-{timezone.now():%Y%m%d-%H%M}.csv", header, converted)


class SignatureExportActions:
    """The CSV exports, on the Petitions list (all of a petition's signers) and on the
    Signatures list (the rows chosen there); for Moderators only."""

    export_actions = ["export_confirmed", "export_contacts"]
    export_messages: dict = {}

    def has_export_permission(self, request):
        return request.user.has_perm("petitions.export_signatures")

    def signatures_and_petitions(self, queryset):
        """The signatures the action exports from ``queryset``, and the petitions whose
        history records it."""
        raise NotImplementedError

    @admin.action(description=_("Export confirmed signatures (CSV)"), permissions=["export"])
    def export_confirmed(self, request, queryset):
        signatures, petitions = self.signatures_and_petitions(queryset)
        log_changes(request, petitions, str(self.export_messages["signatures"]))
        return signatures_csv(signatures.confirmed(), SIGNATURE_EXPORT_COLUMNS, "signatures")

    @admin.action(
        description=_("Export contacts who agreed to campaign news (CSV)"), permissions=["export"]
    )
    def export_contacts(self, request, queryset):
        signatures, petitions = self.signatures_and_petitions(queryset)
        log_changes(request, petitions, str(self.export_messages["contacts"]))
        return signatures_csv(
            signatures.confirmed().filter(contact_consent=True).exclude(email=""),
            CONTACT_EXPORT_COLUMNS,
            "contacts",
            unsubscribed_from=NEWS_AUDIENCE,
        )


class PetitionEventInline(admin.StackedInline):
    # Stacked: editors post these from their phones, where a table's columns are out of sight.
    model = PetitionEvent
    extra = 0
    ordering = ["date", "pk"]
    fields = ["kind", "date", "counterpart", "summary", "text", "photo", "photo_alt", "document"]
    verbose_name = _("delivery, response or outcome")
    verbose_name_plural = _("What happened to the petition: deliveries, responses and outcomes")


@admin.register(Petition)
class PetitionAdmin(SignatureExportActions, ContentAdmin):
    list_display = [
        "title",
        "status",
        "confirmed_count_display",
        "featured",
        "signing_paused",
        "closes_at",
    ]
    list_filter = ["status", "featured", "signing_paused", "language"]
    search_fields = ["title", "summary"]
    ordering = ["-pk"]
    prepopulated_fields = {"slug": ["title"]}
    readonly_fields = ["status", "closed_at"]
    autocomplete_fields = ["prisoners", "translation_of"]
    inlines = [PetitionEventInline]
    save_on_top = True
    actions = [
        *ContentAdmin.actions,
        "open_petitions",
        "close_petitions",
        *SignatureExportActions.export_actions,
    ]
    export_messages = {
        "signatures": _("Exported confirmed signatures as CSV"),
        "contacts": _("Exported consenting contacts as CSV"),
    }
    fieldsets = [
        (None, {"fields": ["title", "slug", "target", "summary", "body", "prisoners"]}),
        (_("Language"), {"fields": ["language", "translation_of"]}),
        (_("Image"), {"fields": ["lead_image", "lead_image_alt"]}),
        (
            _("Signing"),
            {
                "fields": [
                    "status",
                    "closes_at",
                    "closed_at",
                    "goal",
                    "featured",
                    "signing_paused",
                    "thank_you_message",
                ]
            },
        ),
        (_("Model letter"), {"fields": ["letter_subject", "letter_body"]}),
    ]

    help_texts = {
        "title": _("The petition's heading, also used in lists and link previews."),
        "slug": _("The petition's address: /petitions/<slug>/. Changing it breaks shared links."),
        "summary": _("One or two sentences shown on cards, in lists and above the form."),
        "body": _("The full text under the summary. Unsafe markup is removed on saving."),
        "lead_image": image_help(_("Shown at the top of the petition and on its card.")),
        "lead_image_alt": _(
            "What the picture shows, for people who cannot see it. Required with an image."
        ),
        "closes_at": _("Optional: signing stops by itself at this time."),
        "thank_you_message": _("Shown on the thank-you page signers reach after confirming."),
        "featured": _("Featured open petitions are shown first, and on the home page."),
        "letter_subject": _(
            "Subject of the model letter supporters send to an embassy; leave the letter empty "
            "for a petition without one."
        ),
        "prisoners": _("The petition is shown on these prisoners' profiles."),
    }

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

    @admin.action(
        description=_("Open the selected closed petitions for signing again"),
        permissions=["change"],
    )
    def open_petitions(self, request, queryset):
        self._transition(request, queryset, "open", gettext("Opened"))

    @admin.action(description=_("Close the selected open petitions"), permissions=["change"])
    def close_petitions(self, request, queryset):
        self._transition(request, queryset, "close", gettext("Closed"))

    def signatures_and_petitions(self, queryset):
        petitions = list(queryset)
        return Signature.objects.filter(petition__in=petitions), petitions


class SignerCountryFilter(admin.SimpleListFilter):
    """Only the countries people signed from, most signatures first: the full list of 250
    made the page six thousand pixels tall."""

    title = _("country")
    parameter_name = "country"

    def lookups(self, request, model_admin):
        return [
            (code, f"{country_name(code)} ({formats.number_format(count, force_grouping=True)})")
            for code, count in model_admin.get_queryset(request).countries_by_signers()
        ]

    def queryset(self, request, queryset):
        if self.value():
            return queryset.filter(country=self.value().upper())
        return queryset


class SignedPetitionFilter(admin.SimpleListFilter):
    """Only the petitions people signed, most signatures first (drafts and translations,
    which have none of their own, are left out)."""

    title = _("petition")
    # The name Django's own filter used, so that saved links keep working.
    parameter_name = "petition__id__exact"

    def lookups(self, request, model_admin):
        return [
            (str(pk), f"{title} ({formats.number_format(count, force_grouping=True)})")
            for pk, title, count in model_admin.get_queryset(request).petitions_by_signers()
        ]

    def queryset(self, request, queryset):
        if self.value():
            return queryset.filter(petition_id=self.value())
        return queryset


@admin.register(Signature)
class SignatureAdmin(SignatureExportActions, admin.ModelAdmin):
    """Read-only: editors moderate held signatures but can neither forge nor edit any."""

    list_display = ["name", "petition_title", "country", "state", "signed_at"]
    list_display_links = ["name"]
    list_filter = [
        "state",
        ("created_at", admin.DateFieldListFilter),
        SignedPetitionFilter,
        SignerCountryFilter,
    ]
    search_fields = ["name", "email"]
    search_help_text = _("Search by the signer's name or email address.")
    ordering = ["-created_at"]
    list_select_related = ["petition"]
    show_full_result_count = False
    exclude = ["token_hash"]
    actions = ["release", "invalidate", "hide_names", *SignatureExportActions.export_actions]
    export_messages = {
        "signatures": _("Exported confirmed signatures chosen in the signatures list as CSV"),
        "contacts": _("Exported consenting contacts chosen in the signatures list as CSV"),
    }

    def signatures_and_petitions(self, queryset):
        return queryset, Petition.objects.filter(pk__in=queryset.values("petition_id"))

    @admin.display(description=_("petition"), ordering="petition__title")
    def petition_title(self, signature):
        return Truncator(signature.petition.title).chars(60)

    @admin.display(description=_("signed at"), ordering="created_at")
    def signed_at(self, signature):
        return admin_datetime(signature.created_at)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def has_moderate_permission(self, request):
        return request.user.has_perm("petitions.moderate_signature")

    def _moderate(self, request, queryset, service, state, message):
        """Run a moderation service and record it in each changed signature's history."""
        targets = list(queryset.filter(state=state).select_related("petition"))
        count = service(signatures=queryset)
        log_changes(request, targets, message)
        return count

    @admin.action(
        description=_("Release the selected held signatures (send their confirmation email)"),
        permissions=["moderate"],
    )
    def release(self, request, queryset):
        count = self._moderate(
            request,
            queryset,
            services.release_held,
            Signature.State.HELD,
            pgettext("signature history", "Released"),
        )
        self.message_user(
            request,
            ngettext("%(n)d signature released.", "%(n)d signatures released.", count)
            % {"n": count},
        )

    @admin.action(
        description=_("Invalidate the selected held signatures"), permissions=["moderate"]
    )
    def invalidate(self, request, queryset):
        count = self._moderate(
            request, queryset, services.invalidate, Signature.State.HELD, gettext("Invalidated")
        )
        self.message_user(
            request,
            ngettext("%(n)d signature invalidated.", "%(n)d signatures invalidated.", count)
            % {"n": count},
        )

    @admin.action(
        description=_("Hide the selected signers' names from the petition page (still counted)"),
        permissions=["moderate"],
    )
    def hide_names(self, request, queryset):
        count = self._moderate(
            request,
            queryset.filter(show_name=True),
            services.hide_names,
            Signature.State.CONFIRMED,
            gettext("Name hidden from the petition page"),
        )
        self.message_user(
            request,
            ngettext("%(n)d name hidden.", "%(n)d names hidden.", count) % {"n": count},
        )


class MessagePetitionFilter(SignedPetitionFilter):
    """The petitions with messages to moderate, most messages first."""

    parameter_name = "petition"


@admin.register(WallMessage)
class WallMessageAdmin(admin.ModelAdmin):
    """The solidarity wall's queue: messages signers asked to publish, approved or rejected
    in bulk by Moderators. Read-only otherwise: nobody edits what a signer wrote."""

    list_display = [
        "message",
        "signer",
        "petition_title",
        "state",
        "comment_review",
        "reviewed",
    ]
    list_display_links = None
    list_filter = ["comment_review", MessagePetitionFilter, "state"]
    search_fields = ["comment", "name"]
    search_help_text = _("Search the messages and the signers' names.")
    ordering = ["-created_at", "-pk"]
    list_select_related = ["petition", "comment_reviewed_by"]
    show_full_result_count = False
    actions = ["approve", "reject"]

    def get_queryset(self, request):
        return super().get_queryset(request).with_message_to_review()

    @admin.display(description=_("message"))
    def message(self, signature):
        return signature.comment

    @admin.display(description=_("shown as"), ordering="name")
    def signer(self, signature):
        return f"{signature.public_name}, {country_name(signature.country)}"

    @admin.display(description=_("petition"), ordering="petition__title")
    def petition_title(self, signature):
        return Truncator(signature.petition.title).chars(60)

    @admin.display(description=_("moderated"), ordering="comment_reviewed_at")
    def reviewed(self, signature):
        if signature.comment_reviewed_at is None:
            return ""
        when = admin_datetime(signature.comment_reviewed_at)
        moderator = signature.comment_reviewed_by
        return f"{when}, {moderator.get_username()}" if moderator else when

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def has_moderate_permission(self, request):
        return request.user.has_perm("petitions.moderate_wallmessage")

    def _review(self, request, queryset, service, history, done):
        targets = list(queryset.select_related(None).only("pk"))
        count = service(signatures=queryset, moderator=request.user)
        log_changes(request, targets, history)
        self.message_user(request, done(count) % {"n": count}, messages.SUCCESS)

    @admin.action(
        description=_("Approve the selected messages for the solidarity wall"),
        permissions=["moderate"],
    )
    def approve(self, request, queryset):
        self._review(
            request,
            queryset,
            services.approve_messages,
            gettext("Message approved for the solidarity wall"),
            lambda n: ngettext("%(n)d message approved.", "%(n)d messages approved.", n),
        )

    @admin.action(
        description=_("Reject the selected messages (keep them off the wall)"),
        permissions=["moderate"],
    )
    def reject(self, request, queryset):
        self._review(
            request,
            queryset,
            services.reject_messages,
            gettext("Message rejected for the solidarity wall"),
            lambda n: ngettext("%(n)d message rejected.", "%(n)d messages rejected.", n),
        )


@admin.register(Embassy)
class EmbassyAdmin(EditorialAdmin):
    list_display = ["country", "name", "email", "last_verified", "is_example"]
    save_on_top = True
    list_filter = ["is_example"]
    search_fields = ["name", "email", "country"]
    ordering = ["country"]
    help_texts = {
        "country": _("Supporters who sign from this country write to this embassy."),
        "name": _("The recipient's name as shown on the model letter page."),
        "email": _("Where supporters' letters are addressed."),
        "postal_address": _("Shown under the email address for supporters who send post."),
        "source_url": _("Where the address was checked, for whoever verifies it next."),
        "last_verified": _("When someone last checked that this address works."),
    }


class BlockedEmailDomainForm(forms.ModelForm):
    class Meta:
        model = BlockedEmailDomain
        fields = ["domain", "reason"]

    def clean_domain(self):
        # Lower case before the uniqueness check, so SPAM.example is found as a duplicate.
        return self.cleaned_data["domain"].strip().lower().removeprefix("@")


@admin.register(BlockedEmailDomain)
class BlockedEmailDomainAdmin(EditorialAdmin):
    form = BlockedEmailDomainForm
    help_texts = {"reason": _("For other moderators: why the domain is blocked.")}
    list_display = ["domain", "reason", "created_at"]
    list_filter = [("created_at", admin.DateFieldListFilter)]
    search_fields = ["domain", "reason"]
    ordering = ["domain"]


@admin.register(PetitionSettings)
class PetitionSettingsAdmin(EditorialAdmin):
    list_display = ["__str__", "signing_paused", "fallback_embassy_email"]

    help_texts = {
        "fallback_embassy_email": _("Where letters go when the fallback recipient is used."),
    }

    def has_add_permission(self, request):
        return super().has_add_permission(request) and not PetitionSettings.objects.exists()

    def has_delete_permission(self, request, obj=None):
        return False
