import pytest
from PIL import Image, ImageColor

from media_embeds import demo
from media_embeds.models import Video

pytestmark = pytest.mark.django_db


def test_demo_videos_are_seeded_once_in_the_video_category_with_example_ids():
    demo.seed()
    demo.seed()

    videos = Video.objects.published()
    assert videos.count() == len(demo.VIDEOS)
    assert videos.filter(title="Full video of London commemoration").exists()
    for video in videos:
        assert "Example" not in video.description
        assert video.video_id.startswith("EXAMPLE"), video.source_url
        assert [category.slug for category in video.categories.all()] == ["video"]


def test_demo_videos_get_a_poster_drawn_with_their_title_not_a_grey_box(client):
    demo.seed()
    video = Video.objects.get(slug="full-video-of-london-commemoration")
    poster_name = video.lead_image.name

    demo.seed()

    video.refresh_from_db()
    assert video.lead_image.name == poster_name  # drawn once
    assert (video.lead_image_width, video.lead_image_height) == (1280, 720)
    assert video.lead_image_alt == "Full video of London commemoration"
    with Image.open(video.lead_image.path) as poster:
        poster = poster.convert("RGB")
        assert ImageColor.getrgb(demo.POSTER_COLOURS[1]) == poster.getpixel((5, 5))
        assert (255, 255, 255) in {colour for _count, colour in poster.getcolors(1 << 20)}
    page = client.get("/videos/").text
    assert "video-poster.svg" not in page
    assert "Example video id" not in client.get(video.get_absolute_url()).text


def test_the_demo_lists_videos_in_the_order_of_the_original_pages():
    demo.seed()

    assert [video.slug for video in Video.objects.published()] == [
        video["slug"] for video in demo.VIDEOS
    ]


def test_reseeding_an_older_demo_removes_the_example_note_from_its_descriptions():
    demo.seed()
    Video.objects.update(description="Words.\n\n(Example video id for the demo.)")

    demo.seed()

    assert set(Video.objects.values_list("description", flat=True)) == {"Words."}
