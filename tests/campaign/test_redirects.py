import pytest

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("/index.php/category/video/", "/category/video/"),
        ("/index.php/category/video/page/3/", "/category/video/?page=3"),
        ("/index.php/category/workers-struggles/feed/", "/category/workers-struggles/"),
        ("/category/video/page/2/", "/category/video/?page=2"),
        ("/category/video/page/1/", "/category/video/"),
        ("/index.php/2013/12/17/full-video-of-london-commemoration/",
         "/news/full-video-of-london-commemoration/"),
        ("/2013/06/25/angry-protests-erupt-in-zhezkazgan/",
         "/news/angry-protests-erupt-in-zhezkazgan/"),
        ("/index.php/about/", "/about/"),
        ("/index.php/prisoners/", "/prisoners/"),
        ("/index.php", "/"),
        ("/index.php/", "/"),
        ("/index.php/no-such-wordpress-page/", "/"),
    ],
)  # fmt: skip
def test_old_wordpress_addresses_redirect_permanently(client, old, new):
    response = client.get(old)

    assert response.status_code == 301
    assert response["Location"] == new


def test_index_php_cannot_redirect_to_another_site(client):
    response = client.get("/index.php//evil.example/")

    assert response.status_code == 301
    assert response["Location"] == "/"


def test_the_new_category_page_is_not_shadowed_by_the_redirects(client):
    from tests.factories import make_category

    category = make_category(name="Video", slug="video")

    response = client.get("/category/video/")

    assert response.status_code == 200
    assert response.context["category"] == category


@pytest.mark.parametrize(
    "path",
    ["/2019/05/01/привет/", "/index.php/category/новости/page/2/", "/category/\U0001d54f/page/2/"],
)
def test_old_addresses_with_letters_no_slug_here_can_have_are_not_found(client, path):
    assert client.get(path).status_code == 404
