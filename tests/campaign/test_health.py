import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.django_db
def test_healthz_is_ok_when_the_database_answers(client):
    response = client.get("/healthz")

    assert response.status_code == 200
    assert response.content == b"ok"
    assert "no-cache" in response["Cache-Control"]


@pytest.mark.django_db
def test_healthz_stays_200_and_says_degraded_when_the_cache_cannot_be_reached(client, settings):
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        nobody_listens = probe.getsockname()[1]
    settings.CACHES = {
        **settings.CACHES,
        "ratelimit": {
            "BACKEND": "core.cache.CampaignRedisCache",
            "LOCATION": f"redis://127.0.0.1:{nobody_listens}/0",
        },
    }

    response = client.get("/healthz")

    # Docker's HEALTHCHECK restarts on anything but 200: a missing cache only slows the site.
    assert response.status_code == 200
    assert response.content == b"degraded: cache unavailable (ratelimit)"


def test_healthz_is_503_when_the_database_cannot_be_reached():
    script = (
        "from django.test import Client; "
        "response = Client().get('/healthz'); "
        "print(response.status_code, response.content.decode())"
    )
    env = {
        **os.environ,
        "DATABASE_URL": "postgres://postgres@127.0.0.1:9/unreachable",
        "SECRET_KEY": "health-test",
        "ALLOWED_HOSTS": "testserver",
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", script],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "503 database unavailable"
