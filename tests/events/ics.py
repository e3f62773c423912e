"""A small reader of iCalendar text for the tests: it unfolds lines as RFC 5545 says and
splits each into name, parameters and value, so tests assert on what a calendar reads."""

from dataclasses import dataclass


@dataclass
class Property:
    name: str
    params: dict
    value: str


def unfold(text: str) -> list[str]:
    assert text.endswith("\r\n")
    return text.replace("\r\n ", "").removesuffix("\r\n").split("\r\n")


def parse_line(line: str) -> Property:
    head, _colon, value = line.partition(":")
    name, *params = head.split(";")
    return Property(name, dict(param.split("=", 1) for param in params), value)


def events(text: str) -> list[dict[str, Property]]:
    """Each VEVENT as {property name: Property}."""
    found, current = [], None
    for line in unfold(text):
        prop = parse_line(line)
        if (prop.name, prop.value) == ("BEGIN", "VEVENT"):
            current = {}
        elif (prop.name, prop.value) == ("END", "VEVENT"):
            found.append(current)
            current = None
        elif current is not None:
            current[prop.name] = prop
    return found


def unescape(value: str) -> str:
    out, chars = [], iter(value)
    for char in chars:
        if char == "\\":
            following = next(chars)
            out.append("\n" if following in "nN" else following)
        else:
            out.append(char)
    return "".join(out)
