"""Redis goes away under the site and comes back: pages, the health check, the admin login
and signing keep working meanwhile (uncached, rate limit counted in the database), and the
page cache works again by itself once Redis returns. A real redis-server of the test's own,
on a free port, which the test stops and starts (the shared one is never touched)."""

import time

import pytest

import core.cache
from petitions.models import Signature
from tests.factories import authenticator_code, make_article, make_authenticator, make_petition
from tests.infra.servers import wait_for
from tests.petitions.helpers import sign

pytestmark = [pytest.mark.slow, pytest.mark.django_db]


@pytest.fixture
def site_on_redis(settings, redis_server, monkeypatch):
    """The site's caches on that server, as CACHE_URL=redis://… makes them; a dead server
    is tried again after a fifth of a second rather than five."""
    monkeypatch.setattr(core.cache, "DEAD_SERVER_SECONDS", 0.2)
    settings.CACHES = {
        alias: {"BACKEND": "core.cache.CampaignRedisCache", "LOCATION": redis_server.url}
        for alias in ("default", "ratelimit")
    }
    settings.SIGNATURE_RATE_LIMIT = (5, 300)
    # About Redis itself: the few seconds' copies each worker keeps in front of it (which
    # outlive an outage by those seconds) are tested in tests/core/test_page_cache.py.
    settings.PAGE_CACHE_LOCAL_SECONDS = 0
    return redis_server


def test_the_site_works_without_redis_and_caches_again_when_it_returns(
    client, admin_user, site_on_redis
):
    article = make_article(title="Strike in Zhanaozen")
    petition = make_petition()
    assert client.get(article.get_absolute_url())["X-Page-Cache"] == "miss"
    assert client.get(article.get_absolute_url())["X-Page-Cache"] == "hit"

    site_on_redis.stop()
    started = time.monotonic()
    page = client.get(article.get_absolute_url())
    home = client.get("/")
    health = client.get("/healthz")
    login_page = client.get("/admin/login/")
    signed = [sign(client, petition, email=f"person{i}@example.org") for i in range(6)]
    elapsed = time.monotonic() - started

    assert page.status_code == 200
    assert "Strike in Zhanaozen" in page.text
    assert "X-Page-Cache" not in page
    assert home.status_code == 200
    # Docker's health check wants 200 while the database answers; monitoring reads the rest.
    assert health.status_code == 200
    assert health.content.startswith(b"degraded: cache unavailable")
    assert login_page.status_code == 200
    assert [response.status_code for response in signed] == [302] * 6
    # Counted in the database instead: nothing lost, the sixth from one address held.
    states = list(Signature.objects.order_by("pk").values_list("state", flat=True))
    assert states == ["pending"] * 5 + ["held"]
    # A dead Redis costs milliseconds, not a timeout per call.
    assert elapsed < 5

    # Sessions come from the database: an editor can log in and stay logged in.
    authenticator = make_authenticator(admin_user)
    logged_in = client.post(
        "/admin/login/",
        {
            "username": admin_user.username,
            "password": "password",
            "otp_token": authenticator_code(authenticator),
        },
    )
    assert logged_in.status_code == 302
    assert client.get("/admin/").status_code == 200
    client.cookies.clear()

    site_on_redis.start()
    wait_for(lambda: client.get("/healthz").content == b"ok", "the cache to be back", 10)

    assert client.get(article.get_absolute_url())["X-Page-Cache"] == "miss"
    assert client.get(article.get_absolute_url())["X-Page-Cache"] == "hit"
