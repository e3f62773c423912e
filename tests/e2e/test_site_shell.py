from axe_playwright_python.sync_playwright import Axe
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


PHONE = {"width": 390, "height": 844}
FAILING_IMPACTS = {"serious", "critical"}


def serious_axe_violations(page) -> list[str]:
    results = Axe().run(page)
    return [v["id"] for v in results.response["violations"] if v["impact"] in FAILING_IMPACTS]


def test_on_a_phone_the_header_is_short_and_its_menu_opens_by_keyboard_without_javascript(
    browser, live_server
):
    context = browser.new_context(
        base_url=live_server.url, viewport=PHONE, is_mobile=True, java_script_enabled=False
    )
    page = context.new_page()
    page.goto("/ru/")

    assert page.locator(".site-header").bounding_box()["height"] <= 64
    nav = page.get_by_role("navigation", name="Основное меню")
    search = page.get_by_role("searchbox", name="Поиск по сайту")
    languages = page.get_by_role("navigation", name="Язык")
    for hidden in (nav, search, languages):
        expect(hidden).to_be_hidden()

    # A <summary>: browsers announce it as a disclosure, which has no ARIA role to query by.
    menu = page.locator("summary", has_text="Меню")
    for _ in range(3):  # the skip link, the wordmark, the menu button
        page.keyboard.press("Tab")
    expect(menu).to_be_focused()
    page.keyboard.press("Enter")

    expect(nav.get_by_role("link", name="Новости")).to_be_visible()
    expect(search).to_be_visible()
    expect(languages.get_by_role("link", name="Қазақша")).to_be_visible()
    context.close()


def test_the_open_phone_menu_fits_the_screen_and_passes_axe(browser, live_server):
    context = browser.new_context(base_url=live_server.url, viewport=PHONE, is_mobile=True)
    page = context.new_page()
    page.goto("/kk/")
    page.locator("summary", has_text="Мәзір").click()

    expect(page.get_by_role("searchbox")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    assert serious_axe_violations(page) == []
    context.close()


def test_on_a_desktop_navigation_search_and_languages_show_without_opening_anything(page):
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto("/")

    expect(page.locator("summary", has_text="Menu")).to_be_hidden()
    nav = page.get_by_role("navigation", name="Main")
    for label in ["News", "Videos", "Prisoners", "Petitions"]:
        expect(nav.get_by_role("link", name=label)).to_be_visible()
    expect(page.get_by_role("searchbox", name="Search the site")).to_be_visible()
    expect(
        page.get_by_role("navigation", name="Language").get_by_role("link", name="Русский")
    ).to_be_visible()
    assert serious_axe_violations(page) == []
