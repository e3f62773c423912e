from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.contrib.auth.models import User
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db.models import F
from django.urls import reverse

pytestmark = pytest.mark.django_db

PASSWORD = "correct horse battery staple"


@pytest.fixture
def editor():
    return User.objects.create_user("editor", password=PASSWORD, is_staff=True)


def log_in(client, password, ip="203.0.113.7", **headers):
    return client.post(
        reverse("admin:login"),
        {"username": "editor", "password": password, "next": reverse("admin:index")},
        REMOTE_ADDR=ip,
        **headers,
    )


def test_six_wrong_passwords_lock_the_login_until_the_cool_off_is_over(client, editor):
    for _ in range(4):
        assert log_in(client, "wrong").status_code == 200
    responses = [log_in(client, "wrong") for _ in range(2)]

    for response in responses:
        assert response.status_code == 429
        assert "Login is locked after 5 failed attempts." in response.text
        assert "Try again in 15 minutes." in response.text
        assert "Campaign Kazakhstan" in response.text  # in the admin's own look
    # Locked means locked: the right password does not get in either.
    assert log_in(client, PASSWORD).status_code == 429

    AccessAttempt.objects.update(attempt_time=F("attempt_time") - timedelta(minutes=16))
    response = log_in(client, PASSWORD)

    assert response.status_code == 302
    assert response.url == reverse("admin:index")


def test_wrong_passwords_spread_over_many_addresses_lock_the_username_everywhere(client, editor):
    """A guesser with many addresses gets AXES_FAILURE_LIMIT tries per cool-off, not that
    many per address."""
    responses = [log_in(client, "wrong", ip=f"203.0.113.{n}") for n in range(1, 6)]

    assert [response.status_code for response in responses] == [200, 200, 200, 200, 429]
    assert log_in(client, PASSWORD, ip="198.51.100.20").status_code == 429


def test_behind_a_proxy_the_count_follows_the_username_whatever_the_forwarded_address(
    client, editor, settings
):
    settings.TRUSTED_PROXY_COUNT = 1
    for n in range(1, 6):
        log_in(client, "wrong", ip="10.0.0.1", HTTP_X_FORWARDED_FOR=f"203.0.113.{n}")

    # Each attempt is recorded with the visitor's address, not the proxy's.
    assert sorted(AccessAttempt.objects.values_list("ip_address", flat=True)) == [
        f"203.0.113.{n}" for n in range(1, 6)
    ]
    response = log_in(client, PASSWORD, ip="10.0.0.1", HTTP_X_FORWARDED_FOR="198.51.100.20")
    assert response.status_code == 429


def test_another_username_is_not_locked_by_them(client, editor):
    User.objects.create_user("moderator", password=PASSWORD, is_staff=True)
    for n in range(1, 6):
        log_in(client, "wrong", ip=f"203.0.113.{n}")

    response = client.post(
        reverse("admin:login"),
        {"username": "moderator", "password": PASSWORD, "next": reverse("admin:index")},
        REMOTE_ADDR="203.0.113.1",
    )
    assert response.status_code == 302


def test_a_session_ends_after_the_idle_time_and_each_request_extends_it(client, editor, settings):
    log_in(client, PASSWORD)
    client.get(reverse("admin:index"))

    assert client.cookies["sessionid"]["max-age"] == settings.SESSION_COOKIE_AGE
    assert settings.SESSION_SAVE_EVERY_REQUEST


@pytest.mark.parametrize("password", ["12345678", "password", "editor2026"])
def test_weak_passwords_are_refused(editor, password):
    with pytest.raises(ValidationError):
        validate_password(password, user=editor)


def test_logins_without_a_web_request_are_not_throttled_nor_broken(client, editor):
    # The test client and scripts authenticate without a request; django-axes alone refuses.
    assert client.login(username="editor", password=PASSWORD)


def test_an_over_long_username_gets_the_form_error_not_a_server_error(client):
    """django-axes records a failed login's username in a 255-character column, which
    PostgreSQL refuses to overflow: the form must stop the username before any login."""
    client.raise_request_exception = False

    response = client.post(
        reverse("admin:login"), {"username": "a" * 10_000, "password": "x"}, REMOTE_ADDR="1.2.3.4"
    )

    assert response.status_code == 200
    assert "Ensure this value has at most 150 characters (it has 10000)." in response.text
    assert not AccessAttempt.objects.exists()
