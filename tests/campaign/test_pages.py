import pytest
from django.test import RequestFactory, override_settings
from django.views.defaults import server_error

pytestmark = pytest.mark.django_db


def test_home_page_shows_the_site_shell(client):
    response = client.get("/")

    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="en">' in html
    assert 'name="viewport"' in html
    assert 'href="#main"' in html
    for path in ["/news/", "/videos/", "/prisoners/", "/petitions/", "/privacy/", "/about/"]:
        assert f'href="{path}"' in html
    assert 'action="/search/"' in html
    assert '<link rel="canonical" href="http://testserver/">' in html


def test_privacy_and_about_pages_open(client):
    assert client.get("/privacy/").status_code == 200
    assert client.get("/about/").status_code == 200


@override_settings(
    CAMPAIGN_ORGANISER="Friends of Zhanaozen",
    CONTACT_EMAIL="hello@campaign.example",
    PRIVACY_CONTACT_EMAIL="privacy@campaign.example",
)
@pytest.mark.parametrize("language", ["", "/ru", "/kk"])
def test_about_and_privacy_say_who_runs_the_campaign_and_whom_to_ask_for_deletion(client, language):
    about = client.get(f"{language}/about/").text
    privacy = client.get(f"{language}/privacy/").text

    assert "Friends of Zhanaozen" in about
    assert '<a href="mailto:hello@campaign.example">hello@campaign.example</a>' in about
    assert "Friends of Zhanaozen" in privacy
    assert '<a href="mailto:privacy@campaign.example">privacy@campaign.example</a>' in privacy


def test_without_an_organiser_set_the_campaign_is_named_by_the_site_name(client):
    assert "This site is run by Campaign Kazakhstan." in client.get("/about/").text
    assert "Бұл сайтты «Қазақстан» науқаны жүргізеді." in client.get("/kk/about/").text


def test_the_default_site_name_is_translated_and_a_chosen_one_is_kept(client, settings):
    assert "<title>Кампания «Казахстан»</title>" in client.get("/ru/").text
    assert "<title>«Қазақстан» науқаны</title>" in client.get("/kk/").text
    settings.SITE_NAME = "Solidarity Now"
    assert "<title>О кампании · Solidarity Now</title>" in client.get("/ru/about/").text


def test_unknown_page_is_a_404_in_the_site_look(client):
    response = client.get("/no-such-page/")

    assert response.status_code == 404
    html = response.content.decode()
    assert "Page not found" in html
    assert "Skip to main content" in html


@pytest.mark.django_db(transaction=False)
def test_server_error_page_renders_without_the_database(django_db_blocker):
    request = RequestFactory().get("/")

    with django_db_blocker.block():
        response = server_error(request)

    assert response.status_code == 500
    assert b"Something went wrong on our side" in response.content
    assert b"Campaign Kazakhstan" in response.content


def test_robots_txt_points_at_the_sitemap_and_keeps_robots_out_of_the_admin(client):
    response = client.get("/robots.txt")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    text = response.content.decode()
    assert "Disallow: /admin/" in text
    assert "Sitemap: http://testserver/sitemap.xml" in text


def test_sitemap_lists_the_site_pages_with_absolute_links(client):
    response = client.get("/sitemap.xml")

    assert response.status_code == 200
    assert b"<loc>http://testserver/privacy/</loc>" in response.content


def test_bad_host_header_is_a_400_not_a_crash(client):
    response = client.get("/", HTTP_HOST="evil.example.com")

    assert response.status_code == 400


@pytest.mark.parametrize(
    ("language", "words"),
    [("", "one small cookie"), ("/ru", "один небольшой cookie"), ("/kk", "бір шағын cookie")],
)
def test_privacy_tells_signers_about_the_one_cookie_that_remembers_their_country(
    client, language, words
):
    assert words in client.get(f"{language}/privacy/").text
