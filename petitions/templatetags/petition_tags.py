from django import template
from django.conf import settings
from django.urls import reverse
from django.utils.formats import number_format
from django.utils.html import escape, format_html

register = template.Library()

# Pixels the embed page needs at 400 px wide for a three-line title with the count, the button
# and the closing date.
EMBED_HEIGHT = 400


@register.filter
def thousands(value):
    """12345 → "12,345" in English, grouped the current language's way elsewhere."""
    try:
        return number_format(int(value), force_grouping=True)
    except (TypeError, ValueError):
        return value


@register.simple_tag
def embed_code(petition) -> str:
    """The <iframe> another site pastes to show ``petition``'s count and Sign button, in the
    current language, escaped to be shown as text (in a <textarea>) and copied."""
    src = settings.SITE_URL + reverse("petitions:embed", kwargs={"slug": petition.slug})
    return escape(
        format_html(
            '<iframe src="{}" title="{}" width="400" height="{}" loading="lazy" '
            'style="border:0;width:100%;max-width:400px"></iframe>',
            src,
            petition.title,
            EMBED_HEIGHT,
        )
    )
