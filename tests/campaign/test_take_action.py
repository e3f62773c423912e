"""Every news story, video and profile about a prisoner leads to the open petition for them:
a "Take action" box with the petition's ask, its count and a button to the signing form."""

import pytest
from django.utils import timezone

from tests.factories import make_article, make_petition, make_prisoner, make_signature, make_video

pytestmark = pytest.mark.django_db


def take_action_box(html: str) -> str:
    """The box's markup, or "" when the page has none."""
    if 'class="take-action"' not in html:
        return ""
    return html.split('class="take-action"', 1)[1].split("</aside>", 1)[0]


@pytest.fixture
def case():
    prisoner = make_prisoner(name="Aron Atabek")
    petition = make_petition(title="Free Aron Atabek", summary="Release the poet now.")
    petition.prisoners.add(prisoner)
    article = make_article(title="The poet appeals")
    article.prisoners.add(prisoner)
    video = make_video(title="The poet speaks")
    video.prisoners.add(prisoner)
    return prisoner, petition, article, video


def test_an_article_video_and_profile_about_a_prisoner_lead_to_their_petition(client, case):
    prisoner, petition, article, video = case

    for page in (article, video, prisoner):
        box = take_action_box(client.get(page.get_absolute_url()).content.decode())

        assert "Take action" in box, page
        assert "Free Aron Atabek" in box
        assert "Release the poet now." in box
        assert f'href="{petition.get_absolute_url()}#sign"' in box
        assert "Be the first to sign" in box
        assert ">0<" not in box


def test_the_box_counts_the_signatures_already_given(client, case):
    prisoner, petition, _article, _video = case
    for _ in range(2):
        make_signature(petition=petition)

    box = take_action_box(client.get(prisoner.get_absolute_url()).content.decode())

    assert "<strong>2</strong> people have signed" in box
    assert "Be the first to sign" not in box


def test_pages_about_nobody_with_a_petition_have_no_box(client, case):
    lonely = make_prisoner(name="Nobody petitions")
    article = make_article(title="General news")
    article.prisoners.add(lonely)
    video = make_video(title="General video")

    for page in (lonely, article, video):
        assert take_action_box(client.get(page.get_absolute_url()).content.decode()) == ""


@pytest.mark.parametrize(
    "change",
    [
        {"status": "closed"},
        {"closes_at": timezone.now() - timezone.timedelta(minutes=1)},
        {"publication": "draft"},
    ],
    ids=["closed", "past its closing date", "unpublished"],
)
def test_a_petition_that_takes_no_signatures_is_not_offered(client, case, change):
    prisoner, petition, article, video = case
    type(petition).objects.filter(pk=petition.pk).update(**change)

    for page in (article, video, prisoner):
        assert take_action_box(client.get(page.get_absolute_url()).content.decode()) == ""


def test_russian_readers_are_offered_the_russian_version_of_the_petition(client, case):
    _prisoner, petition, article, _video = case
    russian = make_petition(
        title="Свободу Арону Атабеку", language="ru", translation_of=petition, slug="svobodu"
    )
    make_signature(petition=petition)

    box = take_action_box(client.get("/ru" + article.get_absolute_url()).content.decode())

    assert "Свободу Арону Атабеку" in box
    assert f'href="{russian.get_absolute_url()}#sign"' in box
