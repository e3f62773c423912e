import unicodedata
from functools import lru_cache

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField
from django_countries.widgets import LazySelect

from core.countries import LocalizedCountries, country_choices
from petitions.services import (
    CONSENT_WORDINGS,
    CURRENT_CONSENT_WORDING,
    SignatureDetails,
    has_invisible_characters,
)

# Symbols (emoji, U+FFFD from undecodable bytes), control and private-use characters.
_REJECTED_CATEGORIES = {"So", "Sk", "Cc", "Cf", "Cs", "Co", "Cn"}


def validate_name_text(value: str) -> None:
    if any(unicodedata.category(char) in _REJECTED_CATEGORIES for char in value):
        raise ValidationError(
            _("Please write your name with letters only (no emoji or symbols)."),
            code="symbols",
        )
    if not any(char.isalpha() for char in value):
        raise ValidationError(_("Please write your name."), code="no_letters")


def validate_plain_text(value: str) -> None:
    if any(
        unicodedata.category(char) in {"Cc", "Cs", "Co"} and char not in "\r\n\t" for char in value
    ):
        raise ValidationError(_("This text contains characters we cannot store."), code="control")


class MailboxField(forms.EmailField):
    """An email address with compatibility forms folded (full-width letters are the plain
    ones), refused when it holds characters nobody sees: an address that looks like one
    already signed must not count as another signer."""

    def to_python(self, value):
        return unicodedata.normalize("NFKC", super().to_python(value)).strip()

    def validate(self, value):
        # Before the address validators, whose error would not say what is wrong.
        super().validate(value)
        if has_invisible_characters(value):
            raise ValidationError(
                _(
                    "This address contains invisible characters (such as a zero-width space "
                    "or a soft hyphen). Please type it again."
                ),
                code="invisible",
            )


COUNTRY_BLANK_LABEL = "---------"


def _attributes(attrs: dict) -> str:
    # As Django's widgets/attrs.html writes them, in the same order.
    return "".join(
        f" {name}" if value is True else f' {name}="{escape(value)}"'
        for name, value in attrs.items()
        if value is not False
    )


@lru_cache(maxsize=16)
def _country_options(language: str) -> tuple[tuple[str, str, str], ...]:
    """Each country option as (value, markup before ``selected``, markup after) in
    ``language``. The list follows only the code (the libraries' country names) and the
    language, never content, so it is made once per language and process."""
    choices = (("", COUNTRY_BLANK_LABEL), *country_choices(language))
    return tuple(
        (str(value), f'\n  <option value="{escape(value)}"', f">{escape(label)}</option>\n")
        for value, label in choices
    )


class CountrySelect(LazySelect):
    """The country select, written without a template per option: rendering some 250
    option templates was most of the petition page's cost. The markup is Django's own
    (tests compare the two); the visitor's choice is marked while joining the options."""

    def render(self, name, value, attrs=None, renderer=None):
        selected = next(iter(self.format_value(value)), None)
        parts = [
            f'<select name="{escape(name)}"{_attributes(self.build_attrs(self.attrs, attrs))}>'
        ]
        for option_value, start, end in _country_options(get_language() or settings.LANGUAGE_CODE):
            if option_value == selected:
                parts.append(f"{start} selected{end}")
                selected = None  # only the first match, as Select does
            else:
                parts.append(start + end)
        parts.append("\n</select>")
        return mark_safe("".join(parts))


def country_field(label):
    """A required country select whose names follow the visitor's language (the choices are
    evaluated per request, not frozen in the language the module was imported in)."""
    return CountryField(blank_label=COUNTRY_BLANK_LABEL, countries=LocalizedCountries).formfield(
        label=label, widget=CountrySelect
    )


class SignatureForm(forms.Form):
    name = forms.CharField(
        label=_("Full name"),
        max_length=100,
        validators=[validate_name_text],
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    email = MailboxField(
        label=_("Email"),
        max_length=254,
        help_text=_("We send you a link to confirm your signature."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        error_messages={"invalid": _("Please enter a whole email address, like name@example.com.")},
    )
    country = country_field(_("Country"))
    city = forms.CharField(
        label=_("City (optional)"), max_length=100, required=False, validators=[validate_name_text]
    )
    comment = forms.CharField(
        label=_("Comment (optional)"),
        max_length=500,
        required=False,
        validators=[validate_plain_text],
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    publish_comment = forms.BooleanField(
        label=_(
            "Publish my comment on the solidarity wall with my first name, initial and "
            "country, once a moderator has read it"
        ),
        required=False,
    )
    show_name = forms.BooleanField(
        label=_("Show my first name, initial and country on the petition page"), required=False
    )
    contact_consent = forms.BooleanField(
        label=CONSENT_WORDINGS[CURRENT_CONSENT_WORDING], required=False
    )
    consent_wording = forms.ChoiceField(
        choices=[(key, key) for key in CONSENT_WORDINGS],
        initial=CURRENT_CONSENT_WORDING,
        widget=forms.HiddenInput,
        error_messages={
            "required": _("This form is out of date: please check the boxes and send it again."),
            "invalid_choice": _(
                "This form is out of date: please check the boxes and send it again."
            ),
        },
    )
    # A honeypot: people never see it, form-filling bots fill it in.
    website = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        max_length=200,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    def clean_name(self):
        return " ".join(self.cleaned_data["name"].split())

    def clean_city(self):
        return " ".join(self.cleaned_data["city"].split())

    HONEYPOT = "website"

    @property
    def is_bot(self) -> bool:
        return bool(self.cleaned_data.get(self.HONEYPOT))

    def signature_details(self) -> SignatureDetails:
        """The valid form's answers, for ``sign_petition`` (the honeypot left out)."""
        data = {name: value for name, value in self.cleaned_data.items() if name != self.HONEYPOT}
        return SignatureDetails(**data)


class LetterCountryForm(forms.Form):
    country = country_field(_("Your country"))
