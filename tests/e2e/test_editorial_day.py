"""An editor's whole day in the admin, in Chromium: news, a video, a prisoner, a petition."""

import csv
import io
import re
from urllib.error import URLError

import pytest
from django.contrib.auth.models import Group, User
from django.core.files.base import ContentFile
from django.core.management import call_command
from playwright.sync_api import expect

from media_embeds.models import LibraryImage, Video
from petitions.models import Petition
from prisoners.models import Prisoner
from tests.factories import (
    authenticator_code,
    make_authenticator,
    make_category,
    make_petition,
    make_signature,
    png_bytes,
)

pytestmark = pytest.mark.django_db(transaction=True)

PASSWORD = "a long editor passphrase"


@pytest.fixture
def editor(monkeypatch):
    # Transactional tests start from an emptied database (the flush keeps the roles, which
    # are made again after it): load the demo content.
    call_command("seed_demo", stdout=None)
    user = User.objects.create_user("nightshift", password=PASSWORD, is_staff=True)
    user.groups.add(Group.objects.get(name="Editors"))

    # The live server runs in this process: saving a video must not reach YouTube.
    def refuse(*args, **kwargs):
        raise URLError("network disabled in tests")

    monkeypatch.setattr("media_embeds.services.urlopen", refuse)
    return user


def pick(page, field: str, text: str):
    """Choose `text` in an admin autocomplete (select2) field, as an editor would."""
    page.locator(f"#id_{field} + .select2 .select2-selection").click()
    page.locator(".select2-container--open .select2-search__field").fill(text)
    page.locator(".select2-results__option", has_text=text).click()


def fill_title(page, field: str, text: str, slug: str):
    """Type the title and leave the field: the admin fills in the slug from it."""
    page.locator(f"#id_{field}").fill(text)
    page.locator(f"#id_{field}").press("Tab")
    expect(page.locator("#id_slug")).to_have_value(slug)


def run_action(page, changelist: str, row_text: str, action: str):
    page.goto(changelist)
    page.locator("#result_list tr", has_text=row_text).locator("input.action-select").check()
    page.locator("select[name=action]").select_option(action)
    page.locator("button[name=index]").click()


def saved(page):
    expect(page.locator(".messagelist .success")).to_contain_text("successfully")


def write_body_with_the_toolbar(page):
    """A heading, two paragraphs, a bulleted list and a YouTube link on its own line,
    written as in a word processor: the toolbar and the Enter key, no markup."""
    body = page.locator(".prose-editor:has(#id_body)")
    body.get_by_role("textbox", name="Body").click()
    body.locator(".prose-menubar__selected").click()
    body.locator(".prose-menubar__option[data-name=heading2]").click()
    page.keyboard.type("What the workers demand")
    page.keyboard.press("Enter")
    page.keyboard.type("The strike began at the change of shift.")
    page.keyboard.press("Enter")
    page.keyboard.type("Management called the police at dawn.")
    page.keyboard.press("Enter")
    body.get_by_role("button", name="unordered list").click()
    page.keyboard.type("Wages that keep up with prices")
    page.keyboard.press("Enter")
    page.keyboard.type("The right to a union of their own")
    page.keyboard.press("Enter")
    page.keyboard.press("Enter")
    page.keyboard.type("https://youtu.be/dQw4w9WgXcQ")
    page.keyboard.press("Enter")
    written = body.get_by_role("textbox", name="Body")
    expect(written.locator("h2")).to_have_text("What the workers demand")
    expect(written.locator("ul li")).to_have_count(2)


def place_a_site_video_and_a_library_picture(page):
    """The toolbar's Video button offers the site's videos; its Picture button the
    library's pictures, and refuses to place one without a description."""
    body = page.locator(".prose-editor:has(#id_body)")
    body.get_by_role("button", name="Video", exact=True).click()
    videos = page.locator("dialog.picker")
    videos.get_by_label("Search").fill("strikers")
    videos.get_by_role("button", name="Strikers speak at the gate (YouTube)").click()
    expect(videos).to_have_count(0)
    written = body.get_by_role("textbox", name="Body")
    expect(written.locator("a[href*='M7lc1UVf-VE']")).to_have_count(1)

    body.get_by_role("button", name="Picture", exact=True).click()
    pictures = page.locator("dialog.picker")
    pictures.get_by_role("button", name="Oil workers at the gate of the Tengiz field").click()
    pictures.get_by_label("Description for people who cannot see it").fill("")
    pictures.get_by_role("button", name="Insert").click()
    expect(pictures.get_by_role("status")).to_contain_text("Describe the picture")
    pictures.get_by_label("Description for people who cannot see it").fill(
        "Strikers at the gate at dawn"
    )
    pictures.get_by_label("Caption").fill("The gate on the first night")
    pictures.get_by_role("button", name="Insert").click()
    expect(pictures).to_have_count(0)
    expect(written.locator("img[alt='Strikers at the gate at dawn']")).to_have_count(1)


