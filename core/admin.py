"""What every editorial admin shares: help texts that say what a field does on the public
page, image help, and history entries for bulk actions."""

from django.conf import settings
from django.contrib import admin
from django.contrib.admin.models import CHANGE, LogEntry
from django.utils.html import escape
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _


def log_changes(request, objects, message: str) -> None:
    """Record a bulk admin action in each object's history, as a form save would."""
    objects = list(objects)
    if objects:
        LogEntry.objects.log_actions(
            user_id=request.user.pk, queryset=objects, action_flag=CHANGE, change_message=message
        )


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
