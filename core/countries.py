"""Country names in the visitor's language, from the Unicode CLDR (through Babel).

django-countries has no Kazakh catalogue, and its Russian one has names in the wrong case
("Либерии"); CLDR names every country in every language the site speaks. Which codes exist
is still django-countries' list, so stored values and validation are unchanged.
"""

import unicodedata
from functools import lru_cache

from babel import Locale, UnknownLocaleError
from django.conf import settings
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django_countries import Countries, CountryTuple
from django_countries.fields import CountryField
from django_countries.widgets import LazySelect

# Letters in each language's alphabetical order, where it differs from code-point order
# (Russian yo right after ye; Kazakh letters beside the Russian ones they extend, not after
# ya).
_ALPHABETS = {
    "ru": "абвгдеёжзийклмнопрстуфхцчшщъыьэюя",
    "kk": "аәбвгғдеёжзийкқлмнңоөпрстуұүфхһцчшщъыіьэюя",
}


@lru_cache(maxsize=16)
def _cldr_names(language: str) -> dict[str, str]:
    try:
        return dict(Locale.parse(language, sep="-").territories)
    except (UnknownLocaleError, ValueError):
        return {}


def country_name(code: str, language: str | None = None) -> str:
    """The name of the country ``code`` in ``language`` (the active language by default);
    English, then the code itself, when CLDR lacks it."""
    code = str(code).upper()
    names = _cldr_names(language or get_language() or "en")
    return names.get(code) or _cldr_names("en").get(code) or code


def collation_key(text: str, language: str) -> tuple:
    """A sort key that orders ``text`` as the language's dictionaries do: letters of its
    alphabet in their order, accented Latin letters beside their plain ones, case ignored."""
    alphabet = _ALPHABETS.get(language, "")
    key = []
    for char in unicodedata.normalize("NFC", text).casefold():
        if char in alphabet:
            key.append(0x10000 + alphabet.index(char))
        else:
            key.append(ord(unicodedata.normalize("NFD", char)[0]))
    return tuple(key)


@lru_cache(maxsize=16)
def country_choices(language: str) -> tuple[CountryTuple, ...]:
    """Every country as (code, name) in ``language``, in its alphabetical order; made once
    per language and process (the list changes only with a new release of the libraries)."""
    named = (CountryTuple(code, country_name(code, language)) for code in Countries().countries)
    return tuple(sorted(named, key=lambda country: collation_key(country.name, language)))


class LocalizedCountries(Countries):
    """django-countries' list with CLDR names in the active language: given to a
    ``CountryField`` (``countries=LocalizedCountries``), its choices, the admin and
    ``country.name`` all speak the visitor's language."""

    def translate_pair(self, code, name=None):
        return CountryTuple(code, country_name(code))

    def __iter__(self):
        yield from country_choices(get_language() or "en")


# ---- the country select of public forms ----

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
