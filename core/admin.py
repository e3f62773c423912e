"""What every editorial admin shares: help texts that say what a field does on the public
page, image help, history entries for bulk actions, and the one way content is published
(``ContentAdmin``)."""

from django.conf import settings
from django.contrib import admin, messages
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.admin.options import IS_POPUP_VAR
from django.http import HttpResponseRedirect
from django.utils import formats, timezone
from django.utils.html import escape
from django.utils.text import format_lazy
from django.utils.translation import gettext, ngettext, pgettext
from django.utils.translation import gettext_lazy as _

from core import services


def log_changes(request, objects, message: str) -> None:
    """Record a bulk admin action in each object's history, as a form save would."""
    objects = list(objects)
    if objects:
        LogEntry.objects.log_actions(
            user_id=request.user.pk, queryset=objects, action_flag=CHANGE, change_message=message
        )


def admin_datetime(value) -> str:
    """A moment as the admin's lists show it: "3 December 2026, 09:00" in the editor's
    language (the short format's 12/03/2026 reads as March to half the world)."""
    return formats.date_format(timezone.localtime(value), "DATETIME_FORMAT")


def image_help(where):
    """Help for an image field: where the picture appears, and what files are accepted."""
    return format_lazy(
        "{} {}",
        where,
        format_lazy(
            _("A JPEG, PNG, GIF or WebP picture of at most {} MB; the site makes smaller copies."),
            f"{settings.IMAGE_UPLOAD_MAX_BYTES / 1_048_576:g}",
        ),
    )


class EditorialAdmin(admin.ModelAdmin):
    """A model admin whose ``help_texts`` tell editors what each field does on the public
    page, for fields whose model declares no help. They live here rather than on the model
    fields so that wording the help needs no migration."""

    help_texts: dict = {}

    def get_form(self, request, obj=None, change=False, **kwargs):
        # The admin shows help texts as HTML; ours are plain text that may name an address
        # pattern such as /news/<slug>/, which would vanish as an unknown tag.
        kwargs.setdefault(
            "help_texts", {name: escape(text) for name, text in self.help_texts.items()}
        )
        return super().get_form(request, obj, change, **kwargs)


class PublicationFilter(admin.SimpleListFilter):
    """What the public sees now, what waits for its date, and the drafts."""

    title = _("publication")
    parameter_name = "publication"

    def lookups(self, request, model_admin):
        return [
            ("public", _("Public now")),
            ("scheduled", _("Scheduled")),
            ("draft", _("Draft")),
        ]

    def queryset(self, request, queryset):
        match self.value():
            case "public":
                return queryset.published()
            case "scheduled":
                return queryset.scheduled()
            case "draft":
                return queryset.drafts()
        return queryset


class ContentAdmin(EditorialAdmin):
    """The admin of a ``core.models.Content`` type: every content type is published the same
    way, with the same fields in the same place of the form (right after the main fields),
    the same list column and filter, and the same list actions. Subclasses list their own
    fields, columns, filters and actions; this adds the publication ones."""

    actions = ["publish", "unpublish"]
    publication_fieldset = (_("Publication"), {"fields": ["publication", "published_at"]})

    def get_fieldsets(self, request, obj=None):
        fieldsets = list(super().get_fieldsets(request, obj))
        named = {name for _title, options in fieldsets for name in options["fields"]}
        if not named & {"publication", "published_at"}:
            fieldsets.insert(1, self.publication_fieldset)
        return fieldsets

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        # Shown wherever the form can be saved (templates/admin/submit_line.html).
        context["show_save_and_preview"] = not context.get("is_popup") and (
            self.has_change_permission(request, obj) if change else self.has_add_permission(request)
        )
        return super().render_change_form(request, context, add, change, form_url, obj)

    def response_add(self, request, obj, post_url_continue=None):
        if self._wants_preview(request):
            return HttpResponseRedirect(obj.get_absolute_url())
        return super().response_add(request, obj, post_url_continue)

    def response_change(self, request, obj):
        if self._wants_preview(request):
            return HttpResponseRedirect(obj.get_absolute_url())
        return super().response_change(request, obj)

    def _wants_preview(self, request) -> bool:
        """ "Save and preview": on to the page's public address, where staff see a draft or
        a scheduled page with a banner, as "View on site" shows it."""
        return "_preview" in request.POST and IS_POPUP_VAR not in request.POST

    def get_list_display(self, request):
        # Next to the title: at the end of a wide list it was cut off on a laptop screen.
        first, *rest = super().get_list_display(request)
        return [first, "publication_state", *rest]

    def get_list_filter(self, request):
        return [PublicationFilter, *super().get_list_filter(request)]

    @admin.display(description=_("publication"), ordering="publication")
    def publication_state(self, item):
        # "Published" with a future date is still hidden; editors need to see that at a glance.
        if item.is_public:
            return gettext("Public")
        if item.is_scheduled:
            return gettext("Scheduled for %(date)s") % {"date": admin_datetime(item.published_at)}
        return gettext("Draft")

    @admin.action(
        description=_("Publish the selected %(verbose_name_plural)s"), permissions=["change"]
    )
    def publish(self, request, queryset):
        log_changes(request, queryset, pgettext("content history", "Published"))
        count = services.publish(queryset=queryset)
        self.message_user(
            request,
            ngettext(
                "%(count)d page published (any with a future date stay scheduled).",
                "%(count)d pages published (any with a future date stay scheduled).",
                count,
            )
            % {"count": count},
            messages.SUCCESS,
        )

    @admin.action(
        description=_("Unpublish the selected %(verbose_name_plural)s (back to draft)"),
        permissions=["change"],
    )
    def unpublish(self, request, queryset):
        log_changes(request, queryset, pgettext("content history", "Unpublished (back to draft)"))
        count = services.unpublish(queryset=queryset)
        self.message_user(
            request,
            ngettext(
                "%(count)d page moved back to draft.",
                "%(count)d pages moved back to draft.",
                count,
            )
            % {"count": count},
            messages.SUCCESS,
        )
