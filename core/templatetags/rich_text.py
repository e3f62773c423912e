"""Showing the HTML editors wrote: videos placed in the text become our click-to-play player."""

from django import template
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe

from core.videos import PARAGRAPH, PROVIDER_NAMES, embed_url, video_on_its_own, watch_url

register = template.Library()


def _player_or_paragraph(match) -> str:
    video = video_on_its_own(match[1])
    if video is None:
        return match[0]
    return render_to_string(
        "includes/video_in_text.html",
        {
            "embed_url": embed_url(video),
            "watch_url": watch_url(video),
            "provider": PROVIDER_NAMES[video.provider],
        },
    )


@register.filter
def rich_text(html: str):
    """Editor HTML (sanitised when saved) for the page: each paragraph that holds only a
    YouTube or Vimeo link shows the player there, and nothing loads from the provider before
    the visitor presses play (static/js/video-facade.js)."""
    # The HTML was sanitised by core.html.clean_html when it was saved, and the player's
    # template escapes what it shows.
    return mark_safe(PARAGRAPH.sub(_player_or_paragraph, html or ""))


@register.filter
def has_videos(html: str) -> bool:
    """Whether ``rich_text`` shows a player in this HTML (the page then loads its script)."""
    return any(video_on_its_own(match[1]) for match in PARAGRAPH.finditer(html or ""))
