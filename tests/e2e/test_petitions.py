import re
from urllib.parse import parse_qs, urlsplit

import pytest
from django.core import mail
from django.utils import timezone
from playwright.sync_api import expect

from tests.factories import make_embassy, make_petition, make_signature

pytestmark = pytest.mark.django_db(transaction=True)

CONFIRM_LINK = re.compile(
    r"https?://[^/\s]+(/(?:ru/|kk/)?petitions/[^\s]+/confirm/[A-Za-z0-9_-]+/)"
)


def test_a_supporter_signs_confirms_by_email_and_sends_the_letter(page, settings):
    settings.SIGNATURE_RATE_LIMIT = None
    petition = make_petition(
        title="Free Vadim Kuramshin",
        letter_subject="Letter of protest",
        letter_body="I am writing this letter of protest.\n\nYours in protest,",
    )
    for _ in range(2):
        make_signature(petition=petition)
    make_embassy(country="GB", name="Embassy in London", email="embassy-gb@example.org")

    page.goto(petition.get_absolute_url())
    expect(page.locator(".petition-count__number strong")).to_have_text("2")
    expect(page.get_by_label("Leave this field empty")).not_to_be_in_viewport()
    page.get_by_label("Full name").fill("Anna Karenina")
    page.get_by_role("textbox", name="Email").fill("anna@example.org")
    page.locator("#id_country").select_option("GB")
    page.get_by_label("Show my first name").check()
    page.get_by_role("button", name="Sign the petition").click()
    expect(page.get_by_role("heading", name="Check your email")).to_be_visible()

    assert len(mail.outbox) == 1
    link = CONFIRM_LINK.search(mail.outbox[0].body)[1]
    page.goto(link)
    expect(page.locator(".petition-count__number strong")).to_have_count(0)
    page.goto(petition.get_absolute_url())
    expect(page.locator(".petition-count__number strong")).to_have_text("2")

    page.goto(link)
    page.get_by_role("button", name="Confirm my signature").click()
    expect(page.get_by_role("heading", name="Thank you for signing")).to_be_visible()
    expect(page.locator(".petition-count__number strong")).to_have_text("3")
    expect(page.get_by_role("heading", name="ask your friends to sign too")).to_be_visible()

    letter = page.locator("#letter")
    letter.get_by_label("Your country").select_option("GB")
    letter.get_by_role("button", name="Show the letter").click()
    expect(page.locator("#letter")).to_contain_text("Embassy in London")
    expect(page.locator("#letter-text")).to_have_value(
        "I am writing this letter of protest.\n\nYours in protest,\n"
    )
    expect(page.get_by_role("button", name="Copy the letter")).to_be_visible()
    href = page.get_by_role("link", name="Open in my email program").get_attribute("href")
    query = parse_qs(urlsplit(href).query)
    assert query["subject"] == ["Letter of protest"]
    assert query["body"][0].startswith("I am writing")

    page.goto(petition.get_absolute_url())
    expect(page.locator(".petition-signers")).to_contain_text("Anna K., United Kingdom")


SCREENS = {"phone": (390, 844), "desktop": (1280, 900)}


def screen(browser, live_server, size, **options):
    width, height = SCREENS[size]
    context = browser.new_context(
        base_url=live_server.url,
        viewport={"width": width, "height": height},
        is_mobile=size == "phone",
        has_touch=size == "phone",
        **options,
    )
    context.set_default_timeout(10_000)
    return context, context.new_page()


def make_long_petition():
    petition = make_petition(
        title="Free Vadim Kuramshin, jailed for defending the rights of prisoners",
        slug="free-vadim",
        target="The Prosecutor General of the Republic of Kazakhstan",
        summary="Urgent action for Vadim Kuramshin.",
        body="<p>Urgent action for Vadim Kuramshin.</p>" + "<p>Text of the petition.</p>" * 30,
        closes_at=timezone.now() + timezone.timedelta(days=30),
        letter_subject="Letter of protest",
        letter_body="Уважаемый господин посол!\n\nОсвободите Вадима Курамшина.",
    )
    for _ in range(3):
        make_signature(petition=petition, show_name=True)
    return petition


