import pytest

from pages.models import Page
from tests.factories import make_page

pytestmark = pytest.mark.django_db


def test_the_sitemap_lists_published_pages_once_each_at_their_language_address(client):
    original = make_page(slug="writing")
    make_page(slug="writing", language="ru", translation_of=original)
    make_page(slug="later", publication=Page.Publication.DRAFT)
    make_page(slug="about")

    xml = client.get("/sitemap.xml").content.decode()

    assert "/pages/writing/</loc>" in xml
    assert "/ru/pages/writing/</loc>" in xml
    assert "/pages/later/" not in xml
    assert xml.count("/about/</loc>") == 1
