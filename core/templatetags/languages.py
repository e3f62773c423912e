from django import template
from django.conf import settings
from django.utils import translation
from django.utils.html import format_html

from core.languages import LOCAL_NAMES, language_versions

register = template.Library()


@register.simple_tag(takes_context=True)
def page_languages(context, item=None):
    """This page in every site language, for the switcher, the hreflang alternates and the
    "Read in" links. ``item`` is the page's article, video, profile or petition, if any."""
    if item is not None and not hasattr(item, "translation_of_id"):
        item = None
    request = context.get("request")
    versions = language_versions(request, item)
    with_content = [version for version in versions if version.has_content]
    default = next(
        (version for version in with_content if version.code == settings.LANGUAGE_CODE),
        with_content[0] if with_content else versions[0],
    )
    if item is not None:
        # An item shown with another interface language is a copy of its own-language page.
        canonical = next(version.url for version in versions if version.code == item.language)
    else:
        canonical = request.path if request is not None else "/"
    return {
        "canonical": canonical,
        "versions": versions,
        "alternates": with_content,
        "x_default": default,
        "translations": [v for v in with_content if item is not None and v.code != item.language],
    }


@register.filter
def language_name(code):
    """A language code as its speakers name it: "ru" → "Русский"."""
    return LOCAL_NAMES.get(code, code)


@register.filter
def lang_attr(item):
    """` lang="ru"` for an item written in another language than the page, so screen
    readers pronounce it right; nothing when the languages agree."""
    language = getattr(item, "language", "")
    if not language or language == translation.get_language():
        return ""
    return format_html(' lang="{}"', language)
