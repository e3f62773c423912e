import re

import pytest
from playwright.sync_api import expect

from prisoners.models import Prisoner

pytestmark = pytest.mark.django_db(transaction=True)


def test_an_editor_adds_a_prisoner_with_a_dated_timeline_event_under_the_csp(
    page, admin_user, settings
):
    # Content-Security-Policy violations are reported as console errors. Browsers ask for
    # /favicon.ico on admin pages, which link no icon; that 404 is not what this test is about.
    console_errors = []
    page.on(
        "console",
        lambda message: (
            message.type == "error"
            and not message.location.get("url", "").endswith("/favicon.ico")
            and console_errors.append(message.text)
        ),
    )
    page.on("pageerror", lambda error: console_errors.append(str(error)))
    admin = f"/{settings.ADMIN_URL}"

    page.goto(f"{admin}login/")
    page.get_by_label("Username").fill(admin_user.username)
    page.get_by_label("Password").fill("password")
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("heading", name="What would you like to update?")).to_be_visible()

    page.goto(f"{admin}campaign/prisoner/add/")
    page.get_by_label("Name:").press_sequentially("Aigul Test")
    # The slug is filled in by the admin's prepopulate script.
    expect(page.get_by_label("Slug:")).to_have_value("aigul-test")
    page.get_by_role("button", name=re.compile(r"Add another timeline event", re.I)).click()
    row = page.locator("tr.dynamic-timeline_events:not(.empty-form)").last
    row.get_by_role("button", name=re.compile(r"^Today")).click()
    expect(row.locator("input[name$='-date']")).not_to_have_value("")
    row.locator("select[name$='-kind']").select_option(index=1)
    row.locator("[name$='-description']").fill("Arrested at home")
    # save_on_top puts a second row of buttons above the form.
    page.get_by_role("button", name="Save", exact=True).first.click()

    expect(page.locator(".messagelist")).to_contain_text("was added successfully")
    prisoner = Prisoner.objects.get(slug="aigul-test")
    assert prisoner.timeline_events.get().description == "Arrested at home"
    assert console_errors == []
