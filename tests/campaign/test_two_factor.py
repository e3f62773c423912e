"""Staff log in to the admin with a password and a code from an authenticator app (or a
recovery code); staff without an app are sent to set one up before anything else."""

import re
from datetime import timedelta

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command
from django.db.models import F
from django.urls import reverse
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.factories import authenticator_code, make_authenticator

pytestmark = pytest.mark.django_db

PASSWORD = "correct horse battery staple"
WRONG = "Please enter the correct username, password and authentication code"


@pytest.fixture
def editor():
    return User.objects.create_user("editor", password=PASSWORD, is_staff=True)


def log_in(client, code="", password=PASSWORD, ip="203.0.113.7", **headers):
    return client.post(
        reverse("admin:login"),
        {
            "username": "editor",
            "password": password,
            "otp_token": code,
            "next": reverse("admin:index"),
        },
        REMOTE_ADDR=ip,
        **headers,
    )


def recovery_codes(user, *codes):
    device = StaticDevice.objects.create(user=user, name="Recovery codes")
    for code in codes:
        StaticToken.objects.create(device=device, token=code)


def wrong_code(device):
    """Six digits the app does not show now (nor in the periods next to now)."""
    shown = {authenticator_code(device, steps) for steps in (-1, 0, 1)}
    return next(code for code in ("000000", "111111", "222222", "333333") if code not in shown)


def let_the_throttle_pass():
    """django-otp refuses codes for a second (then 2, 4, …) after a wrong one."""
    TOTPDevice.objects.update(
        throttling_failure_timestamp=F("throttling_failure_timestamp") - timedelta(minutes=5)
    )


def test_the_login_page_asks_for_the_code(client):
    page = client.get(reverse("admin:login")).text

    assert 'name="otp_token"' in page
    assert 'autocomplete="one-time-code"' in page
    assert "Authentication code" in page


def test_the_code_from_the_app_lets_staff_in(client, editor):
    device = make_authenticator(editor)

    response = log_in(client, authenticator_code(device))

    assert response.status_code == 302
    assert response.url == reverse("admin:index")
    assert client.get(reverse("admin:index")).status_code == 200


def test_a_password_alone_does_not_open_the_admin_to_staff_with_an_app(client, editor):
    make_authenticator(editor)

    response = log_in(client, code="")

    assert response.status_code == 200
    assert WRONG in response.text
    assert client.get(reverse("admin:index")).status_code == 302
    # A session made with the password only (here the test client's) is not enough either.
    assert client.login(username="editor", password=PASSWORD)
    for url in [reverse("admin:index"), reverse("admin:auth_user_changelist")]:
        response = client.get(url)
        assert response.status_code == 302
        assert response.url.startswith(reverse("admin:login"))
    assert "with your password only" in client.get(reverse("admin:login")).text


def test_staff_without_an_app_are_sent_to_set_one_up_and_reach_nothing_else(client, editor):
    setup = reverse("admin:two_factor_setup")

    response = log_in(client, code="")
    assert response.status_code == 302
    for url in [
        reverse("admin:index"),
        reverse("admin:auth_user_changelist"),
        reverse("admin:articles_article_add"),
        reverse("admin:password_change"),
        reverse("admin:login"),
    ]:
        response = client.get(url)
        assert response.status_code == 302, url
        assert response.url.startswith(f"{setup}?next="), url
    assert client.post(reverse("admin:articles_article_add"), {}).status_code == 302

    # Logging out still works.
    client.post(reverse("admin:logout"))
    assert "_auth_user_id" not in client.session


def test_the_admin_that_make_run_creates_is_led_to_set_up_the_app(client, monkeypatch, capsys):
    monkeypatch.setenv("ADMIN_PASSWORD", PASSWORD)
    call_command("ensure_admin")
    assert "leave the authentication code empty" in capsys.readouterr().out

    response = client.post(
        reverse("admin:login"),
        {"username": "admin", "password": PASSWORD, "next": reverse("admin:index")},
        follow=True,
    )

    assert response.redirect_chain[-1][0].startswith(reverse("admin:two_factor_setup"))
    assert "Scan this QR code with the app" in response.text


