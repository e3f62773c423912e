import io
from urllib.error import URLError

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from media_embeds import services
from media_embeds.models import Video
from tests.factories import make_category, make_video, make_video_with_poster, png_bytes
from tests.media_embeds.test_services import fake_urlopen

pytestmark = pytest.mark.django_db

ADD_URL = reverse("admin:media_embeds_video_add")
THUMBNAIL = "https://i.ytimg.com/vi/dQw4w9WgXcQ/hqdefault.jpg"
OTHER_THUMBNAIL = "https://i.ytimg.com/vi/9bZkp7q19f0/hqdefault.jpg"


def change_url(video):
    return reverse("admin:media_embeds_video_change", args=[video.pk])


def form_data(**overrides):
    data = {
        "title": "Video report of exchanges in parliament",
        "slug": "video-report-of-exchanges-in-parliament",
        "source_url": "https://www.youtube.com/watch?v=dQw4w9WgXcQ&t=42",
        "description": "",
        "lead_image_alt": "",
        "recorded_on": "",
        "duration": "4:32",
        "publication": "published",
        "language": "en",
        "published_at_0": "2026-01-01",
        "published_at_1": "10:00:00",
    }
    data.update(overrides)
    return data


def test_pasting_a_link_saves_the_video_even_when_the_thumbnail_fetch_fails(admin_client):
    # The network is refused for every test in this folder (conftest.py).
    category = make_category(name="Video", slug="video")

    response = admin_client.post(ADD_URL, form_data(categories=[category.pk]))

    assert response.status_code == 302
    video = Video.objects.get()
    assert (video.provider, video.video_id, video.start_seconds) == ("youtube", "dQw4w9WgXcQ", 42)
    assert not video.lead_image
    assert list(video.categories.all()) == [category]
    assert video.duration.total_seconds() == 272


def test_saving_without_a_poster_copies_the_provider_thumbnail(admin_client, monkeypatch):
    class Response(io.BytesIO):
        def __enter__(self):
            return self

        def __exit__(self, *exc):
            return False

    monkeypatch.setattr(services, "urlopen", lambda request, timeout: Response(png_bytes()))

    admin_client.post(ADD_URL, form_data())

    video = Video.objects.get()
    assert video.lead_image.name.startswith("videos/")
    assert video.lead_image_width == 640
    assert video.lead_image_alt == "Video still: Video report of exchanges in parliament"
    page = admin_client.get(video.get_absolute_url()).content.decode()
    assert 'alt="Video still: Video report of exchanges in parliament"' in page
    # The copied poster now needs its description like an uploaded one: editing the
    # video again with the description the form shows must still save.
    response = admin_client.post(
        reverse("admin:media_embeds_video_change", args=[video.pk]),
        form_data(title="Exchanges in parliament", lead_image_alt=video.lead_image_alt),
    )
    assert response.status_code == 302
    assert Video.objects.get().title == "Exchanges in parliament"


def test_a_refused_thumbnail_is_not_asked_for_again_while_the_link_shows_the_same_video(
    admin_client, monkeypatch
):
    seen = []
    monkeypatch.setattr(services, "urlopen", fake_urlopen({THUMBNAIL: URLError("timed out")}, seen))
    admin_client.post(ADD_URL, form_data())
    video = Video.objects.get()

    retitled = admin_client.post(change_url(video), form_data(title="Exchanges in parliament"))
    restarted = admin_client.post(
        change_url(video), form_data(source_url="https://youtu.be/dQw4w9WgXcQ?t=90")
    )

    assert (retitled.status_code, restarted.status_code) == (302, 302)
    assert seen == [(THUMBNAIL, 3)]
    video.refresh_from_db()
    assert (video.start_seconds, video.lead_image.name) == (90, "")


def test_a_link_to_another_video_copies_that_videos_thumbnail(admin_client, monkeypatch):
    seen = []
    answers = {THUMBNAIL: URLError("timed out"), OTHER_THUMBNAIL: png_bytes()}
    monkeypatch.setattr(services, "urlopen", fake_urlopen(answers, seen))
    admin_client.post(ADD_URL, form_data())
    video = Video.objects.get()

    response = admin_client.post(
        change_url(video), form_data(source_url="https://youtu.be/9bZkp7q19f0")
    )

    assert response.status_code == 302
    assert [url for url, _timeout in seen] == [THUMBNAIL, OTHER_THUMBNAIL]
    video.refresh_from_db()
    assert video.lead_image.name.endswith("-youtube-9bzkp7q19f0.png")
    assert video.lead_image_alt == "Video still: Video report of exchanges in parliament"


