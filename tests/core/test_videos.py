import html

import pytest
from django.core.exceptions import ValidationError

from core.videos import (
    ACCEPTED_FORMATS,
    VIMEO,
    YOUTUBE,
    ParsedVideo,
    embed_url,
    embeds_as_links,
    parse_start,
    parse_video_url,
    video_on_its_own,
    watch_url,
)

YT = "youtube"
VM = "vimeo"

GOOD_URLS = [
    ("https://www.youtube.com/watch?v=dQw4w9WgXcQ", (YT, "dQw4w9WgXcQ", 0, "")),
    ("https://youtube.com/watch?v=dQw4w9WgXcQ&list=PL123&index=2", (YT, "dQw4w9WgXcQ", 0, "")),
    ("https://m.youtube.com/watch?v=dQw4w9WgXcQ&t=90", (YT, "dQw4w9WgXcQ", 90, "")),
    ("https://music.youtube.com/watch?v=dQw4w9WgXcQ", (YT, "dQw4w9WgXcQ", 0, "")),
    ("https://youtu.be/dQw4w9WgXcQ", (YT, "dQw4w9WgXcQ", 0, "")),
    ("https://youtu.be/dQw4w9WgXcQ?si=abcDEF&t=1m30s", (YT, "dQw4w9WgXcQ", 90, "")),
    ("youtu.be/dQw4w9WgXcQ?t=90s", (YT, "dQw4w9WgXcQ", 90, "")),
    ("https://www.youtube.com/embed/dQw4w9WgXcQ?start=42", (YT, "dQw4w9WgXcQ", 42, "")),
    ("https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ", (YT, "dQw4w9WgXcQ", 0, "")),
    ("https://www.youtube.com/shorts/a1B2c3D4e5_", (YT, "a1B2c3D4e5_", 0, "")),
    ("https://www.youtube.com/live/a1B2c3D4e5-?feature=share", (YT, "a1B2c3D4e5-", 0, "")),
    ("http://www.youtube.com/watch?v=dQw4w9WgXcQ#t=1h2m3s", (YT, "dQw4w9WgXcQ", 3723, "")),
    ("  https://WWW.YOUTUBE.COM/watch?v=dQw4w9WgXcQ  ", (YT, "dQw4w9WgXcQ", 0, "")),
    ("https://vimeo.com/76979871", (VM, "76979871", 0, "")),
    ("https://vimeo.com/76979871#t=30s", (VM, "76979871", 30, "")),
    ("https://vimeo.com/76979871/a1b2c3d4e5", (VM, "76979871", 0, "a1b2c3d4e5")),
    ("https://player.vimeo.com/video/76979871", (VM, "76979871", 0, "")),
    (
        "https://player.vimeo.com/video/76979871?h=a1b2c3d4e5&badge=0",
        (VM, "76979871", 0, "a1b2c3d4e5"),
    ),
    ("https://vimeo.com/channels/staffpicks/76979871", (VM, "76979871", 0, "")),
]

BAD_URLS = [
    "",
    "   ",
    "javascript:alert(1)",
    "JavaScript://www.youtube.com/%0Aalert(1)",
    "data:text/html,<script>alert(1)</script>",
    "ftp://www.youtube.com/watch?v=dQw4w9WgXcQ",
    "https://youtube.com.example.org/watch?v=dQw4w9WgXcQ",
    "https://evil-youtube.com/watch?v=dQw4w9WgXcQ",
    "https://www.youtube.com@evil.example/watch?v=dQw4w9WgXcQ",
    "https://youtu.be.example.org/dQw4w9WgXcQ",
    "https://notvimeo.com/76979871",
    "https://www.youtube.com/watch?v=short",
    "https://www.youtube.com/watch?v=dQw4w9WgXcQ<script>",
    "https://www.youtube.com/watch?v=dQw4w9WgXcQ extra",
    "https://www.youtube.com/channel/UCabcdefghijklmnopqrstuv",
    "https://www.youtube.com/",
    "https://vimeo.com/not-a-number",
    "https://vimeo.com/76979871/NOT-A-HASH!",
    "https://player.vimeo.com/video/76979871?h=<b>",
    "https://www.youtube.com:8443/watch?v=dQw4w9WgXcQ",
    '<iframe src="https://www.youtube.com/embed/dQw4w9WgXcQ"></iframe>',
    "https://example.org/video.mp4",
]


@pytest.mark.parametrize(("url", "expected"), GOOD_URLS)
def test_accepted_links_give_provider_id_start_and_hash(url, expected):
    assert parse_video_url(url) == ParsedVideo(*expected)


@pytest.mark.parametrize("url", BAD_URLS)
def test_other_links_are_refused_with_the_accepted_formats_named(url):
    with pytest.raises(ValidationError) as error:
        parse_video_url(url)

    message = error.value.messages[0]
    assert "YouTube or Vimeo" in message
    assert "https://youtu.be/ID" in message
    assert "https://player.vimeo.com/video/NUMBER?h=HASH" in message


@pytest.mark.parametrize(
    ("value", "seconds"),
    [("90", 90), ("90s", 90), ("1m30s", 90), ("1h", 3600), ("2m", 120), ("", 0), ("abc", 0)],
)
def test_start_times_in_share_link_forms(value, seconds):
    assert parse_start(value) == seconds


