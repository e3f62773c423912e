"""The headers Mozilla Observatory grades, as a visitor over https gets them."""

import runpy
from pathlib import Path

import pytest

from tests.factories import make_petition

SETTINGS_FILE = Path(__file__).resolve().parents[2] / "campaign" / "settings.py"
HEADER_SETTINGS = ("SECURE_", "SESSION_COOKIE_", "CSRF_COOKIE_", "PERMISSIONS_POLICY")
YEAR = 60 * 60 * 24 * 365


@pytest.fixture
def https_site(settings, monkeypatch):
    """The security settings campaign/settings.py computes for an https SITE_URL."""
    monkeypatch.setenv("SITE_URL", "https://campaign.example.org")
    monkeypatch.setenv("DEBUG", "0")
    for name in ("SECURE_SSL_REDIRECT", "SECURE_HSTS_SECONDS"):
        monkeypatch.delenv(name, raising=False)
    production = runpy.run_path(str(SETTINGS_FILE))
    for name, value in production.items():
        if name.startswith(HEADER_SETTINGS) or name in {"X_FRAME_OPTIONS", "MIDDLEWARE"}:
            setattr(settings, name, value)
    return settings


def csp_directives(response) -> dict[str, list[str]]:
    policy = response["Content-Security-Policy"]
    directives = {}
    for part in policy.split(";"):
        name, *values = part.split()
        directives[name] = values
    return directives


def assert_observatory_headers(response, *, script_nonce=False):
    """``script_nonce``: the admin's pages, whose rich-text editor loads through an inline
    import map, allow scripts carrying that response's nonce as well."""
    csp = csp_directives(response)
    assert csp["default-src"] == ["'self'"]
    script_src = csp["script-src"]
    if script_nonce:
        assert script_src[0] == "'self'"
        assert len(script_src) == 2
        assert script_src[1].startswith("'nonce-")
    else:
        assert script_src == ["'self'"]
    assert csp["object-src"] == ["'none'"]
    assert csp["base-uri"] == ["'none'"]
    assert csp["frame-ancestors"] == ["'none'"]
    assert csp["form-action"] == ["'self'"]
    assert csp["img-src"] == ["'self'", "data:"]
    assert csp["frame-src"] == ["https://www.youtube-nocookie.com", "https://player.vimeo.com"]
    policy = response["Content-Security-Policy"]
    assert "unsafe-inline" not in policy
    assert "unsafe-eval" not in policy
    assert response["Strict-Transport-Security"] == f"max-age={YEAR}; includeSubDomains; preload"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    permissions = dict(
        feature.strip().split("=", 1) for feature in response["Permissions-Policy"].split(",")
    )
    for feature in ("camera", "microphone", "geolocation", "interest-cohort"):
        assert permissions[feature] == "()"
    assert "Access-Control-Allow-Origin" not in response


def assert_cookie_flags(cookie, *, http_only: bool):
    assert cookie["secure"] is True
    assert cookie["samesite"] == "Lax"
    assert bool(cookie["httponly"]) is http_only


@pytest.mark.django_db
def test_a_public_page_with_a_form_sends_every_header_and_a_secure_csrf_cookie(https_site, client):
    petition = make_petition()

    response = client.get(petition.get_absolute_url(), secure=True)

    assert response.status_code == 200
    assert_observatory_headers(response)
    assert_cookie_flags(response.cookies["csrftoken"], http_only=False)


@pytest.mark.django_db
def test_the_admin_login_sends_every_header_and_a_secure_http_only_session_cookie(
    https_site, client, admin_user, settings
):
    login_url = f"/{settings.ADMIN_URL}login/"
    page = client.get(login_url, secure=True)
    assert page.status_code == 200
    assert_observatory_headers(page, script_nonce=True)

    response = client.post(
        login_url,
        {"username": admin_user.username, "password": "password", "next": f"/{settings.ADMIN_URL}"},
        secure=True,
    )

    assert response.status_code == 302
    assert_observatory_headers(response)
    assert_cookie_flags(response.cookies[settings.SESSION_COOKIE_NAME], http_only=True)


@pytest.mark.django_db
def test_an_error_page_sends_every_header(https_site, client):
    response = client.get("/no-such-page/", secure=True)

    assert response.status_code == 404
    assert_observatory_headers(response)


@pytest.mark.django_db
def test_plain_http_is_redirected_to_https(https_site, client):
    response = client.get("/about/")

    assert response.status_code == 301
    assert response["Location"] == "https://testserver/about/"
