import os

import pytest
from django.db import connection

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


@pytest.fixture
def postgres():
    """For tests of Postgres-only behaviour: skipped on SQLite, except in CI where it fails."""
    if connection.vendor != "postgresql":
        message = "needs PostgreSQL (set DATABASE_URL=postgres://…)"
        if CI_REQUIRES_EVERYTHING:
            pytest.fail(message)
        pytest.skip(message)
