"""Copying a video's thumbnail from its provider into our own media.

Runs only when an editor saves a video without a poster, never while a page is rendered:
pages show posters from our media so that visitors' browsers contact no video site until
they press play.
"""

import io
import json
import logging
from urllib.error import URLError
from urllib.parse import urlencode, urlsplit
from urllib.request import Request, urlopen

from django.conf import settings
from django.core.files.base import ContentFile
from django.utils.translation import gettext, override
from PIL import Image, UnidentifiedImageError

from core import videos as providers
from media_embeds.models import Video

logger = logging.getLogger(__name__)

ACCEPTED_IMAGE_FORMATS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp"}
VIMEO_THUMBNAIL_HOST_SUFFIX = ".vimeocdn.com"
MAX_OEMBED_BYTES = 64 * 1024


class ThumbnailUnavailable(Exception):
    pass


def _download(url: str, *, limit: int) -> bytes:
    request = Request(url, headers={"User-Agent": "campaign-site thumbnail fetcher"})
    with urlopen(request, timeout=settings.VIDEO_THUMBNAIL_TIMEOUT) as response:
        data = response.read(limit + 1)
    if len(data) > limit:
        raise ThumbnailUnavailable(f"{url} is larger than {limit} bytes")
    return data


def thumbnail_url(video: Video) -> str:
    """Where the provider keeps the video's thumbnail; for Vimeo this asks its oEmbed API."""
    if video.provider == providers.YOUTUBE:
        return f"https://i.ytimg.com/vi/{video.video_id}/hqdefault.jpg"
    page = f"https://vimeo.com/{video.video_id}"
    if video.unlisted_hash:
        page += f"/{video.unlisted_hash}"
    oembed = "https://vimeo.com/api/oembed.json?" + urlencode({"url": page, "width": 1280})
    try:
        thumbnail = json.loads(_download(oembed, limit=MAX_OEMBED_BYTES))["thumbnail_url"]
    except (ValueError, KeyError, TypeError) as error:
        raise ThumbnailUnavailable(f"unreadable oEmbed answer for {page}") from error
    parts = urlsplit(str(thumbnail))
    if parts.scheme != "https" or not (parts.hostname or "").endswith(VIMEO_THUMBNAIL_HOST_SUFFIX):
        raise ThumbnailUnavailable(f"unexpected thumbnail address {thumbnail!r}")
    return thumbnail


def _image_extension(data: bytes) -> str:
    try:
        with Image.open(io.BytesIO(data)) as image:
            image.verify()
            image_format = image.format
    except (UnidentifiedImageError, OSError, Image.DecompressionBombError) as error:
        raise ThumbnailUnavailable("the thumbnail is not an image") from error
    if image_format not in ACCEPTED_IMAGE_FORMATS:
        raise ThumbnailUnavailable(f"unexpected thumbnail format {image_format}")
    return ACCEPTED_IMAGE_FORMATS[image_format]


def _automatic_poster_alt(video: Video) -> str:
    """A description for a copied thumbnail, which no editor has looked at: all we know
    is that it comes from the video. In the video's language, which the page around it
    speaks, not in the editor's."""
    with override(video.language):
        return gettext("Video still: %(title)s") % {"title": video.title}


def fetch_provider_poster(*, video: Video) -> bool:
    """Store the provider's thumbnail as the video's poster, its lead image (not saving the
    video itself).

    Returns whether a poster was stored. Any failure is logged and leaves the poster empty,
    so the editor's save goes through and pages show the neutral local poster instead.
    """
    if video.lead_image or not video.video_id:
        return False
    try:
        data = _download(thumbnail_url(video), limit=settings.IMAGE_UPLOAD_MAX_BYTES)
        extension = _image_extension(data)
    except (ThumbnailUnavailable, URLError, TimeoutError, OSError, ValueError) as error:
        logger.warning(
            "No thumbnail fetched for video %s (%s %s): %s",
            video.slug,
            video.provider,
            video.video_id,
            error,
        )
        return False
    name = f"{video.provider}-{video.video_id}.{extension}"
    video.lead_image.save(name, ContentFile(data), save=False)
    if not video.lead_image_alt.strip():
        video.lead_image_alt = _automatic_poster_alt(video)
    return True
