"""Load shedding by queue time (core/overload.py): what is shed, what never is."""

import logging
import time

import pytest

from core.overload import request_start_ms

pytestmark = pytest.mark.django_db


def waited(seconds: float) -> dict:
    """The header a load balancer sets, for a request it received ``seconds`` ago."""
    return {"HTTP_X_REQUEST_START": f"t={int((time.time() - seconds) * 1000)}"}


@pytest.fixture(autouse=True)
def behind_a_proxy(settings):
    settings.TRUSTED_PROXY_COUNT = 1
    settings.REQUEST_QUEUE_TIMEOUT_MS = 2000


def test_the_header_is_read_in_the_units_haproxy_nginx_and_apache_write():
    assert request_start_ms("t=1764000000123") == 1764000000123
    assert request_start_ms("t=1764000000.123") == pytest.approx(1764000000123)
    assert request_start_ms("t=1764000000123456") == pytest.approx(1764000000123.456)
    assert request_start_ms("1764000000") == 1764000000000
    for nonsense in ("", "t=", "t=soon", "t=nan", "t=-5", "t=inf"):
        assert request_start_ms(nonsense) is None


def test_a_page_requested_long_ago_is_refused_at_once_and_not_stored(client, settings):
    settings.PAGE_CACHE_SECONDS = 60

    shed = client.get("/news/", headers=None, **waited(5))

    assert shed.status_code == 503
    assert shed["Retry-After"] == "5"
    assert "no-store" in shed["Cache-Control"]
    assert "So many people are here right now" in shed.text
    # The page cache kept nothing: the next visitor gets the real page.
    assert client.get("/news/").status_code == 200


def test_a_fresh_request_is_served(client):
    assert client.get("/news/", **waited(0.1)).status_code == 200


def test_without_a_trusted_proxy_the_header_is_ignored(client, settings):
    settings.TRUSTED_PROXY_COUNT = 0

    assert client.get("/news/", **waited(60)).status_code == 200


def test_a_zero_timeout_turns_shedding_off(client, settings):
    settings.REQUEST_QUEUE_TIMEOUT_MS = 0

    assert client.get("/news/", **waited(60)).status_code == 200


def test_a_header_from_the_future_or_garbage_is_not_a_wait(client):
    assert client.get("/news/", **waited(-60)).status_code == 200
    assert client.get("/news/", HTTP_X_REQUEST_START="t=yesterday").status_code == 200


def test_the_health_check_is_never_shed(client):
    assert client.get("/healthz", **waited(60)).status_code == 200


def test_a_shed_page_is_in_the_visitors_language(client):
    shed = client.get("/ru/news/", **waited(5))

    assert shed.status_code == 503
    assert 'lang="ru"' in shed.text
    assert "So many people are here right now" not in shed.text


def test_a_shed_request_is_logged_once_at_info_without_the_path(client, caplog):
    with caplog.at_level(logging.INFO):
        client.get("/news/?q=anna@example.org", **waited(5))

    messages = [record.getMessage() for record in caplog.records]
    assert any(message.startswith("shed GET articles:list after") for message in messages)
    assert not any("anna" in message for message in messages)
    assert not any(record.levelno >= logging.ERROR for record in caplog.records)
