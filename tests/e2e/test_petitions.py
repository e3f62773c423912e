import re
from urllib.parse import parse_qs, urlsplit

import pytest
from django.core import mail
from playwright.sync_api import expect

from tests.factories import make_embassy, make_petition, make_signature

pytestmark = pytest.mark.django_db(transaction=True)

CONFIRM_LINK = re.compile(r"https?://[^/\s]+(/petitions/[^\s]+/confirm/[A-Za-z0-9_-]+/)")


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
