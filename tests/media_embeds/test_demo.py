import pytest

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
        assert video.description.endswith("(Example video id for the demo.)")
        assert video.video_id.startswith("EXAMPLE"), video.source_url
        assert [category.slug for category in video.categories.all()] == ["video"]
        assert not video.lead_image
