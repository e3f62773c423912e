"""Reach: every page type in every language passes axe-core; signing works without
JavaScript; pages print without the site's chrome."""

import datetime
import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.core import mail
from playwright.sync_api import expect

from petitions.models import Petition
from tests.factories import (
    make_article,
    make_detention,
    make_embassy,
    make_page,
    make_petition,
    make_prisoner,
    make_signature,
    make_timeline_event,
    make_video,
)

pytestmark = pytest.mark.django_db(transaction=True)

CONFIRM_LINK = re.compile(
    r"https?://[^/\s]+(/(?:ru/|kk/)?petitions/[^\s]+/confirm/[A-Za-z0-9_-]+/)"
)
FAILING_IMPACTS = {"serious", "critical"}


def make_site():
    """One of each page type, with a Russian translation of the article and the petition."""
    prisoner = make_prisoner(
        name="Aron Atabek",
        slug="aron-atabek",
        summary="Poet jailed for his words",
        role="Poet",
        region="Almaty",
        is_urgent=True,
        letters_address="Prison 1\nAlmaty",
        address_safe_to_publish=True,
    )
    detention = make_detention(prisoner, detained_on=datetime.date(2020, 3, 1))
    detention.charges.create(article="174", description="inciting discord")
    article = make_article(
        title="Strike in Zhanaozen",
        slug="strike",
        standfirst="Oil workers stop work",
        body='<p>Hundreds gathered, <a href="https://example.org/report">a report</a> says.</p>',
    )
    make_article(
        title="Забастовка в Жанаозене", slug="zabastovka", language="ru", translation_of=article
    )
    make_timeline_event(prisoner, article=article)
    article.prisoners.add(prisoner)
    video = make_video(title="Speech in parliament", slug="speech", description="A speech.")
    video.articles.add(article)
    video.prisoners.add(prisoner)
    petition = make_petition(
        title="Free Aron Atabek",
        slug="free-aron",
        summary="He must be freed.",
        body="<p>Free him now.</p>",
        letter_subject="Free Aron Atabek",
        letter_body="I am writing to ask for his release.",
        featured=True,
    )
    make_petition(
        title="Свободу Арону Атабеку",
        slug="svobodu-aronu",
        language="ru",
        translation_of=petition,
        letter_body="Прошу освободить его.",
    )
    petition.prisoners.add(prisoner)
    make_signature(
        petition=petition,
        show_name=True,
        name="Anna Karenina",
        comment="Stay strong.",
        publish_comment=True,
        comment_review="approved",
    )
    make_embassy(country="GB", name="Embassy in London", email="embassy-gb@example.org")
    make_article(
        title="The strikers speak",
        slug="strikers-speak",
        body="<h2>Their demands</h2><ul><li><p>Wages</p></li></ul><p>https://youtu.be/dQw4w9WgXcQ</p>",
    )
    make_page(
        title="How to write to a prisoner",
        slug="writing",
        body="<p>Keep it short.</p><blockquote><p>Every letter was a window.</p></blockquote>",
    )
    return [
        "/",
        "/news/",
        "/news/strike/",
        "/news/strikers-speak/",
        "/videos/",
        "/videos/speech/",
        "/prisoners/",
        "/prisoners/?article=174&letters=1",
        "/prisoners/aron-atabek/",
        "/petitions/",
        "/petitions/free-aron/",
        "/petitions/free-aron/thank-you/?country=GB",
        "/search/?q=strike",
        "/pages/writing/",
        "/no-such-page/",
    ]


def test_every_page_type_in_every_language_passes_axe(page, live_server):
    paths = make_site()
    # Enough from one country for the petition page to list it and draw the map.
    for _ in range(5):
        make_signature(petition=Petition.objects.get(slug="free-aron"), country="DE")
    axe = Axe()
    failures = []
    for prefix in ("", "/ru", "/kk"):
        for path in paths:
            page.goto(prefix + path)
            results = axe.run(page)
            for violation in results.response["violations"]:
                if violation["impact"] in FAILING_IMPACTS:
                    targets = [node["target"] for node in violation["nodes"]][:3]
                    failures.append(f"{prefix + path}: {violation['id']} {targets}")
    assert not failures, "\n".join(failures)


