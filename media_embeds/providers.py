"""Reading the video links editors paste, and building the addresses pages use.

Only a provider name and an id of the provider's own shape are ever kept, so nothing an
editor pastes can reach a page as markup: the player address is rebuilt from those parts.
"""

import re
from typing import NamedTuple
from urllib.parse import parse_qs, urlencode, urlsplit

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

YOUTUBE = "youtube"
VIMEO = "vimeo"

ACCEPTED_FORMATS = _(
    "Paste a YouTube or Vimeo link, for example https://www.youtube.com/watch?v=ID, "
    "https://youtu.be/ID, https://www.youtube.com/shorts/ID, https://www.youtube.com/live/ID, "
    "https://www.youtube.com/embed/ID, https://vimeo.com/NUMBER, https://vimeo.com/NUMBER/HASH "
    "(unlisted) or https://player.vimeo.com/video/NUMBER?h=HASH. A start time (t=90, t=1m30s) "
    "is kept."
)

YOUTUBE_HOSTS = {
    "youtube.com",
    "www.youtube.com",
    "m.youtube.com",
    "music.youtube.com",
    "youtube-nocookie.com",
    "www.youtube-nocookie.com",
}
YOUTUBE_SHORT_HOSTS = {"youtu.be", "www.youtu.be"}
VIMEO_HOSTS = {"vimeo.com", "www.vimeo.com"}
VIMEO_PLAYER_HOSTS = {"player.vimeo.com"}

YOUTUBE_ID = re.compile(r"[A-Za-z0-9_-]{11}")
VIMEO_ID = re.compile(r"[0-9]{1,12}")
VIMEO_HASH = re.compile(r"[0-9a-f]{6,20}")
# 90, 90s, 1m30s, 1h2m3s: the forms YouTube and Vimeo put in their share links.
START_TIME = re.compile(r"(?:(?P<h>\d{1,2})h)?(?:(?P<m>\d{1,4})m)?(?:(?P<s>\d{1,6})s?)?")
MAX_START_SECONDS = 24 * 60 * 60


class ParsedVideo(NamedTuple):
    provider: str
    video_id: str
    start_seconds: int = 0
    unlisted_hash: str = ""


def _refuse():
    raise ValidationError(ACCEPTED_FORMATS, code="unsupported_video_url")


def parse_start(value: str) -> int:
    """Seconds from a share link's start time; 0 when absent or unreadable, since a wrong
    start time should not stop an editor from adding the video."""
    value = value.strip().lower()
    match = START_TIME.fullmatch(value)
    if not value or not match:
        return 0
    seconds = int(match["h"] or 0) * 3600 + int(match["m"] or 0) * 60 + int(match["s"] or 0)
    return seconds if seconds < MAX_START_SECONDS else 0


def _start_from(query: dict[str, list[str]], fragment: str) -> int:
    fragment_params = parse_qs(fragment)
    for params in (query, fragment_params):
        for key in ("t", "start"):
            if params.get(key):
                return parse_start(params[key][0])
    return 0


def parse_video_url(url: str) -> ParsedVideo:
    """The provider, id, start time and (Vimeo unlisted) hash of a pasted video link.

    Raises ValidationError naming the accepted formats for anything else, including hosts
    that merely contain a provider's name and non-web schemes such as javascript:.
    """
    url = (url or "").strip()
    if not url or any(character.isspace() or ord(character) < 32 for character in url):
        _refuse()
    if "://" not in url and not url.startswith("//") and ":" not in url.split("/", 1)[0]:
        # Editors often paste links without the scheme ("youtu.be/…").
        url = "https://" + url
    elif url.startswith("//"):
        url = "https:" + url
    try:
        parts = urlsplit(url)
        host = (parts.hostname or "").rstrip(".")
        port = parts.port
    except ValueError:
        _refuse()
    if parts.scheme.lower() not in ("http", "https") or parts.username or parts.password:
        _refuse()
    if port not in (None, 80, 443):
        _refuse()
    query = parse_qs(parts.query)
    segments = [segment for segment in parts.path.split("/") if segment]
    start = _start_from(query, parts.fragment)

    if host in YOUTUBE_HOSTS:
        video_id = ""
        if segments == ["watch"]:
            video_id = (query.get("v") or [""])[0]
        elif len(segments) >= 2 and segments[0] in ("embed", "shorts", "live", "v"):
            video_id = segments[1]
        if YOUTUBE_ID.fullmatch(video_id):
            return ParsedVideo(YOUTUBE, video_id, start)
    elif host in YOUTUBE_SHORT_HOSTS:
        if len(segments) == 1 and YOUTUBE_ID.fullmatch(segments[0]):
            return ParsedVideo(YOUTUBE, segments[0], start)
    elif host in VIMEO_HOSTS:
        if segments and segments[0] in ("channels", "groups") and len(segments) >= 3:
            segments = segments[-1:]
        if 1 <= len(segments) <= 2 and VIMEO_ID.fullmatch(segments[0]):
            unlisted_hash = segments[1] if len(segments) == 2 else ""
            if not unlisted_hash or VIMEO_HASH.fullmatch(unlisted_hash):
                return ParsedVideo(VIMEO, segments[0], start, unlisted_hash)
    elif host in VIMEO_PLAYER_HOSTS and len(segments) == 2 and segments[0] == "video":
        unlisted_hash = (query.get("h") or [""])[0]
        if VIMEO_ID.fullmatch(segments[1]) and (
            not unlisted_hash or VIMEO_HASH.fullmatch(unlisted_hash)
        ):
            return ParsedVideo(VIMEO, segments[1], start, unlisted_hash)
    _refuse()


def embed_url(video: ParsedVideo) -> str:
    """The player address the click-to-play facade loads: YouTube's no-cookie host, or
    Vimeo's player with do-not-track, both starting to play at once."""
    if video.provider == YOUTUBE:
        params = {"autoplay": 1}
        if video.start_seconds:
            params["start"] = video.start_seconds
        return f"https://www.youtube-nocookie.com/embed/{video.video_id}?{urlencode(params)}"
    params = {"autoplay": 1, "dnt": 1}
    if video.unlisted_hash:
        params["h"] = video.unlisted_hash
    fragment = f"#t={video.start_seconds}s" if video.start_seconds else ""
    return f"https://player.vimeo.com/video/{video.video_id}?{urlencode(params)}{fragment}"


def watch_url(video: ParsedVideo) -> str:
    """The video's page on the provider's site, for visitors without JavaScript."""
    if video.provider == YOUTUBE:
        params = {"v": video.video_id}
        if video.start_seconds:
            params["t"] = f"{video.start_seconds}s"
        return f"https://www.youtube.com/watch?{urlencode(params)}"
    path = f"{video.video_id}/{video.unlisted_hash}" if video.unlisted_hash else video.video_id
    fragment = f"#t={video.start_seconds}s" if video.start_seconds else ""
    return f"https://vimeo.com/{path}{fragment}"
