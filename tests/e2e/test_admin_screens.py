"""Editors post urgent updates from a laptop or a phone: the admin's forms and lists fit a
390-pixel phone and a 1280-pixel laptop (static/css/admin.css)."""

import datetime
import os
from pathlib import Path

import pytest
from playwright.sync_api import expect

from prisoners.models import Detention, TimelineEvent
from tests.factories import (
    authenticator_code,
    make_article,
    make_authenticator,
    make_library_image,
    make_petition,
    make_prisoner,
    make_signature,
    make_video,
    make_video_with_poster,
)
from tests.infra.servers import ROOT

pytestmark = pytest.mark.django_db(transaction=True)

LONG = "Oil workers of Zhanaozen demand the release of their union's leaders " * 3


@pytest.fixture
def phone(browser, live_server, admin_user, settings):
    yield from logged_in(browser, live_server, admin_user, settings, 390, 844)


@pytest.fixture
def laptop(browser, live_server, admin_user, settings):
    yield from logged_in(browser, live_server, admin_user, settings, 1280, 800)


def logged_in(browser, live_server, admin_user, settings, width, height):
    context = browser.new_context(
        base_url=live_server.url,
        viewport={"width": width, "height": height},
        is_mobile=width < 768,
        has_touch=width < 768,
    )
    context.set_default_timeout(10_000)
    page = context.new_page()
    page.goto(f"/{settings.ADMIN_URL}login/")
    page.get_by_label("Username").fill(admin_user.username)
    page.get_by_label("Password").fill("password")
    page.get_by_label("Authentication code").fill(
        authenticator_code(make_authenticator(admin_user))
    )
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("heading", name="What would you like to update?")).to_be_visible()
    yield page
    context.close()


def page_width(page) -> int:
    return page.evaluate("document.documentElement.scrollWidth")


def fields_past_the_edge(page) -> list[str]:
    """Form fields that reach past the right edge of the screen or of their box (an
    inline's box cuts them off without making the page wider)."""
    return page.evaluate(
        """(FIELDS) => [...document.querySelectorAll(FIELDS)]
            .filter((field) => field.type !== "hidden" && field.offsetParent !== null
                    && !field.closest(".empty-form"))
            .filter((field) => {
                const right = field.getBoundingClientRect().right;
                const box = (field.closest("fieldset, .inline-related") || document.body)
                    .getBoundingClientRect();
                return right > innerWidth || right > box.right;
            })
            .map((field) => field.name)""",
        "#content-main input, #content-main select, #content-main textarea",
    )


def test_content_change_forms_fit_a_phone(phone, settings):
    prisoner = make_prisoner(name="Aron Atabek", summary=LONG[:200])
    Detention.objects.create(
        prisoner=prisoner, detained_on=datetime.date(2024, 1, 5), place=LONG[:200]
    )
    TimelineEvent.objects.create(
        prisoner=prisoner,
        date=datetime.date(2024, 1, 5),
        kind=TimelineEvent.Kind.ARREST,
        description=LONG[:200],
    )
    items = [
        make_article(title=LONG[:200]),
        make_video(title=LONG[:200]),
        prisoner,
        make_petition(title=LONG[:200]),
    ]

    for item in items:
        opts = item._meta
        phone.goto(f"/{settings.ADMIN_URL}{opts.app_label}/{opts.model_name}/{item.pk}/change/")
        expect(phone.get_by_role("button", name="Save and preview").first).to_be_visible()
        assert page_width(phone) <= 390, opts.model_name
        assert fields_past_the_edge(phone) == [], opts.model_name


def test_the_signatures_list_fits_a_phone(phone, settings):
    petition = make_petition(title=LONG[:200])
    make_signature(petition=petition, name="Aigerim Nurpeisova", country="KZ")

    phone.goto(f"/{settings.ADMIN_URL}petitions/signature/")

    row = phone.locator("#result_list tbody tr").first
    expect(row).to_contain_text("Aigerim Nurpeisova")
    expect(row).to_contain_text("Kazakhstan")
    date = row.locator("td.field-signed_at")
    box = date.bounding_box()
    assert box["x"] + box["width"] <= 390
    assert page_width(phone) <= 390


def test_lists_show_their_last_column_on_a_laptop(laptop, settings):
    petition = make_petition(title="Solidarity with the workers of Zhezkazgan")
    make_signature(petition=petition, name="Aigerim Nurpeisova", country="KZ")
    make_article(title="Angry protests erupt in Zhezkazgan")

    for model, last_column in [
        ("petitions/signature", "signed_at"),
        ("petitions/petition", "closes_at"),
        ("articles/article", "category_names"),
    ]:
        laptop.goto(f"/{settings.ADMIN_URL}{model}/")
        cell = laptop.locator(f"#result_list tbody td.field-{last_column}").first
        box = cell.bounding_box()
        results = laptop.locator(".results").bounding_box()
        assert box["x"] + box["width"] <= results["x"] + results["width"], model


@pytest.mark.parametrize(("width", "height"), [(390, 844), (1280, 900)])
def test_the_editors_video_and_picture_pickers_fit_the_screen(
    browser, live_server, admin_user, settings, width, height
):
    make_video_with_poster(title="Strikers speak at the gate", lead_image_alt="The gate")
    make_library_image(alt="Oil workers at the gate of the Tengiz field")
    article = make_article(title="Night strike at the Tengiz oil field")
    page = next(logged_in(browser, live_server, admin_user, settings, width, height))
    page.goto(f"/{settings.ADMIN_URL}articles/article/{article.pk}/change/")
    body = page.locator(".prose-editor:has(#id_body)")

    body.get_by_role("button", name="Video", exact=True).click()
    dialog = page.locator("dialog.picker")
    expect(dialog.get_by_role("button", name="Strikers speak at the gate")).to_be_visible()
    assert_inside_the_screen(dialog, width)
    page.screenshot(path=str(_shots() / f"admin-{width}-video-picker.png"))
    dialog.get_by_role("button", name="Cancel").click()

    body.get_by_role("button", name="Picture", exact=True).click()
    expect(dialog.get_by_role("button", name="Oil workers at the gate")).to_be_visible()
    assert_inside_the_screen(dialog, width)
    page.screenshot(path=str(_shots() / f"admin-{width}-picture-picker.png"))
    page.context.close()


def assert_inside_the_screen(dialog, width):
    box = dialog.bounding_box()
    assert box["x"] >= 0
    assert box["x"] + box["width"] <= width


def _shots() -> Path:
    folder = Path(os.environ.get("SCREENSHOT_DIR") or ROOT / "var" / "screenshots")
    folder.mkdir(parents=True, exist_ok=True)
    return folder