def read_the_formatted_article_without_reaching_youtube_before_play(page):
    """The public page shows the editor's paragraphs, list and, where the link was, our
    player; nothing is asked of another host until the visitor presses play."""
    elsewhere = []

    def keep_off_other_hosts(route):
        elsewhere.append(route.request.url)
        route.abort()

    page.context.route(re.compile(r"^https?://(?!localhost|127\.0\.0\.1)"), keep_off_other_hosts)
    page.get_by_role("link", name="Night strike at the Tengiz oil field").click()
    text = page.locator(".prose")
    expect(text.get_by_role("heading", name="What the workers demand", level=2)).to_be_visible()
    expect(text.locator("> p")).to_have_text(
        ["The strike began at the change of shift.", "Management called the police at dawn."]
    )
    expect(text.locator("ul > li")).to_have_text(
        ["Wages that keep up with prices", "The right to a union of their own"]
    )
    play = text.get_by_role("button", name="Play the video on YouTube")
    expect(play).to_be_visible()
    expect(
        text.get_by_role("button", name="Play video: Strikers speak at the gate")
    ).to_be_visible()
    picture = text.locator("figure img[alt='Strikers at the gate at dawn']")
    expect(picture).to_be_visible()
    expect(picture).to_have_attribute("srcset", re.compile(r"-480w\.webp 480w"))
    expect(picture).to_have_attribute("width", "960")
    expect(picture).to_have_attribute("height", "540")
    expect(text.locator("figcaption")).to_have_text("The gate on the first night")
    assert text.locator("iframe").count() == 0
    assert elsewhere == []

    play.click()
    expect(text.locator("iframe")).to_have_attribute(
        "src", re.compile(r"^https://www\.youtube-nocookie\.com/embed/dQw4w9WgXcQ\?")
    )
    page.context.unroute_all()
    page.go_back()


