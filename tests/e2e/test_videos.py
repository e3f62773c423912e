from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from tests.factories import make_video

pytestmark = pytest.mark.django_db(transaction=True)

STUB_PLAYER = "<!doctype html><title>stub player</title><p>Stub player</p>"


def is_local(url: str) -> bool:
    return urlsplit(url).hostname in ("127.0.0.1", "localhost")


def test_video_page_loads_nothing_from_video_sites_until_play_is_pressed_by_keyboard(page):
    make_video(
        title="Video report of exchanges in parliament",
        slug="parliament",
        source_url="https://www.youtube.com/watch?v=dQw4w9WgXcQ&t=90",
    )
    requested = []
    page.on("request", lambda request: requested.append(request.url))
    console_errors = []  # Content-Security-Policy violations are reported here
    page.on(
        "console", lambda message: message.type == "error" and console_errors.append(message.text)
    )
    # Nothing may reach the real network: the player host gets a stub, anything else fails.
    # (Playwright tries the routes registered last first.)
    page.route(lambda url: not is_local(url), lambda route: route.abort())
    page.route(
        "https://www.youtube-nocookie.com/**",
        lambda route: route.fulfill(status=200, content_type="text/html", body=STUB_PLAYER),
    )

    response = page.goto("/videos/parliament/")
    page.wait_for_load_state("networkidle")

    assert "<iframe" not in response.text()
    assert requested and all(is_local(url) for url in requested), requested
    expect(page.locator("iframe")).to_have_count(0)
    play = page.get_by_role("button", name="Play video: Video report of exchanges in parliament")
    expect(play).to_be_visible()
    expect(page.get_by_role("link", name="Watch “Video report of exchanges")).to_be_hidden()

    for _ in range(30):
        page.keyboard.press("Tab")
        if play.evaluate("button => button === document.activeElement"):
            break
    expect(play).to_be_focused()
    page.keyboard.press("Enter")

    frame = page.locator("iframe.video-facade__frame")
    expect(frame).to_have_attribute(
        "src", "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?autoplay=1&start=90"
    )
    expect(frame).to_have_attribute("referrerpolicy", "strict-origin-when-cross-origin")
    expect(frame).to_have_attribute("title", "Video: Video report of exchanges in parliament")
    expect(frame).to_have_attribute(
        "allow", "autoplay; encrypted-media; picture-in-picture; fullscreen"
    )
    expect(frame).to_be_focused()
    expect(
        page.frame_locator("iframe.video-facade__frame").get_by_text("Stub player")
    ).to_be_visible()
    expect(play).to_have_count(0)
    assert any(url.startswith("https://www.youtube-nocookie.com/embed/") for url in requested)
    assert console_errors == []


def test_without_javascript_the_poster_links_to_the_video_on_vimeo(browser, live_server):
    make_video(
        title="Video message from Paul Murphy",
        slug="paul-murphy",
        source_url="https://player.vimeo.com/video/76979871?h=a1b2c3d4e5",
    )
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    page = context.new_page()
    requested = []
    page.on("request", lambda request: requested.append(request.url))

    page.goto("/videos/paul-murphy/")

    link = page.get_by_role("link", name="Watch “Video message from Paul Murphy” on Vimeo")
    expect(link).to_be_visible()
    expect(link).to_have_attribute("href", "https://vimeo.com/76979871/a1b2c3d4e5")
    expect(
        page.get_by_role("button", name="Play video: Video message from Paul Murphy")
    ).to_be_hidden()
    expect(page.locator("iframe")).to_have_count(0)
    assert all(is_local(url) for url in requested), requested
    context.close()
