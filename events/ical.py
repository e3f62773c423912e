"""Events as iCalendar (RFC 5545), written by hand: the site needs one component (VEVENT)
with a dozen properties, which is less code than adapting a library to it.

Times are written in UTC (``DTSTART:20131217T190000Z``): exact, and needing no VTIMEZONE
block, which RFC 5545 requires for every ``TZID`` and which would have to be rebuilt from
the zone database's rules. Calendars show them on the reader's own clock; the event's zone
is on its page. A date-only event is an all-day event (``VALUE=DATE``) on the dates of its
own zone.
"""

import datetime
from collections.abc import Iterable
from urllib.parse import urlsplit

from django.conf import settings

CRLF = "\r\n"
LINE_OCTETS = 75


def escape_text(value: str) -> str:
    """A TEXT value (RFC 5545 3.3.11): backslash, semicolon and comma escaped, every line
    break written as ``\\n``."""
    value = value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    return value.replace("\r\n", "\n").replace("\r", "\n").replace("\n", "\\n")


def fold(line: str) -> str:
    """A content line cut into lines of at most 75 octets, each after the first starting
    with a space (RFC 5545 3.1), never inside a UTF-8 character."""
    pieces = []
    current = b""
    limit = LINE_OCTETS
    for char in line:
        encoded = char.encode()
        if len(current) + len(encoded) > limit:
            pieces.append(current.decode())
            current = b""
            limit = LINE_OCTETS - 1  # the leading space counts
        current += encoded
    pieces.append(current.decode())
    return (CRLF + " ").join(pieces)


def utc_stamp(moment) -> str:
    return moment.astimezone(datetime.UTC).strftime("%Y%m%dT%H%M%SZ")


def _uid(event) -> str:
    return f"event-{event.pk}@{urlsplit(settings.SITE_URL).hostname}"


def _event_lines(event) -> list[str]:
    language = f";LANGUAGE={event.language}"
    if event.time_known:
        when = [f"DTSTART:{utc_stamp(event.start)}", f"DTEND:{utc_stamp(event.end)}"]
    else:
        when = [
            f"DTSTART;VALUE=DATE:{event.local_start.date():%Y%m%d}",
            f"DTEND;VALUE=DATE:{event.local_end.date():%Y%m%d}",
        ]
    url = event.get_absolute_site_url()
    description = "\n\n".join(part for part in (event.plain_text, url) if part)
    lines = [
        "BEGIN:VEVENT",
        f"UID:{_uid(event)}",
        # What the entry says was last revised then: the same file for the same event.
        f"DTSTAMP:{utc_stamp(event.updated_at)}",
        f"LAST-MODIFIED:{utc_stamp(event.updated_at)}",
        *when,
        f"SUMMARY{language}:{escape_text(event.title)}",
        f"DESCRIPTION{language}:{escape_text(description)}",
    ]
    location = event.place or event.online_url
    if location:
        lines.append(f"LOCATION{language}:{escape_text(location)}")
    lines += [f"URL:{url}", "END:VEVENT"]
    return lines


def calendar(events: Iterable, *, name: str) -> str:
    """A whole calendar of ``events`` (each with the fields ``Event`` lists), CRLF ended."""
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:-//{urlsplit(settings.SITE_URL).hostname}//Events//EN",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"X-WR-CALNAME:{escape_text(name)}",
    ]
    for event in events:
        lines += _event_lines(event)
    lines.append("END:VCALENDAR")
    return "".join(fold(line) + CRLF for line in lines)
