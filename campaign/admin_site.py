"""The admin as editors see it: the campaign's name, apps in the order of their work, and
a lockout page in the admin's own look."""

from django.conf import settings
from django.contrib import admin
from django.contrib.admin.models import CHANGE, LogEntry
from django.shortcuts import render
from django.utils.html import escape
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

# The order editors work in: news first, then videos, prisoners and petitions.
APP_ORDER = ["articles", "media_embeds", "campaign", "petitions"]


class CampaignAdminSite(admin.AdminSite):
    site_header = settings.SITE_NAME
    site_title = settings.SITE_NAME
    index_title = _("What would you like to update?")
    site_url = "/"

    def get_app_list(self, request, app_label=None):
        apps = super().get_app_list(request, app_label)

        def position(app):
            label = app["app_label"]
            return (APP_ORDER.index(label) if label in APP_ORDER else len(APP_ORDER), app["name"])

        return sorted(apps, key=position)


def lockout_response(request, original_response=None, credentials=None):
    """What django-axes shows instead of the login form while a login is locked."""
    context = {
        **admin.site.each_context(request),
        "title": _("Too many failed logins"),
        "cooloff_minutes": int(settings.AXES_COOLOFF_TIME.total_seconds() // 60),
        "failure_limit": settings.AXES_FAILURE_LIMIT,
    }
    return render(request, "axes/lockout.html", context, status=429)


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
