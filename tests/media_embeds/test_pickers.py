"""The admin views behind the rich-text editor's Video and Picture buttons."""

import pytest
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from core.images import rendition_name
from media_embeds.models import LibraryImage
from tests.factories import (
    make_image_upload,
    make_library_image,
    make_video,
    make_video_with_poster,
)

pytestmark = pytest.mark.django_db

VIDEOS = reverse("admin:media_embeds_video_pick")
PICTURES = reverse("admin:media_embeds_libraryimage_pick")
UPLOAD = reverse("admin:media_embeds_libraryimage_upload")


@pytest.fixture
def editor_client(client, django_user_model):
    user = django_user_model.objects.create_user("editor", password="pw", is_staff=True)
    user.groups.add(Group.objects.get(name="Editors"))
    client.force_login(user)
    return client


def test_the_video_picker_lists_published_videos_with_title_link_and_poster(editor_client):
    with_poster = make_video_with_poster(
        title="Strikers speak at the gate", source_url="https://youtu.be/dQw4w9WgXcQ?t=30"
    )
    make_video(title="Without a poster", source_url="https://vimeo.com/76979871")
    make_video(title="Draft video", publication="draft")

    response = editor_client.get(VIDEOS)

    assert response.status_code == 200
    results = response.json()["results"]
    assert sorted(video["title"] for video in results) == [
        "Strikers speak at the gate",
        "Without a poster",
    ]
    by_title = {video["title"]: video for video in results}
    assert by_title["Strikers speak at the gate"] == {
        "title": "Strikers speak at the gate",
        "provider": "YouTube",
        "url": "https://www.youtube.com/watch?v=dQw4w9WgXcQ&t=30s",
        "poster": "/media/" + rendition_name(with_poster.lead_image.name, 480),
    }
    assert by_title["Without a poster"]["poster"] == "/static/img/video-poster.svg"


def test_the_video_picker_searches_titles(editor_client):
    make_video(title="Strikers speak at the gate")
    make_video(title="Parliament debates the budget")

    results = editor_client.get(VIDEOS, {"q": "STRIKERS"}).json()["results"]

    assert [video["title"] for video in results] == ["Strikers speak at the gate"]


@pytest.mark.parametrize("url", [VIDEOS, PICTURES])
def test_a_search_too_long_to_be_one_is_refused_with_a_message(editor_client, url):
    response = editor_client.get(url, {"q": "x" * 101})

    assert response.status_code == 400
    assert response.json() == {"error": "Search with at most 100 characters."}


@pytest.mark.parametrize("url", [VIDEOS, PICTURES])
def test_pickers_answer_only_staff_allowed_to_see_the_list(client, django_user_model, url):
    assert client.get(url).status_code == 302  # to the login page

    stranger = django_user_model.objects.create_user("stranger", password="pw", is_staff=True)
    client.force_login(stranger)
    assert client.get(url).status_code == 403


@pytest.mark.parametrize("url", [VIDEOS, PICTURES])
def test_pickers_only_answer_get(editor_client, url):
    assert editor_client.post(url).status_code == 405


def test_the_picture_picker_lists_the_library_with_descriptions_and_sizes(editor_client):
    picture = make_library_image(alt="Strikers at the gate", credit="Union press office")
    make_library_image(alt="The court building in Astana")

    everything = editor_client.get(PICTURES).json()["results"]
    by_credit = editor_client.get(PICTURES, {"q": "press office"}).json()["results"]

    assert [result["alt"] for result in everything] == [
        "The court building in Astana",
        "Strikers at the gate",
    ]
    assert by_credit == [
        {
            "id": picture.pk,
            "src": picture.image.url,
            "thumbnail": "/media/" + rendition_name(picture.image.name, 480),
            "alt": "Strikers at the gate",
            "width": 960,
            "height": 540,
        }
    ]


def test_an_editor_uploads_a_picture_with_its_description(editor_client):
    response = editor_client.post(
        UPLOAD, {"image": make_image_upload("gate.jpg"), "alt": "Strikers at the gate"}
    )

    assert response.status_code == 201
    picture = LibraryImage.objects.get()
    assert response.json()["picture"]["src"] == picture.image.url
    assert (picture.alt, picture.width, picture.height) == ("Strikers at the gate", 1600, 900)
    assert picture.image.storage.exists(rendition_name(picture.image.name, 1440))


def test_an_upload_without_a_description_or_not_a_picture_is_refused_saying_why(editor_client):
    without_description = editor_client.post(UPLOAD, {"image": make_image_upload(), "alt": " "})
    not_a_picture = editor_client.post(
        UPLOAD,
        {"image": SimpleUploadedFile("notes.jpg", b"not an image"), "alt": "Notes"},
    )

    assert without_description.status_code == 400
    assert without_description.json()["errors"]["alt"][0]["message"] == "This field is required."
    assert not_a_picture.status_code == 400
    assert "image" in not_a_picture.json()["errors"]
    assert not LibraryImage.objects.exists()


def test_uploading_needs_the_permission_to_add_pictures_and_a_post(client, django_user_model):
    viewer = django_user_model.objects.create_user("viewer", password="pw", is_staff=True)
    client.force_login(viewer)

    assert client.post(UPLOAD, {"alt": "x"}).status_code == 403

    viewer.groups.add(Group.objects.get(name="Editors"))
    assert client.get(UPLOAD).status_code == 405
