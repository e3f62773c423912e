"""Reading the video links editors paste, and building the addresses pages use: for the
videos of the video section and for the videos editors place in a text (a YouTube or Vimeo
link on its own line, or an embed code, which becomes such a link when saved).

Only a provider name and an id of the provider's own shape are ever kept, so nothing an
editor pastes can reach a page as markup: the player address is rebuilt from those parts.
"""

import re
from html import escape, unescape
from typing import NamedTuple
from urllib.parse import parse_qs, urlencode, urlsplit

from django.core.exceptions import ValidationError
from django.utils.html import strip_tags
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


PROVIDER_NAMES = {YOUTUBE: "YouTube", VIMEO: "Vimeo"}

# Sanitised editor HTML: paragraphs never nest, and a paragraph holding only a link or a
# bare address is "<p><a href=…>address</a></p>" or "<p>address</p>".
# The inner part stops at any other <p> or </p>: linear on unclosed paragraphs too.
PARAGRAPH = re.compile(r"<p>((?:[^<]|<(?!/?p>))*)</p>")
_LONE_ADDRESS = re.compile(r"\s*(?:<a\b[^>]*>)?([^<>\s]+)(?:</a>)?\s*")
# An embed code's iframe holds no content; not scanning ahead for a far-off closing tag
# keeps this linear whatever is pasted.
_IFRAME = re.compile(r"(?:<p>\s*)?<iframe\b[^>]*>(?:[^<]*</iframe\s*>)?(?:\s*</p>)?", re.I)
_IFRAME_SRC = re.compile(r"""\bsrc\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))""", re.IGNORECASE)
_YOUTUBE_VIDEO_PATHS = {"watch", "embed", "shorts", "live", "v"}


def video_on_its_own(paragraph_html: str) -> ParsedVideo | None:
    """The video of a paragraph that holds nothing but a usable YouTube or Vimeo address
    (linked or not); None for any other paragraph."""
    match = _LONE_ADDRESS.fullmatch(paragraph_html)
    if not match:
        return None
    try:
        return parse_video_url(unescape(match[1]))
    except ValidationError:
        return None


def _looks_like_a_video(url: str) -> bool:
    """Whether an address points at a video on YouTube or Vimeo (rather than at a channel or
    a profile there), so that failing to read it is an editor's mistake worth a message."""
    try:
        parts = urlsplit(url if "://" in url else "https://" + url.lstrip("/"))
        host = (parts.hostname or "").rstrip(".")
    except ValueError:
        return False
    first_segment = next((segment for segment in parts.path.split("/") if segment), "")
    if host in YOUTUBE_SHORT_HOSTS | VIMEO_PLAYER_HOSTS:
        return True
    if host in YOUTUBE_HOSTS:
        return first_segment in _YOUTUBE_VIDEO_PATHS
    return host in VIMEO_HOSTS and first_segment.isascii() and first_segment.isdigit()


def _link_paragraph(video: ParsedVideo) -> str:
    address = escape(watch_url(video))
    return f'<p><a href="{address}">{address}</a></p>'


def _embed_code_as_link(code: str, errors: list) -> str:
    found = _IFRAME_SRC.search(code)
    src = unescape(next(group for group in found.groups() if group is not None)) if found else ""
    try:
        return _link_paragraph(parse_video_url(src))
    except ValidationError:
        pass
    if not src:
        errors.append(_("An embed code without a video address cannot be shown."))
    elif _looks_like_a_video(src):
        errors.append(
            _("The embed code for %(address)s names no video we can read.") % {"address": src[:200]}
        )
    else:
        try:
            host = urlsplit(src if "://" in src else "https://" + src.lstrip("/")).hostname
        except ValueError:
            host = None
        errors.append(
            _(
                "An embed code from %(host)s cannot be shown: only YouTube and Vimeo videos "
                "can be placed in the text."
            )
            % {"host": host or src[:200]}
        )
    return ""


def embeds_as_links(html: str) -> str:
    """Editor HTML with every video embed code (an <iframe>, pasted as markup or as text on
    its own line) replaced by a paragraph holding the video's link, which pages show as our
    click-to-play player.

    Raises ValidationError saying why for an embed code that is not a usable YouTube or
    Vimeo video, and for a link on its own line that points at one but cannot be read, so
    that nothing an editor placed is dropped without a word.
    """
    errors = []
    html = _IFRAME.sub(lambda match: _embed_code_as_link(match[0], errors), html or "")

    def paragraph(match):
        if "iframe" in match[1].lower():
            text = unescape(strip_tags(match[1])).strip()
            if text[:7].lower() == "<iframe":
                return _embed_code_as_link(text, errors)
        lone = _LONE_ADDRESS.fullmatch(match[1])
        if lone and video_on_its_own(match[1]) is None and _looks_like_a_video(unescape(lone[1])):
            errors.append(
                _(
                    "“%(address)s” on its own line looks like a video link, but no video can "
                    "be read from it."
                )
                % {"address": unescape(lone[1])[:200]}
            )
        return match[0]

    html = PARAGRAPH.sub(paragraph, html)
    if errors:
        raise ValidationError([*errors, ACCEPTED_FORMATS], code="unusable_video")
    return html
