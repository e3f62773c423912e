"""Content in several languages: an item has a language and may be a translation of an
original item, so the original and its translations form one translation group.

Each model keeps its own rows per language (an editor copies an article and translates it)
rather than one row with a column per language: pages, slugs, search and publication
then stay exactly as they are for one language.
"""

from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Case, Exists, F, IntegerField, OuterRef, Q, Value, When
from django.db.models.functions import Coalesce
from django.urls import translate_url
from django.utils import translation
from django.utils.translation import gettext, gettext_noop
from django.utils.translation import gettext_lazy as _

from core.http import path_without_tracking

# Each language's name in itself: a Kazakh reader looks for "Қазақша", not "Kazakh".
LOCAL_NAMES = {"en": "English", "ru": "Русский", "kk": "Қазақша"}

# SITE_NAME's default in campaign/settings.py (which cannot import this module).
DEFAULT_SITE_NAME = gettext_noop("Campaign Kazakhstan")


def site_name() -> str:
    """The site's name: the default one in the active language, a name set through
    SITE_NAME exactly as written."""
    name = settings.SITE_NAME
    return gettext(DEFAULT_SITE_NAME) if name == DEFAULT_SITE_NAME else name


def language_field():
    return models.CharField(
        _("language"),
        max_length=7,
        choices=settings.LANGUAGES,
        default="en",
        db_index=True,
        help_text=_("The language this text is written in."),
    )


def translation_of_field():
    return models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="translations",
        verbose_name=_("translation of"),
        help_text=_("For a translation: the original it translates. Leave empty for originals."),
    )


def translation_constraints(prefix: str) -> list:
    return [
        models.UniqueConstraint(
            fields=["translation_of", "language"],
            name=f"{prefix}_one_translation_per_language",
            violation_error_message=_("The original already has a translation in this language."),
        ),
        models.CheckConstraint(
            condition=~Q(translation_of=F("pk")),
            name=f"{prefix}_not_a_translation_of_itself",
        ),
    ]


class TranslatableQuerySet(models.QuerySet):
    """The QuerySet of every public content model; the model must have ``published()``."""

    def visible_to(self, user):
        """Everything for staff who passed the second factor (so editors can preview before
        publishing), only what is published for everyone else: a password alone shows no
        draft. ``is_verified`` is set on the request's user by django-otp's middleware."""
        verified = getattr(user, "is_verified", None)
        if user.is_active and user.is_staff and verified is not None and verified():
            return self.all()
        return self.published()

    def in_group_of(self, item):
        """The item and every translation of the same original (the original included)."""
        original = item.translation_of_id or item.pk
        return self.filter(Q(pk=original) | Q(translation_of=original))

    def for_language(self, language: str):
        """A list for readers of ``language``: items in it first, then the rest in the
        list's own order; an item is left out when its group has a published version in
        ``language`` (that version is listed instead). One query, whatever the list size."""
        group = Coalesce(F("translation_of"), F("pk"))
        sibling_in_language = (
            self.model._default_manager.published()
            .filter(language=language)
            .filter(
                Q(pk=OuterRef("translation_group"))
                | Q(translation_of=OuterRef("translation_group"))
            )
        )
        ordering = list(self.query.order_by or self.model._meta.ordering)
        return (
            self.annotate(
                translation_group=group,
                language_rank=Case(
                    When(language=language, then=Value(0)),
                    default=Value(1),
                    output_field=IntegerField(),
                ),
            )
            .exclude(~Q(language=language) & Exists(sibling_in_language))
            .order_by("language_rank", *ordering)
        )


def clean_translation(item) -> None:
    """The rules for linking a translation to its original, as form errors for editors."""
    original = item.translation_of
    if original is None:
        return
    if original.pk == item.pk:
        raise ValidationError({"translation_of": _("An item cannot be a translation of itself.")})
    if original.translation_of_id is not None:
        raise ValidationError(
            {"translation_of": _("Choose the original, not another translation of it.")}
        )
    if original.language == item.language:
        raise ValidationError(
            {"language": _("A translation must be in another language than its original.")}
        )


@dataclass(frozen=True)
class LanguageVersion:
    code: str
    name: str
    url: str
    current: bool
    # True when the address shows content written in this language (not only the
    # interface): these are the pages hreflang alternates and "Read in" links point to.
    has_content: bool


def _on_this_site(path: str) -> str:
    """``path`` as a link that cannot leave the site: browsers read ``//host/…`` and
    ``/\\host/…`` as addresses on another host, and a 404 page's path is whatever was asked
    for (``/ru//evil.example`` has the English version ``//evil.example``)."""
    return "/" + path.replace("\\", "%5C").lstrip("/")


def _path_in_language(path: str, language: str) -> str:
    translated = translate_url(path, language)
    if translated != path or language == translation.get_language():
        return _on_this_site(translated)
    # Addresses that resolve to nothing (a 404 page) keep their path with another prefix.
    prefixes = {code for code, _name in settings.LANGUAGES if code != settings.LANGUAGE_CODE}
    parts = path.split("/", 2)
    if len(parts) > 2 and parts[1] in prefixes:
        path = "/" + parts[2]
    if language == settings.LANGUAGE_CODE:
        return _on_this_site(path)
    return _on_this_site(f"/{language}{path}")


def language_versions(request, item=None) -> list[LanguageVersion]:
    """This page in each site language. For a translatable ``item``, a language with a
    published translation links to that translation; the others show the same item with
    the interface in that language."""
    current = translation.get_language()
    siblings = {}
    if item is not None:
        siblings = {
            sibling.language: sibling
            for sibling in type(item)._default_manager.published().in_group_of(item)
        }
        siblings.setdefault(item.language, item)
    full_path = path_without_tracking(request) if request is not None else "/"
    versions = []
    for code, _name in settings.LANGUAGES:
        if code in siblings:
            with translation.override(code):
                url = siblings[code].get_absolute_url()
        else:
            url = _path_in_language(full_path, code)
        versions.append(
            LanguageVersion(
                code=code,
                name=LOCAL_NAMES.get(code, code),
                url=url,
                current=code == current,
                has_content=item is None or code in siblings,
            )
        )
    return versions