@pytest.mark.parametrize("size", SCREENS)
def test_the_count_and_a_sign_control_are_in_the_first_screen(browser, live_server, size):
    petition = make_long_petition()
    context, page = screen(browser, live_server, size)
    try:
        for prefix in ("", "/ru", "/kk"):
            page.goto(prefix + petition.get_absolute_url())
            expect(page.locator(".petition-count__number strong")).to_have_text("3")
            expect(page.locator(".petition-count")).to_be_in_viewport()
            expect(page.locator(".petition-status time")).to_be_in_viewport()
            if size == "phone":
                jump = page.locator(".petition__jump a")
                expect(jump).to_be_in_viewport()
                jump.click()
                expect(page.locator("#id_name")).to_be_in_viewport()
            else:
                expect(page.locator(".petition__jump a")).to_be_hidden()
                expect(page.locator("#id_name")).to_be_in_viewport()
                expect(page.locator(".petition-form__submit")).to_be_in_viewport()
                # The sign box stays beside the text as it scrolls.
                page.locator("#letter").scroll_into_view_if_needed()
                expect(page.locator("#id_name")).to_be_in_viewport()
            width = page.evaluate("document.documentElement.scrollWidth")
            assert width <= SCREENS[size][0], f"{prefix or '/'}: {width}px wide"
    finally:
        context.close()


@pytest.mark.parametrize("javascript", [True, False])
def test_a_refused_form_opens_at_its_error_summary(browser, live_server, javascript):
    petition = make_long_petition()
    context, page = screen(browser, live_server, "phone", java_script_enabled=javascript)
    try:
        page.goto(petition.get_absolute_url())
        page.locator("#id_email").fill("not an address")
        page.locator(".petition-form__submit").click()
        summary = page.locator("#sign-errors")
        expect(summary).to_be_focused()
        expect(summary).to_be_in_viewport()
        expect(summary).to_contain_text("Full name: This field is required.")
        summary.get_by_role("link", name=re.compile("^Email:")).click()
        expect(page.locator("#id_email")).to_be_in_viewport()
    finally:
        context.close()


def test_after_signing_the_pages_offer_big_share_buttons_and_the_letter_for_the_signers_country(
    browser, live_server, settings
):
    settings.SIGNATURE_RATE_LIMIT = None
    petition = make_long_petition()
    make_embassy(country="DE", name="Embassy in Berlin", email="embassy-de@example.org")
    context, page = screen(
        browser, live_server, "phone", permissions=["clipboard-read", "clipboard-write"]
    )
    try:
        page.goto("/ru" + petition.get_absolute_url())
        page.locator("#id_name").fill("Anna Karenina")
        page.locator("#id_email").fill("anna@example.org")
        page.locator("#id_country").select_option("DE")
        page.locator(".petition-form__submit").click()
        expect(page).to_have_url(re.compile(r"/ru/petitions/free-vadim/check-your-email/$"))
        for name in ("WhatsApp", "Telegram", "Facebook", "X", "ВКонтакте"):
            link = page.locator(".share--big").get_by_role("link", name=name, exact=True)
            expect(link).to_be_visible()
            assert "free-vadim" in link.get_attribute("href")
        expect(page.locator("#letter")).to_contain_text("Embassy in Berlin")
        expect(page.locator("#letter-text")).to_have_value(re.compile("^Уважаемый господин посол!"))
        expect(page.locator("body")).not_to_contain_text("Dear")
        page.get_by_role("button", name="Скопировать ссылку").click()
        expect(page.locator(".share")).to_contain_text("Ссылка скопирована")

        link = CONFIRM_LINK.search(mail.outbox[-1].body)[1]
        page.context.clear_cookies()
        page.goto(link)
        page.get_by_role("button", name="Подтвердить подпись").click()
        expect(page).to_have_url(re.compile(r"/ru/petitions/free-vadim/thank-you/$"))
        expect(page.locator(".petition-count__number strong")).to_have_text("4")
        expect(page.locator(".share--big").get_by_role("link", name="Telegram")).to_be_visible()
        expect(page.locator("#letter")).to_contain_text("Embassy in Berlin")
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
    finally:
        context.close()
