"""The admin as editors see it: the campaign's name, apps in the order of their work, and
a lockout page in the admin's own look."""

from django.conf import settings
from django.contrib import admin
from django.contrib.admin.forms import AdminAuthenticationForm
from django.core.validators import MaxLengthValidator
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

# The order editors work in: news first, then videos, prisoners and petitions.
APP_ORDER = ["articles", "media_embeds", "prisoners", "petitions"]


class LoginForm(AdminAuthenticationForm):
    """The admin's login form, with the username's length checked.

    Django's form gives the field the user model's max_length only after making it, which
    sets the input's maxlength but adds no validator: a longer username, posted by a script,
    went on to the login backends, and django-axes' record of the failed attempt (a
    255-character column) failed in PostgreSQL with a 500 instead of the form's error."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        username = self.fields["username"]
        username.validators.append(MaxLengthValidator(username.max_length))


class CampaignAdminSite(admin.AdminSite):
    site_header = settings.SITE_NAME
    site_title = settings.SITE_NAME
    index_title = _("What would you like to update?")
    site_url = "/"
    login_form = LoginForm

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
