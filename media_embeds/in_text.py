"""What the texts editors write take from this app, declared on its AppConfig and read by
``core.registry``: the player of a site video placed in a text (its own poster and title)
and the stored picture behind an image placed from the picture library."""

from functools import reduce
from operator import or_

from django.db.models import Q
from django.template.loader import render_to_string

from media_embeds.models import LibraryImage, Video


def players(keys: set[tuple[str, str]]) -> dict[tuple[str, str], str]:
    """The click-to-play player of each published video among ``(provider, video id)``."""
    if not keys:
        return {}
    matching = reduce(or_, (Q(provider=provider, video_id=video_id) for provider, video_id in keys))
    videos = Video.objects.published().for_listing().filter(matching).order_by("-published_at")
    found = {}
    for video in videos:
        found.setdefault(
            (video.provider, video.video_id),
            render_to_string("media_embeds/includes/video_facade.html", {"video": video}),
        )
    return found


def pictures(names: set[str]):
    """The stored image field of each library picture among these file names."""
    if not names:
        return {}
    images = LibraryImage.objects.filter(image__in=names).only("image", "width", "height")
    return {image.image.name: image.image for image in images}
