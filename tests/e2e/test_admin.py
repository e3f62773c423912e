import re
from base64 import b32decode

import pytest
from django.contrib.auth.models import User
from django_otp.oath import totp
from playwright.sync_api import expect

from prisoners.models import Prisoner
from tests.factories import authenticator_code, make_authenticator

pytestmark = pytest.mark.django_db(transaction=True)

PASSWORD = "a long newcomer passphrase"


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
    device = make_authenticator(admin_user)

    page.goto(f"{admin}login/")
    page.get_by_label("Username").fill(admin_user.username)
    page.get_by_label("Password").fill("password")
    page.get_by_label("Authentication code").fill(authenticator_code(device))
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("heading", name="What would you like to update?")).to_be_visible()

    page.goto(f"{admin}campaign/prisoner/add/")
    page.get_by_label("Name:").press_sequentially("Aigul Test")
    # The slug is filled in by the admin's prepopulate script.
    expect(page.get_by_label("Slug:")).to_have_value("aigul-test")
    page.get_by_role("button", name=re.compile(r"Add another timeline event", re.I)).click()
    row = page.locator(".dynamic-timeline_events:not(.empty-form)").last
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


def test_a_new_editor_sets_up_two_factor_login_then_uses_a_recovery_code(page, settings):
    # As `make run`'s `admin`: a superuser who has not set up an app yet.
    User.objects.create_superuser("newcomer", password=PASSWORD)
    console_errors = []
    page.on(
        "console",
        lambda message: (
            message.type == "error"
            and not message.location.get("url", "").endswith("/favicon.ico")
            and console_errors.append(message.text)
        ),
    )
    admin = f"/{settings.ADMIN_URL}"

    # The first login: the password, the code left empty.
    page.goto(f"{admin}articles/article/")
    page.get_by_label("Username").fill("newcomer")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("heading", name="Set up two-factor login")).to_be_visible()
    expect(
        page.get_by_role("img", name="QR code to scan with the authenticator app")
    ).to_be_visible()
    # Nothing else opens until the app is set up.
    page.goto(f"{admin}auth/user/")
    expect(page.get_by_role("heading", name="Set up two-factor login")).to_be_visible()

    # Typing the key by hand, as into an app that cannot scan.
    key = b32decode(page.locator(".two-factor-secret").inner_text().replace(" ", ""))
    page.get_by_label("Type the six-digit code the app shows").fill(f"{totp(key):06d}")
    page.get_by_role("button", name="Confirm").click()
    expect(page.get_by_text("Two-factor login is on.")).to_be_visible()
    codes = page.locator(".two-factor-recovery-codes code").all_inner_texts()
    assert len(codes) == 10
    page.get_by_role("link", name="Continue to the admin").click()
    # On to the page they last asked for.
    expect(page.get_by_role("heading", name="Select user to change")).to_be_visible()

    page.get_by_role("button", name="Log out").click()
    page.goto(f"{admin}login/")
    page.get_by_label("Username").fill("newcomer")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_label("Authentication code").fill(codes[0])
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("heading", name="What would you like to update?")).to_be_visible()
    assert console_errors == []
