from babel.core import UnknownLocaleError
from babel.dates import get_timezone_name
from django import template
from django.utils.translation import get_language

register = template.Library()


@register.filter
def zone_name(event) -> str:
    """The event's time zone as its readers call it at the event's start ("British Summer
    Time", "Қазақстан уақыты"), with its offset from UTC: "British Summer Time, UTC+01:00"."""
    start = event.local_start
    offset = start.strftime("%z")
    utc = f"UTC{offset[:3]}:{offset[3:]}"
    try:
        name = get_timezone_name(start, locale=get_language() or "en")
    except (UnknownLocaleError, LookupError, ValueError):
        return f"{event.time_zone}, {utc}"
    return f"{name}, {utc}"
