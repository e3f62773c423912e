"""Screenshots of the pages a supporter sees, at a phone's size and a laptop's, written by
every run into a folder a reviewer can open (var/screenshots, or SCREENSHOT_DIR; not
committed). Each page must also fit its screen: nothing scrolls sideways."""

import os
import re
from pathlib import Path

import pytest
from django.core import mail
from django.core.management import call_command
from playwright.sync_api import expect

from tests.infra.servers import ROOT

pytestmark = pytest.mark.django_db(transaction=True)

SIZES = {"phone": (390, 844), "desktop": (1280, 900)}
CONFIRM_LINK = re.compile(r"https?://[^/\s]+(/[a-z/]*petitions/[^\s]+/confirm/[A-Za-z0-9_-]+/)")
PAGES = {
    "home": "/",
    "petition": "/petitions/free-vadim-kuramshin/",
    "prisoner": "/prisoners/vadim-kuramshin/",
    "article": "/news/angry-protests-erupt-in-zhezkazgan/",
}


def _folder() -> Path:
    folder = Path(os.environ.get("SCREENSHOT_DIR") or ROOT / "var" / "screenshots")
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _shoot(page, name: str, size: str) -> Path:
    width = SIZES[size][0]
    scroll_width = page.evaluate("document.documentElement.scrollWidth")
    assert scroll_width <= width, f"{name} is {scroll_width} px wide on a {width} px screen"
    path = _folder() / f"{size}-{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


@pytest.mark.parametrize("size", SIZES)
def test_screenshots_of_the_pages_a_supporter_sees(browser, live_server, settings, size):
    settings.SIGNATURE_RATE_LIMIT = None
    call_command("seed_demo", verbosity=0)
    width, height = SIZES[size]
    context = browser.new_context(
        base_url=live_server.url, viewport={"width": width, "height": height}
    )
    context.set_default_timeout(10_000)
    page = context.new_page()
    written = []
    for language in ("", "/ru", "/kk"):
        for name, path in PAGES.items():
            page.goto(f"{language}{path}")
            written.append(_shoot(page, f"{name}{language.replace('/', '-')}", size))

    page.goto(PAGES["petition"])
    page.get_by_label("Full name").fill("Anna Karenina")
    page.get_by_role("textbox", name="Email").fill(f"anna-{size}@example.org")
    page.locator("#id_country").select_option("GB")
    page.get_by_role("button", name="Sign the petition").click()
    expect(page.get_by_role("heading", name="Check your email")).to_be_visible()
    written.append(_shoot(page, "check-email", size))
    page.goto(CONFIRM_LINK.search(mail.outbox[-1].body)[1])
    page.get_by_role("button", name="Confirm my signature").click()
    expect(page.get_by_role("heading", name="Thank you for signing")).to_be_visible()
    written.append(_shoot(page, "thanks", size))
    context.close()

    assert all(path.stat().st_size > 10_000 for path in written)