def log_in(page, user):
    page.goto("/admin/")
    page.get_by_label("Username").fill(user.username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_label("Authentication code").fill(authenticator_code(make_authenticator(user)))
    page.get_by_role("button", name="Log in").click()


def test_an_editor_publishes_news_a_video_a_prisoner_and_a_petition(page, editor):
    make_category(name="Oil workers", slug="oil-workers")
    library = LibraryImage(alt="Oil workers at the gate of the Tengiz field")
    library.image.save("gate.png", ContentFile(png_bytes(960, 540)), save=False)
    library.save()

    log_in(page, editor)
    expect(page.locator("#site-name")).to_contain_text("Campaign Kazakhstan")
    app_names = page.locator("#content-main caption a").all_text_contents()
    assert app_names[:4] == ["News", "Videos", "Prisoners", "Petitions"]

    # A video from a pasted YouTube link.
    page.goto("/admin/media_embeds/video/add/")
    fill_title(page, "title", "Strikers speak at the gate", "strikers-speak-at-the-gate")
    page.locator("#id_source_url").fill("https://youtu.be/M7lc1UVf-VE?t=30")
    page.locator("#id_publication").select_option("published")
    page.locator("input[name=_save]").first.click()
    saved(page)
    video = Video.objects.get(slug="strikers-speak-at-the-gate")
    assert (video.provider, video.video_id, video.start_seconds) == ("youtube", "M7lc1UVf-VE", 30)
    page.goto("/videos/strikers-speak-at-the-gate/")
    expect(
        page.get_by_role("button", name="Play video: Strikers speak at the gate")
    ).to_be_visible()

    # An article with a lead image and a category, saved as a draft, then published.
    page.goto("/admin/articles/article/add/")
    fill_title(
        page,
        "title",
        "Night strike at the Tengiz oil field",
        "night-strike-at-the-tengiz-oil-field",
    )
    page.locator("#id_standfirst").fill("Two thousand workers downed tools at midnight.")
    write_body_with_the_toolbar(page)
    place_a_site_video_and_a_library_picture(page)
    page.locator("#id_lead_image").set_input_files(
        files=[{"name": "strike.png", "mimeType": "image/png", "buffer": png_bytes(960, 540)}]
    )
    page.locator("#id_lead_image_alt").fill("Workers gathered at the gate")
    page.locator("#id_publication").select_option("draft")
    pick(page, "categories", "Oil workers")
    page.locator("input[name=_save]").first.click()
    saved(page)
    run_action(page, "/admin/articles/article/", "Night strike at the Tengiz", "publish")
    expect(page.locator(".messagelist .success")).to_contain_text("1 page published")

    page.goto("/news/")
    expect(page.get_by_role("link", name="Night strike at the Tengiz oil field")).to_be_visible()
    read_the_formatted_article_without_reaching_youtube_before_play(page)
    expect(page.locator("img[alt='Workers gathered at the gate']").first).to_be_visible()
    page.goto("/")
    expect(page.get_by_role("link", name="Night strike at the Tengiz oil field")).to_be_visible()

    # A prisoner with a detention and its charge, all on the prisoner's page.
    page.goto("/admin/prisoners/prisoner/add/")
    fill_title(page, "name", "Aigerim Sadykova", "aigerim-sadykova")
    page.locator("#id_summary").fill("Union organiser jailed after the Tengiz strike")
    page.locator("#id_publication").select_option("published")
    page.locator("#detentions-group .add-row a").click()
    page.locator("#id_detentions-0-detained_on").fill("2026-03-14")
    page.locator("#id_detentions-0-place").fill("Pre-trial detention centre, Atyrau")
    page.locator("#id_detentions-0-charge_lines").fill("174(1) inciting social discord")
    page.locator("input[name=_continue]").first.click()
    saved(page)
    detention = Prisoner.objects.get(slug="aigerim-sadykova").detentions.get()
    assert [(charge.article, charge.part) for charge in detention.charges.all()] == [("174", "1")]
    page.goto("/prisoners/aigerim-sadykova/")
    expect(page.locator(".charges")).to_contain_text("inciting social discord")
    expect(page.locator("main")).to_contain_text("Pre-trial detention centre, Atyrau")

    # A petition with a model letter, created as a draft and then published: the same
    # action as the article's, and it takes signatures from then on.
    page.goto("/admin/petitions/petition/add/")
    fill_title(page, "title", "Free Aigerim Sadykova", "free-aigerim-sadykova")
    page.locator("#id_summary").fill("Release the union organiser jailed for a strike.")
    page.locator("#id_letter_subject").fill("Release Aigerim Sadykova")
    page.locator("#id_letter_body").fill("I ask you to release Aigerim Sadykova at once.")
    pick(page, "prisoners", "Aigerim Sadykova")
    page.locator("input[name=_save]").first.click()
    saved(page)
    run_action(page, "/admin/petitions/petition/", "Free Aigerim Sadykova", "publish")
    expect(page.locator(".messagelist .success")).to_contain_text("1 page published")
    assert Petition.objects.get(slug="free-aigerim-sadykova").is_open

    page.goto("/petitions/free-aigerim-sadykova/")
    expect(page.get_by_role("heading", name="Free Aigerim Sadykova")).to_be_visible()
    expect(page.locator("#letter")).to_contain_text("Release Aigerim Sadykova")
    expect(page.locator("#letter-text")).to_have_value(
        re.compile("I ask you to release Aigerim Sadykova at once.")
    )

    # The About page in Russian, written with the same editor.
    page.goto("/admin/pages/page/add/")
    page.locator("#id_title").fill("О кампании")
    page.locator("#id_title").press("Tab")
    page.locator("#id_slug").fill("about")
    expect(page.locator("#id_slug")).to_have_value("about")
    body = page.locator(".prose-editor:has(#id_body)")
    body.get_by_role("textbox", name="Text").click()
    page.keyboard.type("Кампанию ведут профсоюзные активисты.")
    page.keyboard.press("Enter")
    page.keyboard.type("Пишите нам в любое время.")
    page.locator("#id_language").select_option("ru")
    page.locator("#id_publication").select_option("published")
    page.locator("input[name=_save]").first.click()
    saved(page)
    page.goto("/ru/about/")
    expect(page.get_by_role("heading", name="О кампании", level=1)).to_be_visible()
    expect(page.locator("main")).to_contain_text("Кампанию ведут профсоюзные активисты.")
    expect(page.locator("main")).to_contain_text("Пишите нам в любое время.")


def test_a_moderator_exports_the_signatures_of_one_country(page):
    moderator = User.objects.create_user("moderator", password=PASSWORD, is_staff=True)
    moderator.groups.add(Group.objects.get(name="Moderators"))
    petition = make_petition(title="Free the strikers")
    make_signature(petition=petition, name="Anna Berg", country="DE", city="Berlin")
    make_signature(petition=petition, name="Jonas Wolf", country="DE")
    make_signature(petition=petition, name="Mary Smith", country="GB")

    log_in(page, moderator)
    page.goto("/admin/petitions/signature/")
    page.get_by_role("link", name=re.compile("^Germany")).click()
    expect(page.locator("#result_list tbody tr")).to_have_count(2)
    page.locator("#action-toggle").check()
    page.locator("select[name=action]").select_option("export_confirmed")
    with page.expect_download() as download:
        page.locator("button[name=index]").click()
    rows = list(csv.reader(io.StringIO(download.value.path().read_text(encoding="utf-8-sig"))))

    header, *signers = rows
    assert header[:4] == ["Petition", "Name", "Email", "Country"]
    assert sorted((row[0], row[1], row[3]) for row in signers) == [
        ("Free the strikers", "Anna Berg", "Germany"),
        ("Free the strikers", "Jonas Wolf", "Germany"),
    ]
    signed_at = header.index("Signed at")
    assert all(
        re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d", row[signed_at])
        for row in signers
    )
