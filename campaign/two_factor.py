"""Two-factor login for staff: a password and a code from an authenticator app (TOTP), or one
of ten recovery codes, each good once. Built on django-otp; the admin site (admin_site.py)
lets in only sessions that passed the second factor, and sends a member of staff who has no
authenticator yet to set one up before anything else.

A wrong code is a failed login like a wrong password: django-axes counts it and locks the
username after AXES_FAILURE_LIMIT of them. Both get the same error, so the form never tells
a guesser that the password was right.
"""

import re
from base64 import b32encode

import segno
from django import forms
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth.signals import user_login_failed
from django.db import transaction
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy as _
from django_otp import user_has_device
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

RECOVERY_CODE_COUNT = 10
# An authenticator app shows six digits; recovery codes are eight letters and digits, so the
# shape of what was typed says which device to check. Trying every device in turn would
# count a failure against the one that was not meant, and throttle it for nothing.
_APP_CODE = re.compile(r"\d{6}")


def needs_enrolment(user) -> bool:
    """A member of staff logged in with the password who has no authenticator yet."""
    return (
        user.is_authenticated
        and user.is_active
        and user.is_staff
        and not user.is_verified()
        and not user_has_device(user)
    )


def normalise_code(code: str) -> str:
    return "".join(code.split()).lower()


def verify_code(*, user, code: str):
    """The user's confirmed device that accepts `code` (and now refuses it for good), or
    None. django-otp throttles each device after a failure (1 s, 2 s, 4 s, …)."""
    code = normalise_code(code)
    if not code:
        return None
    model = TOTPDevice if _APP_CODE.fullmatch(code) else StaticDevice
    with transaction.atomic():
        device = model.objects.devices_for_user(user, confirmed=True).select_for_update().first()
        if device is None or not device.verify_is_allowed()[0]:
            return None
        return device if device.verify_token(code) else None


def pending_app(user) -> TOTPDevice:
    """The authenticator being set up: the same one on every visit until it is confirmed, so
    reloading the page does not invalidate the code already scanned."""
    device = TOTPDevice.objects.devices_for_user(user, confirmed=False).first()
    return device or TOTPDevice.objects.create(
        user=user, name=str(_("Authenticator app")), confirmed=False
    )


def confirm_app(*, device: TOTPDevice, code: str) -> list[str] | None:
    """Confirm the authenticator with a code it shows and give the user fresh recovery codes
    (returned to be shown once); None when the code is wrong."""
    with transaction.atomic():
        device = TOTPDevice.objects.select_for_update().get(pk=device.pk)
        if device.confirmed or not device.verify_token(normalise_code(code)):
            return None
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        StaticDevice.objects.filter(user=device.user).delete()
        recovery = StaticDevice.objects.create(
            user=device.user, name=str(_("Recovery codes")), confirmed=True
        )
        codes = [StaticToken.random_token() for _ in range(RECOVERY_CODE_COUNT)]
        StaticToken.objects.bulk_create(StaticToken(device=recovery, token=c) for c in codes)
    return codes


def secret_for_typing(device: TOTPDevice) -> str:
    """The key in base32, in groups of four, for an app that cannot scan."""
    secret = b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def qr_code_svg(device: TOTPDevice) -> SafeString:
    """The authenticator's setup address as an inline SVG QR code: drawn here, so the secret
    goes to no other host and the page needs no script or inline style. segno writes only
    paths from the encoded bits and our own title, so the markup is safe to insert."""
    svg = segno.make(device.config_url, error="m").svg_inline(
        scale=5, border=4, dark="#000", light="#fff", omitsize=True, svgclass="two-factor-qr",
        title=str(_("QR code to scan with the authenticator app")),
    )  # fmt: skip
    return mark_safe(svg)


class CodeInput(forms.TextInput):
    def __init__(self, attrs=None):
        super().__init__(
            {
                "autocomplete": "one-time-code",
                "autocapitalize": "none",
                "spellcheck": "false",
                "maxlength": "20",
                **(attrs or {}),
            }
        )


class TwoFactorLoginForm(AdminAuthenticationForm):
    """The admin's login form with the second factor in the same step."""

    otp_token = forms.CharField(
        label=_("Authentication code"),
        required=False,
        widget=CodeInput,
        help_text=_(
            "The six digits your authenticator app shows, or one of your recovery codes. "
            "Leave it empty the first time you log in: you will be asked to set up the app."
        ),
    )
    error_messages = {
        **AdminAuthenticationForm.error_messages,
        "invalid_login": _(
            "Please enter the correct %(username)s, password and authentication code for a "
            "staff account. Note that both the username and the password may be "
            "case-sensitive."
        ),
    }

    def clean(self):
        cleaned_data = super().clean()  # the password, and django-axes' lockout
        user = self.get_user()
        if user is None or not user_has_device(user):
            return cleaned_data  # no second factor yet: the admin sends them to set it up
        device = verify_code(user=user, code=cleaned_data.get("otp_token", ""))
        if device is None:
            # A failed login for django-axes, as a wrong password is.
            user_login_failed.send(
                sender=__name__,
                credentials={"username": cleaned_data.get("username")},
                request=self.request,
            )
            raise self.get_invalid_login_error()
        # django-otp marks the session verified when the login completes.
        user.otp_device = device
        return cleaned_data


class ConfirmAppForm(forms.Form):
    code = forms.CharField(
        label=_("Code from the app"),
        widget=CodeInput(attrs={"inputmode": "numeric", "maxlength": "6", "autofocus": True}),
    )
    wrong_code = _(
        "That is not the code the app shows now. Type the current one, and check that the "
        "phone sets its clock automatically."
    )
