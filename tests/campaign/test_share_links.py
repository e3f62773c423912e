"""Share links carry the site's public address, whichever host name the request came by."""

import pytest

from tests.factories import make_article, make_petition, make_prisoner, make_video

pytestmark = pytest.mark.django_db

PAGES = {
    "article": lambda: make_article().get_absolute_url(),
    "video": lambda: make_video().get_absolute_url(),
    "prisoner": lambda: make_prisoner().get_absolute_url(),
    "petition": lambda: make_petition().get_absolute_url(),
    "thank-you": lambda: make_petition().get_absolute_url() + "thank-you/",
}


@pytest.mark.parametrize("page", PAGES)
def test_the_copy_link_and_share_links_point_at_site_url(client, settings, page):
    settings.SITE_URL = "https://campaign.example.org"
    settings.ALLOWED_HOSTS = ["testserver", "internal-backend"]
    path = PAGES[page]()
    share_path = path.removesuffix("thank-you/")

    text = client.get(path, HTTP_HOST="internal-backend").text

    assert f'id="share-link" value="https://campaign.example.org{share_path}"' in text
    assert "facebook.com/sharer/sharer.php?u=https%3A%2F%2Fcampaign.example.org" in text
    assert "internal-backend" not in text.split('class="share', 1)[1]
