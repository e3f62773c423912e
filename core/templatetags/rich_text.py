"""Showing the HTML editors wrote: videos placed in the text become our click-to-play player
and pictures from the site's picture library our resized renditions."""

import re
from html import unescape

from django import template
from django.conf import settings
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe

from core import registry
from core.images import responsive_image
from core.videos import PARAGRAPH, PROVIDER_NAMES, embed_url, video_on_its_own, watch_url

register = template.Library()

# Sanitised HTML (core.html) writes every attribute as name="value".
_IMAGE = re.compile(r"<img\b([^>]*)>")
_ATTRIBUTE = re.compile(r'([a-z]+)="([^"]*)"')
PICTURE_SIZES = "(min-width: 48rem) 48rem, 100vw"


def _show_videos(html: str) -> str:
    placed = {match[1]: video_on_its_own(match[1]) for match in PARAGRAPH.finditer(html)}
    # A video of the site's own video list keeps its poster and title; any other shows our
    # neutral poster.
    players = registry.text_players(
        {(video.provider, video.video_id) for video in placed.values() if video}
    )

    def player_or_paragraph(match) -> str:
        video = placed[match[1]]
        if video is None:
            return match[0]
        if (video.provider, video.video_id) in players:
            return players[video.provider, video.video_id]
        return render_to_string(
            "includes/video_in_text.html",
            {
                "embed_url": embed_url(video),
                "watch_url": watch_url(video),
                "provider": PROVIDER_NAMES[video.provider],
            },
        )

    return PARAGRAPH.sub(player_or_paragraph, html)


def _media_name(attributes: dict[str, str]) -> str | None:
    source = unescape(attributes.get("src", ""))
    media = settings.MEDIA_URL
    return source.removeprefix(media) if source.startswith(media) else None


def _show_pictures(html: str) -> str:
    placed = {
        match[0]: dict(_ATTRIBUTE.findall(match[1]))
        for match in _IMAGE.finditer(html)
        if "src=" in match[1]
    }
    pictures = registry.text_pictures(
        {name for attributes in placed.values() if (name := _media_name(attributes))}
    )
    if not pictures:
        return html

    def rendition_or_image(match) -> str:
        attributes = placed.get(match[0])
        stored = pictures.get(_media_name(attributes)) if attributes else None
        image = stored and responsive_image(
            stored, alt=unescape(attributes.get("alt", "")), sizes=PICTURE_SIZES
        )
        if not image:
            return match[0]
        return render_to_string("includes/image.html", {"image": image}).strip()

    return _IMAGE.sub(rendition_or_image, html)


@register.filter
def rich_text(html: str):
    """Editor HTML (sanitised when saved) for the page: each paragraph that holds only a
    YouTube or Vimeo link shows the player there, and nothing loads from the provider before
    the visitor presses play (static/js/video-facade.js); a picture from the library is
    shown as WebP renditions with srcset, width and height."""
    # The HTML was sanitised by core.html.clean_html when it was saved, and the templates
    # escape what they show.
    return mark_safe(_show_videos(_show_pictures(html or "")))


@register.filter
def has_videos(html: str) -> bool:
    """Whether ``rich_text`` shows a player in this HTML (the page then loads its script)."""
    return any(video_on_its_own(match[1]) for match in PARAGRAPH.finditer(html or ""))
