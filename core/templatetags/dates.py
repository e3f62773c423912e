import datetime

from django import template
from django.utils import timezone

register = template.Library()


@register.filter
def datetime_attr(value) -> str:
    """A date or datetime for a ``<time datetime>`` attribute: ISO 8601 in the site's time
    zone, to the second. Django's ``date:'c'`` keeps microseconds, which HTML refuses
    (a fraction of a second has at most three digits)."""
    if isinstance(value, datetime.datetime):
        if timezone.is_aware(value):
            value = timezone.localtime(value)
        return value.isoformat(timespec="seconds")
    if isinstance(value, datetime.date):
        return value.isoformat()
    return ""
