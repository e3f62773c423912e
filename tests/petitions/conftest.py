import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    """Rate-limit counters live in the cache, which outlives a test's database."""
    cache.clear()
    yield
    cache.clear()


def _running_on_commit(client, capture):
    """Make the client's requests run their on-commit callbacks (the queued emails), as they
    would outside the test's wrapping transaction."""
    send = client.request

    def request(**request):
        with capture(execute=True):
            return send(**request)

    client.request = request
    return client


@pytest.fixture
def client(client, django_capture_on_commit_callbacks):
    return _running_on_commit(client, django_capture_on_commit_callbacks)


@pytest.fixture
def admin_client(admin_client, django_capture_on_commit_callbacks):
    return _running_on_commit(admin_client, django_capture_on_commit_callbacks)