def test_setting_up_the_app_with_its_code_shows_the_recovery_codes_once(client, editor):
    setup = reverse("admin:two_factor_setup")
    log_in(client, code="")

    page = client.get(setup)
    device = TOTPDevice.objects.get(user=editor, confirmed=False)
    assert page.status_code == 200
    assert "no-store" in page["Cache-Control"]
    secret = re.search(r'class="two-factor-secret">([A-Z2-7 ]+)<', page.text).group(1)
    assert len(secret.replace(" ", "")) == 32
    # Reloading the page keeps the app that may already be scanned.
    assert client.get(setup).text.count(secret) == 1
    assert TOTPDevice.objects.filter(user=editor).count() == 1

    wrong = client.post(setup, {"code": wrong_code(device)})
    assert wrong.status_code == 200
    assert "That is not the code the app shows now." in wrong.text
    let_the_throttle_pass()

    done = client.post(setup, {"code": authenticator_code(device), "next": "/admin/"})

    assert done.status_code == 200
    assert "Two-factor login is on." in done.text
    codes = re.findall(r"<li><code>([a-z2-7]{8})</code></li>", done.text)
    assert len(codes) == 10
    assert sorted(codes) == sorted(
        StaticToken.objects.filter(device__user=editor).values_list("token", flat=True)
    )
    device.refresh_from_db()
    assert device.confirmed
    # The session has passed the second factor: the admin opens.
    assert client.get(reverse("admin:index")).status_code == 200
    # The codes are not shown again, not even by sending the form again.
    for response in [client.get(setup), client.post(setup, {"code": authenticator_code(device)})]:
        assert response.status_code == 302
        assert codes[0] not in response.text


def test_the_setup_page_draws_the_qr_code_inline_under_the_csp(client, editor):
    log_in(client, code="")

    response = client.get(reverse("admin:two_factor_setup"))

    page = response.text
    assert re.search(r'<svg [^>]*class="two-factor-qr"', page)
    assert "<title>QR code to scan with the authenticator app</title>" in page
    assert "<img" not in page
    assert " style=" not in page
    assert not re.search(r"<script(?![^>]*\bsrc=)", page)  # no inline script
    assert "unsafe-inline" not in response["Content-Security-Policy"]
    assert "otpauth://" not in page  # the address is only in the drawing


def test_a_recovery_code_works_once(client, editor):
    make_authenticator(editor)
    recovery_codes(editor, "abcd2345", "efgh6789")

    assert log_in(client, "ABCD 2345").status_code == 302  # as printed, or typed in capitals
    assert client.get(reverse("admin:index")).status_code == 200
    client.post(reverse("admin:logout"))

    again = log_in(client, "abcd2345")

    assert again.status_code == 200
    assert WRONG in again.text
    assert list(StaticToken.objects.values_list("token", flat=True)) == ["efgh6789"]


def test_an_app_code_is_not_accepted_twice(client, editor):
    device = make_authenticator(editor)
    code = authenticator_code(device)
    assert log_in(client, code).status_code == 302
    client.post(reverse("admin:logout"))

    assert log_in(client, code).status_code == 200


def test_another_users_code_does_not_let_staff_in(client, editor):
    make_authenticator(editor)
    other = make_authenticator(User.objects.create_user("other", is_staff=True))

    assert log_in(client, authenticator_code(other)).status_code == 200


def test_wrong_codes_count_as_failed_logins_and_lock_the_username(client, editor):
    device = make_authenticator(editor)

    responses = [log_in(client, wrong_code(device), ip=f"203.0.113.{n}") for n in range(1, 5)]
    locked = log_in(client, wrong_code(device), ip="203.0.113.5")
    let_the_throttle_pass()

    for response in responses:
        assert response.status_code == 200
        assert WRONG in response.text  # the same answer as for a wrong password
    assert locked.status_code == 429
    assert "Login is locked after 5 failed attempts." in locked.text
    # Locked means locked: the right password and code do not get in either.
    assert log_in(client, authenticator_code(device), ip="198.51.100.9").status_code == 429
