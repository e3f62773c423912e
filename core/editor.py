"""The rich-text editor for the long texts editors write (django-prose-editor in the admin).

What the editor can produce and what the sanitiser keeps are one list: ``EXTENSIONS`` names
only markup that ``core.html`` allows, and ``RichTextField`` runs that sanitiser when the
form is cleaned, as the models do again in ``save()``.
"""

import re
from html.parser import HTMLParser
from urllib.parse import urlsplit

from django.core.exceptions import ValidationError
from django.forms import Media
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django_prose_editor.fields import ProseEditorField
from django_prose_editor.widgets import AdminProseEditorWidget

from core import registry
from core.html import clean_html, is_own_path, paragraphs_from_plain_text
from core.videos import embeds_as_links

PRESET = "campaign"

VIDEO_HELP = _(
    "To show a YouTube or Vimeo video at a place in the text, paste its link (or its embed "
    "code) on a line of its own. Visitors see our player, which loads nothing from YouTube "
    "or Vimeo until they press play."
)

EXTENSIONS = {
    "Bold": True,
    "Italic": True,
    # The page's title is the only h1; sections start at h2 (h4 only for texts written
    # before the editor, which must open unchanged).
    "Heading": {"levels": [2, 3, 4]},
    "BulletList": True,
    "OrderedList": True,
    "ListItem": True,
    "Blockquote": True,
    "HardBreak": True,
    "Link": {"enableTarget": False, "protocols": ["http", "https", "mailto"]},
    "History": True,
    # A picture already on the site (its address under /media/), with its description and
    # an optional caption; the sanitiser keeps only our own addresses, as the CSP does.
    "Image": True,
    "Figure": True,
    "Caption": True,
}


# Enter pressed twice leaves an empty paragraph; pages space paragraphs themselves.
_EMPTY_PARAGRAPH = re.compile(r"<p>(?:\s|<br>)*</p>")


class _Pictures(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found: list[dict[str, str]] = []

    def handle_starttag(self, tag, attrs):
        if tag == "img":
            self.found.append({name: value or "" for name, value in attrs})


def _picture_problems(html: str) -> list:
    """Why the pictures in this HTML cannot be kept: one from another site (our CSP would
    block it, and it would tell that site who reads the page), pasted data, or one without
    a description."""
    parser = _Pictures()
    parser.feed(html or "")
    parser.close()
    problems = []
    for attributes in parser.found:
        source = attributes.get("src", "").strip()
        if source[:5].lower() == "data:":
            problems.append(
                _(
                    "A picture pasted into the text cannot be kept: upload it with the "
                    "toolbar's picture button, with its description."
                )
            )
        elif not is_own_path(source):
            try:
                host = urlsplit(source if "//" in source else "//" + source).hostname
            except ValueError:
                host = None
            problems.append(
                _(
                    "The picture from %(host)s cannot be shown: pictures from other sites "
                    "are blocked on our pages and would tell those sites who reads them. "
                    "Upload it with the toolbar's picture button instead."
                )
                % {"host": host or source[:200]}
            )
        elif not attributes.get("alt", "").strip():
            problems.append(
                _(
                    "A picture in the text has no description for people who cannot see it: "
                    "select the picture, press the toolbar's figure button and fill in its "
                    "alternative text."
                )
            )
    return problems


def sanitise(html: str) -> str:
    """The sanitised HTML of what the editor sent, video embed codes turned into links (or
    refused with a ValidationError saying why, as are pictures from other sites and pictures
    without a description). Text without any markup (typed where the editor could not
    start) keeps its paragraphs; empty paragraphs go, so an emptied editor (which always
    keeps one) saves a blank text."""
    problems = _picture_problems(html)
    if problems:
        raise ValidationError(problems, code="unusable_picture")
    return _EMPTY_PARAGRAPH.sub("", clean_html(paragraphs_from_plain_text(embeds_as_links(html))))


class RichTextWidget(AdminProseEditorWidget):
    @property
    def media(self):
        # Tiptap's own rules, which it would inject as a <style> element our CSP refuses.
        return super().media + Media(css={"all": ["css/admin-prose-editor.css"]})

    def get_config(self):
        """The editor's extensions and the addresses of the admin views its picker buttons
        ask (the apps that hold videos and pictures declare them)."""
        pickers = {kind: reverse(url_name) for kind, url_name in registry.editor_pickers().items()}
        return super().get_config() | {"pickers": pickers}


class RichTextField(ProseEditorField):
    """A TextField edited with paragraphs, headings, bold and italic, links, lists and
    quotes; stored as sanitised HTML. The database column stays a plain text column."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("extensions", EXTENSIONS)
        kwargs.setdefault("preset", PRESET)
        kwargs.setdefault("sanitize", sanitise)
        super().__init__(*args, **kwargs)

    def formfield(self, **kwargs):
        return super().formfield(**{**kwargs, "widget": RichTextWidget})
