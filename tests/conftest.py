import contextvars
import os

import pytest
from django.conf import settings
from django.core.cache import caches
from django.core.handlers.base import BaseHandler
from django.db import connection
from django.db.models import FETCH_ONE, FETCH_RAISE, query
from django.db.models.fetch_modes import FetchMode
from django.utils import translation

CI_REQUIRES_EVERYTHING = os.environ.get("E2E_REQUIRED") == "1"


@pytest.fixture(autouse=True)
def _isolated_files(settings, tmp_path):
    """Uploads go to a temporary folder; static files are served from the source folders
    (the hashed, compressed production storage is tested on its own in test_static.py)."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture(autouse=True)
def _english_between_tests():
    """A request to /ru/… leaves Russian active in the thread: each test starts in English."""
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture(autouse=True)
def _empty_cache():
    """Pages, rate limits and counters cached by one test are not seen by the next (nor
    the pages a worker keeps in front of Redis)."""
    from core.page_cache import _local

    for cache in caches.all():
        cache.clear()
    _local.clear()


@pytest.fixture(autouse=True)
def _staff_logged_in_by_tests_passed_the_second_factor(monkeypatch):
    """The admin lets in only sessions that passed the second factor. A test that logs staff
    in with `force_login()` (pytest-django's `admin_client` does) means a complete login, so
    the user also gets an authenticator and the session counts as verified. The login itself
    is tested through the form in tests/campaign/test_two_factor.py; `client.login()` stays a
    password-only login."""
    from django.test import Client

    from tests.factories import pass_second_factor

    force_login = Client.force_login

    def force_login_with_second_factor(self, user, backend=None):
        force_login(self, user, backend)
        if user.is_staff:
            pass_second_factor(self, user)

    monkeypatch.setattr(Client, "force_login", force_login_with_second_factor)


@pytest.fixture
def staff_client(django_user_model):
    """A logged-in member of staff (not a superuser), as editors previewing pages are."""
    from django.test import Client

    user = django_user_model.objects.create_user("editor", password="pw", is_staff=True)
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def postgres():
    """For tests of Postgres-only behaviour: skipped on SQLite, except in CI where it fails."""
    if connection.vendor != "postgresql":
        message = "needs PostgreSQL (set DATABASE_URL=postgres://…)"
        if CI_REQUIRES_EVERYTHING:
            pytest.fail(message)
        pytest.skip(message)


_serving_public_page = contextvars.ContextVar("serving_public_page", default=False)


class _RaiseOnPublicPages(FetchMode):
    """Lazy loads raise while a public page is being served (admin pages and test code
    fetch as usual), so a page that would cost a query per item fails its tests."""

    __slots__ = ()

    def fetch(self, fetcher, instance):
        mode = FETCH_RAISE if _serving_public_page.get() else FETCH_ONE
        mode.fetch(fetcher, instance)

    def __reduce__(self):
        return "RAISE_ON_PUBLIC_PAGES"


RAISE_ON_PUBLIC_PAGES = _RaiseOnPublicPages()


@pytest.fixture(autouse=True)
def _lazy_loads_raise(monkeypatch):
    get_response = BaseHandler.get_response

    def guarded_get_response(handler, request):
        public = not request.path_info.lstrip("/").startswith(settings.ADMIN_URL)
        token = _serving_public_page.set(public)
        try:
            return get_response(handler, request)
        finally:
            _serving_public_page.reset(token)

    monkeypatch.setattr(query, "DEFAULT_FETCH_MODE", RAISE_ON_PUBLIC_PAGES)
    monkeypatch.setattr(BaseHandler, "get_response", guarded_get_response)
