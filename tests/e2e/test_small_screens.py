"""No page scrolls sideways on a small phone (360 CSS pixels wide), in any language: long
Russian and Kazakh words, country selects and share buttons must all fit."""

import pytest

from tests.page_types import LANGUAGE_PREFIXES, PAGE_TYPES, seed_every_page_type

pytestmark = pytest.mark.django_db(transaction=True)

PHONE = {"width": 360, "height": 800}


def test_no_page_type_is_wider_than_a_360_pixel_phone_in_any_language(browser, live_server):
    seed_every_page_type()
    context = browser.new_context(base_url=live_server.url, viewport=PHONE)
    context.set_default_timeout(10_000)
    page = context.new_page()
    too_wide = []
    for language, prefix in LANGUAGE_PREFIXES.items():
        for name, path in PAGE_TYPES.items():
            page.goto(prefix + path)
            width = page.evaluate("document.documentElement.scrollWidth")
            if width > PHONE["width"]:
                too_wide.append(f"{language} {name} ({prefix}{path}): {width}px")
    context.close()

    assert not too_wide, "Pages wider than the phone:\n" + "\n".join(too_wide)
