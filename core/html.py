"""The one place where HTML written by editors is made safe to show."""

import re
import unicodedata
from html import escape

import nh3
from django.db.migrations import RunPython

ALLOWED_TAGS = {
    "p", "br", "h2", "h3", "h4", "strong", "em", "a", "ul", "ol", "li",
    "blockquote", "figure", "figcaption", "img",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "img": {"src", "alt", "width", "height"},
    # A numbered list that starts further on or counts in letters (the editor's list
    # properties).
    "ol": {"start", "type"},
}
_LIST_TYPES = {"1", "a", "A", "i", "I"}
_LIST_START = re.compile(r"[0-9]{1,6}")
ALLOWED_URL_SCHEMES = {"http", "https", "mailto"}
_SCRIPTABLE_SCHEME = re.compile(r"^(javascript|vbscript|data):", re.IGNORECASE)


def _visible(value: str) -> str:
    # Browsers ignore invisible and control characters in some places of a URL.
    return "".join(
        char
        for char in value
        if not char.isspace() and unicodedata.category(char) not in {"Cc", "Cf"}
    )


def is_own_path(url: str) -> bool:
    """Whether an address is a path on this site (not another host, however disguised)."""
    visible = _visible(url)
    return visible.startswith("/") and not visible.startswith(("//", "/\\"))


def _filter_attribute(tag: str, attribute: str, value: str) -> str | None:
    if tag == "img" and attribute == "src":
        # Pictures from other sites would be blocked by our CSP (img-src 'self') and would
        # tell them who reads the page: only the site's own paths are kept.
        return value if is_own_path(value) else None
    if tag == "ol":
        if attribute == "start":
            return value if _LIST_START.fullmatch(value) else None
        return value if value in _LIST_TYPES else None
    # A URL that spells a script scheme once invisible characters are removed is dropped
    # even if nh3 reads it as relative.
    if attribute == "href" and _SCRIPTABLE_SCHEME.match(_visible(value)):
        return None
    return value


def clean_html(value: str) -> str:
    """Keep only the allow-listed markup: scripts, styles, event attributes,
    javascript:/data: URLs and pictures from other sites go; links get
    rel="noopener noreferrer"."""
    if not value:
        return ""
    return nh3.clean(
        value,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=ALLOWED_URL_SCHEMES,
        link_rel="noopener noreferrer",
        strip_comments=True,
        attribute_filter=_filter_attribute,
    )


_TAG = re.compile(r"</?[a-zA-Z][^>]*>")
_BLANK_LINES = re.compile(r"\n[ \t]*\n\s*")


def paragraphs_from_plain_text(value: str) -> str:
    """Plain text typed with blank lines between paragraphs, as HTML paragraphs (a single
    line break stays a line break). Text that already holds a tag is HTML and returned as
    it is, so converting twice changes nothing."""
    text = (value or "").replace("\r\n", "\n").replace("\r", "\n").strip()
    if not text or _TAG.search(text):
        return value
    return "".join(
        "<p>{}</p>".format(
            "<br>".join(escape(line.strip(), quote=False) for line in block.split("\n"))
        )
        for block in _BLANK_LINES.split(text)
    )


def paragraphs_migration(app_label: str, model_name: str, field: str) -> RunPython:
    """A data migration turning ``field``'s plain-text values into paragraphs, once (the
    rich-text editor and the page would otherwise show them as one block)."""

    def convert(apps, schema_editor):
        model = apps.get_model(app_label, model_name)
        rows = model.objects.exclude(**{field: ""}).values_list("pk", field).iterator()
        for pk, text in rows:
            converted = paragraphs_from_plain_text(text)
            if converted != text:
                model.objects.filter(pk=pk).update(**{field: converted})

    return RunPython(convert, RunPython.noop)
