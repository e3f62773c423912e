"""The admin as editors see it: the campaign's name, apps in the order of their work, a
lockout page in the admin's own look, and a login with a second factor (two_factor.py)."""

from functools import update_wrapper

from django.conf import settings
from django.contrib import admin
from django.contrib.auth import REDIRECT_FIELD_NAME
from django.contrib.auth.views import redirect_to_login
from django.core.validators import MaxLengthValidator
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils.decorators import method_decorator
from django.utils.functional import lazy
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_protect
from django_otp import login as otp_login

from campaign import two_factor
from core.languages import site_name

# The order editors work in: news first, then videos, prisoners and petitions.
APP_ORDER = ["articles", "media_embeds", "prisoners", "petitions"]


class LoginForm(two_factor.TwoFactorLoginForm):
    """The admin's two-factor login form, with the username's length checked.

    Django's form gives the field the user model's max_length only after making it, which
    sets the input's maxlength but adds no validator: a longer username, posted by a script,
    went on to the login backends, and django-axes' record of the failed attempt (a
    255-character column) failed in PostgreSQL with a 500 instead of the form's error."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        username = self.fields["username"]
        username.validators.append(MaxLengthValidator(username.max_length))


class CampaignAdminSite(admin.AdminSite):
    site_header = lazy(site_name, str)()
    site_title = lazy(site_name, str)()
    index_title = _("What would you like to update?")
    site_url = "/"
    login_form = LoginForm
    login_template = "two_factor/login.html"

    def has_permission(self, request):
        """Staff whose session passed the second factor; a password alone is not enough."""
        return super().has_permission(request) and request.user.is_verified()

    def admin_view(self, view, cacheable=False):
        """Until they have set up an authenticator, staff logged in with the password reach
        only its setup page (and can log out)."""
        checked = super().admin_view(view, cacheable)
        unchecked = csrf_protect(never_cache(view))

        def inner(request, *args, **kwargs):
            if two_factor.needs_enrolment(request.user):
                if request.path == reverse("admin:logout", current_app=self.name):
                    return unchecked(request, *args, **kwargs)
                return self._to_setup(request, request.get_full_path())
            return checked(request, *args, **kwargs)

        return update_wrapper(inner, checked)

    def login(self, request, extra_context=None):
        if request.method == "GET" and two_factor.needs_enrolment(request.user):
            return self._to_setup(request, request.GET.get(REDIRECT_FIELD_NAME, ""))
        return super().login(request, extra_context)

    def get_urls(self):
        return [
            path("two-factor/", self.two_factor_setup, name="two_factor_setup"),
            *super().get_urls(),
        ]

    def _to_setup(self, request, next_url):
        setup = reverse("admin:two_factor_setup", current_app=self.name)
        return redirect_to_login(next_url or self._index(), setup)

    def _index(self):
        return reverse("admin:index", current_app=self.name)

    def _next_url(self, request):
        next_url = request.POST.get(REDIRECT_FIELD_NAME) or request.GET.get(REDIRECT_FIELD_NAME)
        allowed = url_has_allowed_host_and_scheme(
            next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        )
        return next_url if next_url and allowed else self._index()

    @method_decorator(csrf_protect)
    @method_decorator(never_cache)
    def two_factor_setup(self, request):
        """Set up the authenticator app: scan the QR code (or type the key), confirm with a
        code it shows, then see the recovery codes, once."""
        if not two_factor.needs_enrolment(request.user):
            if self.has_permission(request):
                return redirect(self._next_url(request))
            return redirect_to_login(self._next_url(request), reverse("admin:login"))
        device = two_factor.pending_app(request.user)
        form = two_factor.ConfirmAppForm(request.POST or None)
        context = {
            **self.each_context(request),
            "title": _("Set up two-factor login"),
            "next": self._next_url(request),
        }
        if form.is_valid():
            codes = two_factor.confirm_app(device=device, code=form.cleaned_data["code"])
            if codes is not None:
                otp_login(request, device)
                context |= {"title": _("Your recovery codes"), "recovery_codes": codes}
                return render(request, "two_factor/recovery_codes.html", context)
            form.add_error("code", form.wrong_code)
        context |= {
            "form": form,
            "qr_code": two_factor.qr_code_svg(device),
            "secret": two_factor.secret_for_typing(device),
        }
        return render(request, "two_factor/setup.html", context)

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
