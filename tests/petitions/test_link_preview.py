"""What a shared link to a petition shows: Open Graph and Twitter tags, and the card drawn for
a petition without an image of its own."""

import io
import re

import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from PIL import Image

from core import cards
from petitions import cards as petition_cards
from petitions.cards import card_count
from tests.factories import make_petition, make_signature

pytestmark = pytest.mark.django_db


def meta(page: str) -> dict[str, str]:
    return dict(re.findall(r'<meta (?:property|name)="([^"]+)" content="([^"]*)"', page))


def png_of(size=(1600, 900)) -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", size, "#336699").save(buffer, "PNG")
    return SimpleUploadedFile("photo.png", buffer.getvalue(), content_type="image/png")


def test_a_petition_without_an_image_is_shared_with_its_card(settings):
    petition = make_petition(title="Free Vadim", slug="free-vadim")
    for _ in range(3):
        make_signature(petition=petition)

    tags = meta(Client().get("/petitions/free-vadim/").text)

    assert tags["og:image"] == f"{settings.SITE_URL}/petitions/free-vadim/card.png"
    assert tags["og:image:width"] == "1200"
    assert tags["og:image:height"] == "630"
    assert tags["og:image:alt"] == "Free Vadim: 3 signatures"
    assert tags["og:url"] == f"{settings.SITE_URL}/petitions/free-vadim/"
    assert tags["og:title"] == "Free Vadim"
    assert tags["twitter:card"] == "summary_large_image"
    assert tags["twitter:image"] == tags["og:image"]
    assert tags["twitter:image:alt"] == tags["og:image:alt"]


def test_a_russian_petition_is_shared_with_its_russian_card(settings):
    make_petition(title="Свободу Вадиму", slug="svobodu-vadimu", language="ru")

    tags = meta(Client().get("/ru/petitions/svobodu-vadimu/").text)

    assert tags["og:image"] == f"{settings.SITE_URL}/ru/petitions/svobodu-vadimu/card.png"
    assert tags["og:image:alt"] == "Свободу Вадиму: Подпишите первыми"
    assert tags["og:url"] == f"{settings.SITE_URL}/ru/petitions/svobodu-vadimu/"


def test_a_petition_with_an_image_is_shared_with_its_largest_rendition(settings):
    petition = make_petition(
        title="Free Vadim",
        slug="free-vadim",
        lead_image=png_of(),
        lead_image_alt="Vadim at his trial",
    )

    tags = meta(Client().get(petition.get_absolute_url()).text)

    assert tags["og:image"].startswith(f"{settings.SITE_URL}/media/renditions/")
    assert tags["og:image"].endswith("-1440w.webp")
    assert (tags["og:image:width"], tags["og:image:height"]) == ("1440", "810")
    assert tags["og:image:alt"] == "Vadim at his trial"
    assert tags["twitter:card"] == "summary_large_image"


@pytest.mark.parametrize("prefix", ["", "/ru", "/kk"])
def test_the_card_is_a_1200_by_630_png_kept_by_browsers_and_crawlers(prefix):
    petition = make_petition(title="Свободу Вадиму Курамшину", slug="free-vadim", language="ru")

    response = Client().get(f"{prefix}/petitions/free-vadim/card.png")

    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert "public" in response["Cache-Control"]
    assert "max-age=600" in response["Cache-Control"]
    with Image.open(io.BytesIO(response.content)) as image:
        assert image.format == "PNG"
        assert image.size == (1200, 630)
    assert petition


def test_a_drafts_card_is_not_found(client):
    make_petition(slug="secret", publication="draft")

    assert client.get("/petitions/secret/card.png").status_code == 404


@pytest.mark.parametrize(
    ("count", "shown"),
    [(0, 0), (7, 7), (99, 99), (100, 100), (109, 100), (1234, 1200), (56789, 56000)],
)
def test_a_card_shows_the_count_to_two_significant_figures(count, shown):
    assert card_count(count) == shown


def test_the_card_is_drawn_again_when_the_count_crosses_a_step_and_not_before(
    client, monkeypatch, settings
):
    settings.PAGE_CACHE_SECONDS = 0
    petition = make_petition(slug="free-vadim")
    for _ in range(100):
        make_signature(petition=petition)
    drawn = []
    draw = cards.render_card

    def counting_draw(card):
        drawn.append(card.figures)
        return draw(card)

    monkeypatch.setattr("petitions.cards.render_card", counting_draw)

    first = client.get("/petitions/free-vadim/card.png").content
    for _ in range(9):
        make_signature(petition=petition)
    same = client.get("/petitions/free-vadim/card.png").content
    make_signature(petition=petition)
    crossed = client.get("/petitions/free-vadim/card.png").content

    assert drawn == ["100+ signatures", "110+ signatures"]
    assert same == first
    assert crossed != first


def test_while_one_worker_draws_a_new_card_the_others_serve_the_previous_one(
    client, monkeypatch, settings
):
    settings.PAGE_CACHE_SECONDS = 0
    petition = make_petition(slug="free-vadim")
    before = client.get("/petitions/free-vadim/card.png").content
    make_signature(petition=petition)
    # Another worker has begun drawing the card for one signature.
    monkeypatch.setattr(cache, "add", lambda *args, **kwargs: False)
    monkeypatch.setattr(petition_cards, "render_card", lambda card: pytest.fail("drawn twice"))

    assert client.get("/petitions/free-vadim/card.png").content == before


def test_the_card_query_count_does_not_grow_with_signatures(
    client, django_assert_num_queries, settings
):
    settings.PAGE_CACHE_SECONDS = 0
    petition = make_petition(slug="free-vadim")
    with django_assert_num_queries(1):
        client.get("/petitions/free-vadim/card.png")
    for _ in range(150):
        make_signature(petition=petition)
    with django_assert_num_queries(1):
        client.get("/petitions/free-vadim/card.png")
