import io
import json
import logging
from urllib.error import URLError

import pytest
from django.core.files.storage import default_storage

from core.images import rendition_name
from media_embeds import services
from tests.factories import make_video, png_bytes

pytestmark = pytest.mark.django_db


class FakeResponse(io.BytesIO):
    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False


def fake_urlopen(answers, seen):
    def urlopen(request, timeout):
        seen.append((request.full_url, timeout))
        answer = answers[request.full_url]
        if isinstance(answer, Exception):
            raise answer
        return FakeResponse(answer)

    return urlopen


def test_youtube_thumbnail_is_copied_into_our_media_with_renditions(monkeypatch, settings):
    settings.VIDEO_THUMBNAIL_TIMEOUT = 2
    seen = []
    answers = {"https://i.ytimg.com/vi/dQw4w9WgXcQ/hqdefault.jpg": png_bytes(480, 360)}
    monkeypatch.setattr(services, "urlopen", fake_urlopen(answers, seen))
    video = make_video(title="Miners", source_url="https://youtu.be/dQw4w9WgXcQ")

    assert services.fetch_provider_poster(video=video) is True
    video.save()
    video.refresh_from_db()

    assert seen == [("https://i.ytimg.com/vi/dQw4w9WgXcQ/hqdefault.jpg", 2)]
    assert video.lead_image.name.startswith("videos/")
    assert (video.lead_image_width, video.lead_image_height) == (480, 360)
    assert video.lead_image_alt == "Video still: Miners"
    assert default_storage.exists(rendition_name(video.lead_image.name, 480))


def test_a_copied_thumbnail_is_described_in_the_videos_language(monkeypatch):
    answers = {"https://i.ytimg.com/vi/dQw4w9WgXcQ/hqdefault.jpg": png_bytes()}
    monkeypatch.setattr(services, "urlopen", fake_urlopen(answers, []))
    video = make_video(title="Шахтёры", language="ru", source_url="https://youtu.be/dQw4w9WgXcQ")

    assert services.fetch_provider_poster(video=video) is True

    assert video.lead_image_alt == "Кадр из видео: Шахтёры"


def test_a_description_the_editor_wrote_is_kept_for_a_copied_thumbnail(monkeypatch):
    answers = {"https://i.ytimg.com/vi/dQw4w9WgXcQ/hqdefault.jpg": png_bytes()}
    monkeypatch.setattr(services, "urlopen", fake_urlopen(answers, []))
    video = make_video(
        title="Miners",
        lead_image_alt="Miners at the gate",
        source_url="https://youtu.be/dQw4w9WgXcQ",
    )

    assert services.fetch_provider_poster(video=video) is True

    assert video.lead_image_alt == "Miners at the gate"


def test_vimeo_thumbnail_comes_from_its_oembed_answer(monkeypatch):
    seen = []
    oembed = (
        "https://vimeo.com/api/oembed.json?url=https%3A%2F%2Fvimeo.com%2F76979871%2Fa1b2c3d4e5"
        "&width=1280"
    )
    thumbnail = "https://i.vimeocdn.com/video/123-abc-d_1280"
    answers = {
        oembed: json.dumps({"thumbnail_url": thumbnail}).encode(),
        thumbnail: png_bytes(),
    }
    monkeypatch.setattr(services, "urlopen", fake_urlopen(answers, seen))
    video = make_video(source_url="https://vimeo.com/76979871/a1b2c3d4e5")

    assert services.fetch_provider_poster(video=video) is True
    assert [url for url, _ in seen] == [oembed, thumbnail]


def test_vimeo_thumbnail_on_another_host_is_not_fetched(monkeypatch):
    seen = []
    oembed = "https://vimeo.com/api/oembed.json?url=https%3A%2F%2Fvimeo.com%2F76979871&width=1280"
    answers = {oembed: json.dumps({"thumbnail_url": "https://evil.example/x.jpg"}).encode()}
    monkeypatch.setattr(services, "urlopen", fake_urlopen(answers, seen))
    video = make_video(source_url="https://vimeo.com/76979871")

    assert services.fetch_provider_poster(video=video) is False
    assert len(seen) == 1
    assert not video.lead_image


@pytest.mark.parametrize(
    "answer",
    [URLError("no route"), TimeoutError("timed out"), b"<html>not an image</html>"],
    ids=["network", "timeout", "not-an-image"],
)
def test_any_failure_is_logged_and_leaves_no_poster(monkeypatch, caplog, answer):
    answers = {"https://i.ytimg.com/vi/dQw4w9WgXcQ/hqdefault.jpg": answer}
    monkeypatch.setattr(services, "urlopen", fake_urlopen(answers, []))
    video = make_video(source_url="https://youtu.be/dQw4w9WgXcQ")

    with caplog.at_level(logging.WARNING, logger="media_embeds.services"):
        assert services.fetch_provider_poster(video=video) is False

    video.save()
    video.refresh_from_db()
    assert not video.lead_image
    assert "No thumbnail fetched" in caplog.text


def test_a_video_with_a_poster_fetches_nothing(monkeypatch):
    seen = []
    monkeypatch.setattr(services, "urlopen", fake_urlopen({}, seen))
    video = make_video()
    video.lead_image.name = "videos/existing.png"

    assert services.fetch_provider_poster(video=video) is False
    assert seen == []