def test_youtube_plays_from_the_nocookie_host_at_the_start_time():
    video = ParsedVideo(YT, "dQw4w9WgXcQ", 90)

    assert embed_url(video) == (
        "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?autoplay=1&start=90"
    )
    assert watch_url(video) == "https://www.youtube.com/watch?v=dQw4w9WgXcQ&t=90s"
    assert embed_url(video._replace(start_seconds=0)).endswith("?autoplay=1")


def test_vimeo_plays_with_do_not_track_and_keeps_the_unlisted_hash():
    video = ParsedVideo(VM, "76979871", 0, "a1b2c3d4e5")

    assert embed_url(video) == (
        "https://player.vimeo.com/video/76979871?autoplay=1&dnt=1&h=a1b2c3d4e5"
    )
    assert watch_url(video) == "https://vimeo.com/76979871/a1b2c3d4e5"
    assert embed_url(ParsedVideo(VM, "76979871")) == (
        "https://player.vimeo.com/video/76979871?autoplay=1&dnt=1"
    )


# ---- videos placed in a text ----

EMBED_CODE = (
    '<iframe width="560" height="315" src="https://www.youtube.com/embed/dQw4w9WgXcQ?si=x1"'
    ' title="YouTube video player" frameborder="0" allowfullscreen></iframe>'
)
YOUTUBE_LINK = (
    '<p><a href="https://www.youtube.com/watch?v=dQw4w9WgXcQ">'
    "https://www.youtube.com/watch?v=dQw4w9WgXcQ</a></p>"
)


@pytest.mark.parametrize(
    "pasted",
    [
        # Pasted into the editor, the embed code arrives as the text of a paragraph.
        "<p>" + html.escape(EMBED_CODE, quote=False) + "</p>",
        # Typed into the bare textarea (no JavaScript), it arrives as markup.
        EMBED_CODE,
        "<p>" + EMBED_CODE + "</p>",
    ],
)
def test_a_youtube_embed_code_becomes_a_link_on_its_own_line(pasted):
    assert embeds_as_links("<p>Before</p>" + pasted) == "<p>Before</p>" + YOUTUBE_LINK


def test_an_unlisted_vimeo_embed_code_keeps_its_hash():
    code = (
        '<iframe src="https://player.vimeo.com/video/76979871?h=8272103f6e&amp;badge=0"></iframe>'
    )

    assert embeds_as_links(code) == (
        '<p><a href="https://vimeo.com/76979871/8272103f6e">https://vimeo.com/76979871/8272103f6e'
        "</a></p>"
    )


def messages_of(error):
    return [str(message) for message in error.value.messages]


def test_an_embed_code_from_another_site_is_refused_naming_the_site():
    code = html.escape('<iframe src="https://rutube.ru/play/embed/abc"></iframe>', quote=False)

    with pytest.raises(ValidationError) as error:
        embeds_as_links(f"<p>{code}</p>")

    assert messages_of(error)[0] == (
        "An embed code from rutube.ru cannot be shown: only YouTube and Vimeo videos can be "
        "placed in the text."
    )


@pytest.mark.parametrize(
    "text",
    [
        "<p>https://www.youtube.com/watch?v=tooshort</p>",
        '<p><a href="https://youtu.be/abc">https://youtu.be/abc</a></p>',
        "<p>https://vimeo.com/12345/NOT-A-HASH</p>",
    ],
)
def test_a_video_link_on_its_own_line_that_names_no_video_is_refused(text):
    with pytest.raises(ValidationError) as error:
        embeds_as_links(text)

    assert "looks like a video link, but no video can be read from it" in messages_of(error)[0]
    assert messages_of(error)[-1] == ACCEPTED_FORMATS


def test_a_youtube_embed_code_with_a_broken_id_is_refused():
    with pytest.raises(ValidationError) as error:
        embeds_as_links('<iframe src="https://www.youtube.com/embed/broken"></iframe>')

    assert messages_of(error)[0] == (
        "The embed code for https://www.youtube.com/embed/broken names no video we can read."
    )


def test_an_embed_code_without_an_address_is_refused():
    with pytest.raises(ValidationError) as error:
        embeds_as_links("<p>&lt;iframe&gt;&lt;/iframe&gt;</p>")

    assert messages_of(error)[0] == "An embed code without a video address cannot be shown."


@pytest.mark.parametrize(
    "text",
    [
        "<p>https://www.youtube.com/@campaign</p>",
        "<p>https://vimeo.com/channels/staffpicks</p>",
        "<p>See https://youtu.be/abc in the sentence.</p>",
        '<p><a href="https://example.org/">https://example.org/</a></p>',
    ],
)
def test_other_links_and_links_inside_sentences_are_left_alone(text):
    assert embeds_as_links(text) == text


@pytest.mark.parametrize(
    ("paragraph", "expected"),
    [
        ("https://youtu.be/dQw4w9WgXcQ", ParsedVideo(YOUTUBE, "dQw4w9WgXcQ")),
        (
            ' <a href="https://vimeo.com/76979871" rel="noopener">https://vimeo.com/76979871</a> ',
            ParsedVideo(VIMEO, "76979871"),
        ),
        ("Watch https://youtu.be/dQw4w9WgXcQ", None),
        ('<a href="https://youtu.be/dQw4w9WgXcQ">Our interview</a>', None),
        ("<strong>https://youtu.be/dQw4w9WgXcQ</strong>", None),
    ],
)
def test_only_a_paragraph_holding_nothing_but_a_video_address_is_a_video(paragraph, expected):
    assert video_on_its_own(paragraph) == expected
