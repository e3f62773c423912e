"""The migrations that made every content type a core.models.Content keep what each row
meant: what was public stays public (and scheduled stays scheduled), drafts stay drafts,
and no picture is lost."""

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from tests.factories import png_bytes

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.slow]

BEFORE = [
    ("articles", "0004_stored_search_document"),
    ("media_embeds", "0006_poster_help_says_when_thumbnail_is_copied"),
    ("prisoners", "0007_content_types_from_campaign"),
    ("petitions", "0006_editors_no_longer_see_signatures"),
]
AFTER = [
    ("articles", "0005_content_model"),
    ("media_embeds", "0007_content_model"),
    ("prisoners", "0008_content_model"),
    ("petitions", "0007_content_model"),
]


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    executor.loader.build_graph()
    return executor.loader.project_state(targets).apps


@pytest.fixture
def old_apps():
    apps = migrate(BEFORE)
    yield apps
    call_command("migrate", verbosity=0)


def test_every_row_keeps_its_meaning(old_apps):
    for name in ("videos/p.png", "prisoners/p.jpg", "petitions/i.png"):
        default_storage.save(name, ContentFile(png_bytes()))
    now = timezone.now()
    hour = timezone.timedelta(hours=1)
    Article = old_apps.get_model("articles", "Article")
    Video = old_apps.get_model("media_embeds", "Video")
    Prisoner = old_apps.get_model("prisoners", "Prisoner")
    Petition = old_apps.get_model("petitions", "Petition")
    Article.objects.create(title="A", slug="a-live", status="published", published_at=now - hour)
    Article.objects.create(title="A", slug="a-draft", status="draft")
    video = {"provider": "youtube", "video_id": "x", "source_url": "https://youtu.be/x"}
    Video.objects.create(
        title="V", slug="v-live", is_published=True, published_at=now - hour, **video
    )
    Video.objects.create(
        title="V", slug="v-later", is_published=True, published_at=now + hour, **video
    )
    Video.objects.create(
        title="V",
        slug="v-hidden",
        is_published=False,
        published_at=now - hour,
        poster="videos/p.png",
        poster_alt="A crowd",
        poster_width=640,
        poster_height=360,
        **video,
    )
    Prisoner.objects.create(name="P", slug="p-live", is_published=True, published_at=now - hour)
    Prisoner.objects.create(
        name="P",
        slug="p-hidden",
        is_published=False,
        published_at=now - hour,
        photo="prisoners/p.jpg",
        photo_alt="Portrait",
        photo_consent=True,
    )
    Petition.objects.create(title="T", slug="t-open", status="open")
    Petition.objects.create(title="T", slug="t-later", status="open", opens_at=now + hour)
    Petition.objects.create(
        title="T", slug="t-closed", status="closed", image="petitions/i.png", image_alt="Placards"
    )
    Petition.objects.create(title="T", slug="t-draft", status="draft")

    migrate(AFTER)
    call_command("migrate", verbosity=0)

    from articles.models import Article
    from media_embeds.models import Video
    from petitions.models import Petition
    from prisoners.models import Prisoner

    def public(model):
        return sorted(model.objects.published().values_list("slug", flat=True))

    assert public(Article) == ["a-live"]
    assert Article.objects.get(slug="a-draft").publication == "draft"
    assert public(Video) == ["v-live"]
    assert Video.objects.get(slug="v-later").is_scheduled
    hidden_video = Video.objects.get(slug="v-hidden")
    assert hidden_video.publication == "draft"
    assert (hidden_video.lead_image.name, hidden_video.lead_image_alt) == (
        "videos/p.png",
        "A crowd",
    )
    assert (hidden_video.lead_image_width, hidden_video.lead_image_height) == (640, 360)
    assert public(Prisoner) == ["p-live"]
    hidden_prisoner = Prisoner.objects.get(slug="p-hidden")
    assert hidden_prisoner.publication == "draft"
    assert hidden_prisoner.public_photo.name == "prisoners/p.jpg"
    assert public(Petition) == ["t-closed", "t-open"]
    assert [p.slug for p in Petition.objects.open()] == ["t-open"]
    assert Petition.objects.get(slug="t-later").is_scheduled
    assert Petition.objects.get(slug="t-closed").lead_image_alt == "Placards"
    draft = Petition.objects.get(slug="t-draft")
    assert (draft.publication, draft.status) == ("draft", "open")
