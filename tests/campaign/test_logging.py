"""The site's logging (settings.LOGGING): Django's warnings about a request name its path,
and on a signer's confirm or withdraw link that path holds the token."""

import logging

import pytest
from django.http import HttpResponse
from django.middleware.csrf import CsrfViewMiddleware
from django.test import RequestFactory

from tests.factories import make_petition

pytestmark = pytest.mark.django_db

TOKEN = "kP3v9XyQ2mN8sT1uW4zA7bC0dE5fG6hJ_-LrOiUaYeS"


def logged_text(caplog) -> str:
    """Every record as a handler would write it, with whatever it carries about the request."""
    parts = []
    for record in caplog.records:
        parts.append(record.getMessage())
        request = getattr(record, "request", None)
        if request is not None:
            parts += [request.path, request.get_full_path(), str(request.META)]
    return "\n".join(parts)


def test_a_csrf_failure_on_a_token_link_logs_no_token(caplog):
    """The confirm and withdraw views need no CSRF check (the token is the credential), but
    the warning Django writes for any refused post names the path and carries the request."""
    path = f"/ru/petitions/free/confirm/{TOKEN}/"
    request = RequestFactory().post(path, HTTP_REFERER=f"http://testserver{path}")
    middleware = CsrfViewMiddleware(lambda request: HttpResponse())

    with caplog.at_level(logging.WARNING):
        response = middleware.process_view(request, lambda request: HttpResponse(), (), {})

    assert response.status_code == 403
    assert [record.name for record in caplog.records] == ["django.security.csrf"]
    assert "/confirm/[token]/" in caplog.records[0].getMessage()
    assert TOKEN not in logged_text(caplog)
    assert request.path == path  # the request being served is left as it was


@pytest.mark.parametrize(
    ("path", "status"),
    [
        (f"/petitions/free/confirm/{TOKEN}/extra/", 404),  # Not Found
        (f"/kk/petitions/free/withdraw/{TOKEN}/", 400),  # Bad Request (the kind error page)
    ],
)
def test_a_4xx_warning_on_a_token_link_logs_no_token(client, caplog, path, status):
    make_petition(slug="free")

    with caplog.at_level(logging.WARNING):
        response = client.get(path, HTTP_REFERER=f"http://testserver{path}")

    assert response.status_code == status
    assert [record.name for record in caplog.records] == ["django.request"]
    assert "[token]" in caplog.records[0].getMessage()
    assert TOKEN not in logged_text(caplog)


def test_every_django_logger_reaches_the_filtered_handler():
    """A logger with a handler of its own (Django's in DEBUG, mail to ADMINS, runserver's)
    would write before the filter on the root's handler."""
    for name in ["django", "django.request", "django.security.csrf", "django.server"]:
        logger = logging.getLogger(name)
        assert logger.handlers == [], name
        assert logger.propagate, name
    root = logging.getLogger()
    assert any(type(f).__name__ == "RedactTokens" for f in root.handlers[0].filters), (
        "the root's first handler redacts tokens"
    )
