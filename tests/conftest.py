import os

import pytest
from django.conf import settings
from django.db import connection
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


@pytest.fixture
def postgres():
    """For tests of Postgres-only behaviour: skipped on SQLite, except in CI where it fails."""
    if connection.vendor != "postgresql":
        message = "needs PostgreSQL (set DATABASE_URL=postgres://…)"
        if CI_REQUIRES_EVERYTHING:
            pytest.fail(message)
        pytest.skip(message)
