"""Signers' link tokens taken out of log text and log records."""

import logging

import pytest
from django.test import RequestFactory

from core.redaction import MARKER, RedactTokens, redact

TOKEN = "kP3v9XyQ2mN8sT1uW4zA7bC0dE5fG6hJ_-LrOiUaYeS"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (f"/petitions/free-vadim/confirm/{TOKEN}/", f"/petitions/free-vadim/confirm/{MARKER}/"),
        (f"/kk/petitions/x/withdraw/{TOKEN}", f"/kk/petitions/x/withdraw/{MARKER}"),
        (
            f'"GET /petitions/x/confirm/{TOKEN}/?utm_source=mail HTTP/1.1"',
            f'"GET /petitions/x/confirm/{MARKER}/?utm_source=mail HTTP/1.1"',
        ),
        (
            f"https://campaign.example.org/ru/petitions/x/Confirm/{TOKEN}/",
            f"https://campaign.example.org/ru/petitions/x/Confirm/{MARKER}/",
        ),
        (
            f"/admin/login/?next=/petitions/x/confirm%2F{TOKEN}%2F",
            f"/admin/login/?next=/petitions/x/confirm/{MARKER}/",
        ),
        ("/petitions/x/withdrawn/", "/petitions/x/withdrawn/"),
        ("/petitions/x/confirm/", "/petitions/x/confirm/"),
        ("/news/50%25-of-workers/", "/news/50%25-of-workers/"),
        # A moderator's search for a signer, and the pages that keep it.
        (
            '"GET /admin/petitions/signature/?q=anna%40example.org&country=KZ HTTP/1.1"',
            '"GET /admin/petitions/signature/?[query] HTTP/1.1"',
        ),
        (
            "/admin/petitions/signature/12/change/?_changelist_filters=q%3DAnna+Karenina",
            "/admin/petitions/signature/12/change/?[query]",
        ),
        (
            "/admin/login/?next=/admin/petitions/signature/%3Fq%3Danna%2540example.org",
            "/admin/login/?next=/admin/petitions/signature/?[query]",
        ),
        ("/admin/petitions/petition/?q=free", "/admin/petitions/petition/?q=free"),
    ],
)
def test_redact_replaces_the_token_and_nothing_else(text, expected):
    assert redact(text) == expected


def record(msg, args=(), **extra):
    made = logging.LogRecord("django.request", logging.WARNING, __file__, 1, msg, args, None)
    made.__dict__.update(extra)
    return made


def test_the_filter_redacts_message_arguments_and_the_request_without_touching_the_request():
    path = f"/petitions/x/confirm/{TOKEN}/"
    request = RequestFactory().get(path, HTTP_REFERER=f"http://testserver{path}")
    logged = record("Forbidden (%s): %s", ("CSRF cookie not set.", request.path), request=request)

    assert RedactTokens().filter(logged)

    assert TOKEN not in logged.getMessage()
    assert logged.getMessage().endswith(f"/confirm/{MARKER}/")
    assert logged.request.path == f"/petitions/x/confirm/{MARKER}/"
    assert TOKEN not in logged.request.META["HTTP_REFERER"]
    assert TOKEN not in logged.request.get_full_path()
    # The request being served keeps its real address.
    assert request.path == path
    assert TOKEN in request.META["HTTP_REFERER"]


def test_the_filter_redacts_objects_named_in_the_message_and_leaves_numbers_alone():
    request = RequestFactory().get(f"/petitions/x/withdraw/{TOKEN}/")
    logged = record("%r took %d ms, %s", (request, 12, ValueError(f"bad /confirm/{TOKEN}/")))

    RedactTokens().filter(logged)

    assert TOKEN not in logged.getMessage()
    assert " took 12 ms, bad /confirm/[token]/" in logged.getMessage()


def test_the_filter_redacts_a_traceback():
    try:
        raise RuntimeError(f"while serving /petitions/x/confirm/{TOKEN}/")
    except RuntimeError:
        logged = logging.LogRecord(
            "django.request", logging.ERROR, __file__, 1, "Internal Server Error", (), None
        )
        logged.exc_info = __import__("sys").exc_info()

    RedactTokens().filter(logged)

    text = logging.Formatter().format(logged)
    assert "RuntimeError: while serving /petitions/x/confirm/[token]/" in text
    assert TOKEN not in text
