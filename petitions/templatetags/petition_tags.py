from django import template
from django.utils.formats import number_format

register = template.Library()


@register.filter
def thousands(value):
    """12345 → "12,345" in English, grouped the current language's way elsewhere."""
    try:
        return number_format(int(value), force_grouping=True)
    except (TypeError, ValueError):
        return value
