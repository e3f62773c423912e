"""Form fields the public forms share."""

import unicodedata

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from core.emails import has_invisible_characters


class MailboxField(forms.EmailField):
    """An email address with compatibility forms folded (full-width letters are the plain
    ones), refused when it holds characters nobody sees: an address that looks like one
    already signed (or follows a case) must not count as another person."""

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
