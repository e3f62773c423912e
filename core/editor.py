"""The rich-text editor for the long texts editors write (django-prose-editor in the admin).

What the editor can produce and what the sanitiser keeps are one list: ``EXTENSIONS`` names
only markup that ``core.html`` allows, and ``RichTextField`` runs that sanitiser when the
form is cleaned, as the models do again in ``save()``.
"""

import re

from django.forms import Media
from django.utils.translation import gettext_lazy as _
from django_prose_editor.fields import ProseEditorField
from django_prose_editor.widgets import AdminProseEditorWidget

from core.html import clean_html, paragraphs_from_plain_text
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


def sanitise(html: str) -> str:
    """The sanitised HTML of what the editor sent, video embed codes turned into links (or
    refused with a ValidationError saying why). Text without any markup (typed where the
    editor could not start) keeps its paragraphs; empty paragraphs go, so an emptied editor
    (which always keeps one) saves a blank text."""
    return _EMPTY_PARAGRAPH.sub("", clean_html(paragraphs_from_plain_text(embeds_as_links(html))))


class RichTextWidget(AdminProseEditorWidget):
    @property
    def media(self):
        # Tiptap's own rules, which it would inject as a <style> element our CSP refuses.
        return super().media + Media(css={"all": ["css/admin-prose-editor.css"]})


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