def test_the_switcher_keeps_the_page_and_its_filters(page, live_server):
    make_site()
    page.goto("/prisoners/?region=Almaty")
    page.get_by_role("navigation", name="Language").get_by_role("link", name="Қазақша").click()
    expect(page).to_have_url(re.compile(r"/kk/prisoners/\?region=Almaty$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Саяси тұтқындар")
    page.get_by_role("navigation", name="Тіл").get_by_role("link", name="Русский").click()
    expect(page).to_have_url(re.compile(r"/ru/prisoners/\?region=Almaty$"))
    expect(page.locator("html")).to_have_attribute("lang", "ru")


def test_signing_and_confirming_work_without_javascript(browser, live_server, settings):
    settings.SIGNATURE_RATE_LIMIT = None
    make_site()
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    context.set_default_timeout(10_000)
    page = context.new_page()
    try:
        page.goto("/ru/petitions/svobodu-aronu/")
        page.get_by_role("button", name="Подпишите петицию").click()
        expect(page.locator(".petition-form__errors")).to_be_visible()
        name = page.get_by_label("Имя и фамилия")
        expect(name).to_have_attribute("aria-invalid", "true")
        expect(
            page.locator(f"#{name.get_attribute('aria-describedby').split()[0]}")
        ).to_be_visible()
        name.fill("Анна Каренина")
        page.get_by_role("textbox", name="Электронная почта").fill("anna@example.org")
        page.locator("#id_country").select_option("KZ")
        page.get_by_role("button", name="Подпишите петицию").click()
        expect(page.get_by_role("heading", name="Проверьте почту")).to_be_visible()

        link = CONFIRM_LINK.search(mail.outbox[-1].body)[1]
        assert link.startswith("/ru/petitions/free-aron/confirm/")
        page.goto(link)
        page.get_by_role("button", name="Подтвердить подпись").click()
        expect(page.get_by_role("heading", name="Спасибо, что подписали")).to_be_visible()
        expect(page.locator(".petition-count__number strong")).to_have_text("2")
        expect(page.locator("#letter-text")).to_have_value(re.compile("Прошу освободить его."))
        letter = page.locator("#letter")
        letter.get_by_label("Ваша страна").select_option("GB")
        letter.get_by_role("button", name="Показать письмо").click()
        expect(letter).to_contain_text("Embassy in London")
        mailto = page.get_by_role("link", name="Открыть в почтовой программе")
        assert mailto.get_attribute("href").startswith("mailto:embassy-gb@example.org?")
        expect(page.get_by_role("button", name="Скопировать письмо")).to_be_hidden()

        page.goto("/prisoners/")
        filters = page.get_by_role("navigation", name="Filter the list")
        filters.get_by_role("link", name=re.compile(r"^Almaty\b")).click()
        expect(page).to_have_url(re.compile(r"region=Almaty"))
        expect(page.get_by_role("link", name="Aron Atabek")).to_be_visible()

        page.goto("/videos/speech/")
        watch = page.get_by_role("link", name=re.compile("Watch “Speech in parliament” on YouTube"))
        assert watch.get_attribute("href").startswith("https://www.youtube.com/watch?v=")
    finally:
        context.close()


def test_a_profile_and_the_letter_print_without_the_sites_chrome(page, live_server):
    make_site()
    page.emulate_media(media="print")
    for path in ("/prisoners/aron-atabek/", "/petitions/free-aron/thank-you/?country=GB"):
        page.goto(path)
        expect(page.get_by_role("navigation", name="Main")).to_be_hidden()
        expect(page.locator(".site-footer")).to_be_hidden()
        expect(page.locator(".share")).to_be_hidden()
        expect(page.get_by_role("heading", level=1)).to_be_visible()
    expect(page.locator(".petition-letter__country")).to_be_hidden()
    expect(page.locator(".petition-letter__printed")).to_contain_text(
        "I am writing to ask for his release."
    )
    page.goto("/news/strike/")
    after = page.locator(".prose a").evaluate("link => getComputedStyle(link, '::after').content")
    assert after == '" (https://example.org/report)"'
