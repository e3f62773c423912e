import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from pages.models import Page
from tests.factories import make_page

pytestmark = pytest.mark.django_db

VIDEO_LINE = "<p>https://youtu.be/dQw4w9WgXcQ</p>"


def test_the_about_page_shows_what_editors_wrote_above_who_runs_the_campaign(client, settings):
    settings.CAMPAIGN_ORGANISER = "Friends of Kazakh Workers"
    make_page(
        title="Who we are",
        slug="about",
        body="<p>We began in 2012.</p><ul><li><p>Reports</p></li></ul>",
    )

    html = client.get("/about/").content.decode()

    assert "<h1>Who we are</h1>" in html
    assert "<p>We began in 2012.</p><ul><li><p>Reports</p></li></ul>" in html
    assert "Campaign Kazakhstan stands with political prisoners" not in html
    assert "This site is run by Friends of Kazakh Workers." in html


def test_without_a_page_the_about_page_keeps_its_own_text(client):
    html = client.get("/about/").content.decode()

    assert "<h1>About the campaign</h1>" in html
    assert "Campaign Kazakhstan stands with political prisoners" in html


def test_the_privacy_page_keeps_what_the_site_stores_whatever_editors_write(client, settings):
    settings.PRIVACY_CONTACT_EMAIL = "privacy@example.org"
    make_page(title="Your privacy", slug="privacy", body="<p>We keep little.</p>")

    html = client.get("/privacy/").content.decode()

    assert "<h1>Your privacy</h1>" in html
    assert "<p>We keep little.</p>" in html
    for fact in (
        "When you sign a petition",
        "We store exactly this, and nothing else:",
        "Signatures that are never confirmed are deleted 30 days after they were made.",
        "What our server's logs hold",
        "mailto:privacy@example.org",
    ):
        assert fact in html
    assert html.index("We keep little.") < html.index("When you sign a petition")


def test_a_reader_gets_the_page_in_their_language_else_the_original(client):
    original = make_page(title="How to write to a prisoner", slug="writing")
    make_page(
        title="Как написать заключённому",
        slug="writing",
        language="ru",
        translation_of=original,
    )

    assert "<h1>How to write to a prisoner</h1>" in client.get("/pages/writing/").content.decode()
    russian = client.get("/ru/pages/writing/").content.decode()
    assert "<h1>Как написать заключённому</h1>" in russian
    kazakh = client.get("/kk/pages/writing/").content.decode()
    assert '<h1 lang="en">How to write to a prisoner</h1>' in kazakh


def test_a_page_shows_a_video_in_its_text_as_the_click_to_play_player(client):
    make_page(slug="writing", body=f"<p>Watch first:</p>{VIDEO_LINE}")

    html = client.get("/pages/writing/").content.decode()

    assert "data-video-facade" in html
    assert "<iframe" not in html
    assert "js/video-facade.js" in html


def test_a_draft_is_not_found_by_the_public_but_previewed_by_staff(client, staff_client):
    make_page(title="Coming soon", slug="soon", publication=Page.Publication.DRAFT)
    make_page(title="New about", slug="about", publication=Page.Publication.DRAFT)

    assert client.get("/pages/soon/").status_code == 404
    assert "New about" not in client.get("/about/").content.decode()
    preview = staff_client.get("/pages/soon/").content.decode()
    assert "Not published — only logged-in editors see this page" in preview
    assert '<meta name="robots" content="noindex">' in preview


def test_an_unknown_page_is_not_found(client):
    assert client.get("/pages/no-such-page/").status_code == 404


def test_pages_link_to_their_own_address_in_their_own_language():
    about = make_page(slug="about")
    privacy_ru = make_page(slug="privacy", language="ru")
    other_kk = make_page(slug="writing", language="kk")

    assert about.get_absolute_url() == "/about/"
    assert privacy_ru.get_absolute_url() == "/ru/privacy/"
    assert other_kk.get_absolute_url() == "/kk/pages/writing/"


def test_a_page_costs_the_same_queries_with_or_without_translations(
    client, django_assert_num_queries
):
    original = make_page(slug="writing")
    with django_assert_num_queries(2):
        client.get("/ru/pages/writing/")
    make_page(slug="writing", language="ru", translation_of=original)
    make_page(slug="writing", language="kk", translation_of=original)
    with django_assert_num_queries(2):
        client.get("/ru/pages/writing/")


def test_editors_write_pages_in_the_admin_with_the_rich_text_editor(client, django_user_model):
    editor = django_user_model.objects.create_user("nightshift", password="pw", is_staff=True)
    editor.groups.add(Group.objects.get(name="Editors"))
    client.force_login(editor)

    form = client.get(reverse("admin:pages_page_add")).content.decode()

    assert "data-django-prose-editor-campaign" in form
    response = client.post(
        reverse("admin:pages_page_add"),
        {
            "title": "How to write to a prisoner",
            "slug": "writing",
            "body": "Keep it short.\n\nDo not mention the case.",
            "language": "en",
            "publication": "published",
            "published_at_0": "",
            "published_at_1": "",
        },
    )
    assert response.status_code == 302
    assert Page.objects.get().body == "<p>Keep it short.</p><p>Do not mention the case.</p>"


def test_a_second_page_at_the_same_address_and_language_is_refused(admin_client):
    make_page(slug="about")

    response = admin_client.post(
        reverse("admin:pages_page_add"),
        {
            "title": "Another about",
            "slug": "about",
            "body": "<p>x</p>",
            "language": "en",
            "publication": "draft",
            "published_at_0": "",
            "published_at_1": "",
        },
    )

    assert response.status_code == 200
    assert "This address already has a page in this language." in response.content.decode()
