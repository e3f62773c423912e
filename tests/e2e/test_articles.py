import re

import pytest
from playwright.sync_api import expect

from tests.factories import make_article, make_category

pytestmark = pytest.mark.django_db(transaction=True)


def test_reader_opens_the_news_follows_an_article_and_copies_its_link(
    browser, live_server, settings
):
    settings.SITE_URL = live_server.url
    category = make_category(name="Workers' struggles", slug="workers-struggles")
    make_article(
        title="Angry protests erupt in Zhezkazgan",
        standfirst="Workers demand nationalisation",
        body="<p>Hundreds of residents gathered outside the foundry.</p>",
        categories=[category],
    )
    context = browser.new_context(base_url=live_server.url)
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=live_server.url)
    context.set_default_timeout(10_000)
    page = context.new_page()

    page.goto("/news/")
    expect(page.get_by_role("heading", name="News", level=1)).to_be_visible()
    page.get_by_role("link", name="Angry protests erupt in Zhezkazgan").click()

    expect(page).to_have_url(re.compile(r"/news/angry-protests-erupt-in-zhezkazgan/$"))
    expect(page.get_by_text("Hundreds of residents gathered outside the foundry.")).to_be_visible()
    share = page.get_by_role("complementary", name="Share this with your friends")
    for network in ["Email", "X", "Facebook", "Telegram", "WhatsApp", "VK", "Bluesky"]:
        expect(share.get_by_role("link", name=network, exact=True)).to_be_visible()

    share.get_by_role("button", name="Copy link").click()

    expect(share.get_by_role("status")).to_have_text(re.compile("Link copied"))
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied == f"{live_server.url}/news/angry-protests-erupt-in-zhezkazgan/"
    context.close()
