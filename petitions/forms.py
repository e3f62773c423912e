import unicodedata

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from core.countries import country_field
from core.forms import MailboxField
from petitions.services import CONSENT_WORDINGS, CURRENT_CONSENT_WORDING, SignatureDetails

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
