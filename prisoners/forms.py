from django import forms
from django.utils.translation import gettext_lazy as _

from core.forms import MailboxField


class FollowForm(forms.Form):
    email = MailboxField(
        label=_("Your email"),
        max_length=254,
        help_text=_("We email you a link to confirm. Only then do updates start."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        error_messages={"invalid": _("Please enter a whole email address, like name@example.com.")},
    )
    # A honeypot: people never see it, form-filling bots fill it in.
    website = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        max_length=200,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    @property
    def is_bot(self) -> bool:
        return bool(self.cleaned_data.get("website"))
