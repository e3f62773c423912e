import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.utils import timezone

from media_embeds.models import Video
from tests.factories import make_video, make_video_with_poster

pytestmark = pytest.mark.django_db


def test_saving_reads_provider_id_and_start_from_the_pasted_link():
    video = make_video(source_url=" https://youtu.be/dQw4w9WgXcQ?t=1m30s ")
    video.refresh_from_db()

    assert (video.provider, video.video_id, video.start_seconds) == ("youtube", "dQw4w9WgXcQ", 90)
    assert video.source_url == "https://youtu.be/dQw4w9WgXcQ?t=1m30s"
    assert video.embed_url == (
        "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?autoplay=1&start=90"
    )


def test_changing_the_link_changes_the_stored_video():
    video = make_video(source_url="https://www.youtube.com/watch?v=dQw4w9WgXcQ")
    video.source_url = "https://vimeo.com/76979871/a1b2c3d4e5"
    video.save(update_fields=["source_url"])
    video.refresh_from_db()

    assert (video.provider, video.video_id, video.unlisted_hash) == (
        "vimeo",
        "76979871",
        "a1b2c3d4e5",
    )


def test_a_bad_link_is_a_form_error_on_the_link_field():
    video = Video(title="Embed code", slug="embed-code", source_url="<iframe src=x></iframe>")

    with pytest.raises(ValidationError) as error:
        video.full_clean()

    assert "YouTube or Vimeo" in error.value.message_dict["source_url"][0]


def test_a_poster_needs_a_description():
    video = make_video_with_poster(lead_image_alt="A crowd")
    video.lead_image_alt = " "

    with pytest.raises(ValidationError) as error:
        video.full_clean()

    assert error.value.message_dict == {
        "lead_image_alt": ["Describe the poster for people who cannot see it."]
    }


def test_a_bad_link_is_never_saved():
    with pytest.raises(ValidationError):
        make_video(source_url="javascript:alert(1)")

    assert not Video.objects.exists()


def test_the_database_refuses_a_video_without_provider_or_id():
    video = make_video()

    with pytest.raises(IntegrityError):
        Video.objects.filter(pk=video.pk).update(video_id="")


def test_only_published_videos_whose_date_has_come_are_published():
    shown = make_video(title="Shown")
    make_video(title="Draft", publication="draft")
    make_video(title="Tomorrow", published_at=timezone.now() + datetime.timedelta(days=1))

    assert list(Video.objects.published()) == [shown]


def test_duration_is_shown_like_video_sites_show_it():
    assert make_video(duration=datetime.timedelta(minutes=4, seconds=32)).duration_display == (
        "4:32"
    )
    assert make_video(duration=datetime.timedelta(hours=1, seconds=3)).duration_display == (
        "1:00:03"
    )
    assert make_video().duration_display == ""


def test_search_finds_published_videos_by_title_and_description():
    match = make_video(title="London commemoration", description="Event with Article 19")
    make_video(title="London draft", publication="draft")
    make_video(title="Unrelated")

    assert list(Video.objects.search("London")) == [match]
    assert list(Video.objects.search("Article")) == [match]
    assert Video.objects.search("London")[0].search_rank > 0
    assert list(Video.objects.search("  ")) == []


def test_search_on_postgres_ranks_title_matches_first(postgres):
    in_description = make_video(title="A report", description="Strikers in Zhanaozen speak")
    in_title = make_video(title="Zhanaozen strikers", description="Workers speak")
    make_video(title="Parliament", description="Exchanges")

    results = list(Video.objects.search("zhanaozen strikers"))

    assert results == [in_title, in_description]
    assert results[0].search_rank > results[1].search_rank
