from playwright.sync_api import expect


def test_home_page_opens_and_its_navigation_is_reachable_by_keyboard(page):
    page.goto("/")

    expect(page).to_have_title("Campaign Kazakhstan")
    nav = page.get_by_role("navigation", name="Main")
    for label in ["News", "Videos", "Prisoners", "Petitions"]:
        expect(nav.get_by_role("link", name=label)).to_be_visible()

    page.keyboard.press("Tab")
    skip_link = page.get_by_role("link", name="Skip to main content")
    expect(skip_link).to_be_focused()
    expect(skip_link).to_be_visible()

    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    expect(nav.get_by_role("link", name="News")).to_be_focused()
    page.keyboard.press("Tab")
    expect(nav.get_by_role("link", name="Videos")).to_be_focused()