def test_removing_the_poster_copies_the_providers_thumbnail(admin_client, monkeypatch):
    seen = []
    monkeypatch.setattr(services, "urlopen", fake_urlopen({THUMBNAIL: png_bytes()}, seen))
    video = make_video_with_poster(
        title="Miners", slug="miners", source_url="https://youtu.be/dQw4w9WgXcQ"
    )

    response = admin_client.post(
        change_url(video), form_data(title="Miners", slug="miners", **{"lead_image-clear": "on"})
    )

    assert response.status_code == 302
    assert [url for url, _timeout in seen] == [THUMBNAIL]
    video.refresh_from_db()
    assert video.lead_image.name.endswith("-youtube-dqw4w9wgxcq.png")
    assert video.lead_image_alt == "Video still: Miners"


def test_an_uploaded_poster_is_kept_and_nothing_is_fetched(admin_client, monkeypatch):
    def fail(*args, **kwargs):
        raise AssertionError("fetched although a poster was uploaded")

    monkeypatch.setattr(services, "urlopen", fail)
    upload = SimpleUploadedFile("crowd.png", png_bytes(), content_type="image/png")

    response = admin_client.post(ADD_URL, form_data(lead_image=upload, lead_image_alt="A crowd"))

    assert response.status_code == 302
    video = Video.objects.get()
    assert "crowd" in video.lead_image.name
    assert video.lead_image_alt == "A crowd"


def test_an_uploaded_poster_without_a_description_is_refused_on_that_field(
    admin_client, monkeypatch
):
    def fail(*args, **kwargs):
        raise AssertionError("fetched although a poster was uploaded")

    monkeypatch.setattr(services, "urlopen", fail)
    upload = SimpleUploadedFile("crowd.png", png_bytes(), content_type="image/png")

    response = admin_client.post(ADD_URL, form_data(lead_image=upload, lead_image_alt=""))

    assert response.status_code == 200
    assert response.context["adminform"].form.errors == {
        "lead_image_alt": ["Describe the poster for people who cannot see it."]
    }
    assert not Video.objects.exists()


def test_emptying_a_posters_description_is_refused_and_keeps_the_saved_video(admin_client):
    video = make_video_with_poster(title="Miners", slug="miners", lead_image_alt="Miners gathered")
    poster = video.lead_image.name

    response = admin_client.post(
        reverse("admin:media_embeds_video_change", args=[video.pk]),
        form_data(title="Renamed", slug="miners", lead_image_alt=""),
    )

    assert response.status_code == 200
    assert "Describe the poster for people who cannot see it." in response.content.decode()
    video.refresh_from_db()
    assert (video.title, video.lead_image.name, video.lead_image_alt) == (
        "Miners",
        poster,
        "Miners gathered",
    )


@pytest.mark.parametrize(
    "url",
    [
        "https://youtube.com.example.org/watch?v=dQw4w9WgXcQ",
        "javascript:alert(1)",
        '<iframe src="https://www.youtube.com/embed/dQw4w9WgXcQ"></iframe>',
    ],
)
def test_a_bad_link_is_a_form_error_naming_the_accepted_formats(admin_client, url):
    response = admin_client.post(ADD_URL, form_data(source_url=url))

    assert response.status_code == 200
    html = response.content.decode()
    assert "Paste a YouTube or Vimeo link" in html
    assert "https://vimeo.com/NUMBER/HASH" in html
    assert not Video.objects.exists()


def test_change_page_shows_provider_id_and_poster_preview(admin_client):
    video = make_video(source_url="https://vimeo.com/76979871")

    html = admin_client.get(reverse("admin:media_embeds_video_change", args=[video.pk])).content
    html = html.decode()

    assert "Vimeo" in html
    assert "76979871" in html
    assert "/static/img/video-poster.svg" in html
    assert "click-to-play player under" in html


def test_video_list_in_admin_filters_and_searches(admin_client):
    make_video(title="Parliament", source_url="https://youtu.be/dQw4w9WgXcQ")
    make_video(title="Brussels", source_url="https://vimeo.com/76979871")
    changelist = reverse("admin:media_embeds_video_changelist")

    by_provider = admin_client.get(changelist, {"provider__exact": "vimeo"}).content.decode()
    by_search = admin_client.get(changelist, {"q": "Parliament"}).content.decode()

    assert ">Brussels</a>" in by_provider
    assert ">Parliament</a>" not in by_provider
    assert ">Parliament</a>" in by_search
    assert ">Brussels</a>" not in by_search
