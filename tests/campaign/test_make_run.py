"""`make run` on another port, for a newcomer who already has something on 8000."""

import os
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.skipif(shutil.which("make") is None, reason="needs make")


def run_commands(*make_args: str, **env: str) -> list[str]:
    """The commands `make run` would run (a dry run), with the given environment."""
    environment = {k: v for k, v in os.environ.items() if k not in {"PORT", "SITE_URL"}}
    output = subprocess.run(
        ["make", "--dry-run", "--always-make", "run", *make_args],
        cwd=ROOT,
        env={**environment, **env},
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return [line for line in output.splitlines() if "manage.py" in line]


def site_url_of(command: str, **env: str) -> str:
    """SITE_URL as the shell gives it to `command`."""
    shown = command.split(" .venv/bin/python manage.py")[0] + " printenv SITE_URL"
    environment = {k: v for k, v in os.environ.items() if k != "SITE_URL"}
    return subprocess.run(
        ["sh", "-c", shown], env={**environment, **env}, capture_output=True, text=True
    ).stdout.strip()


def test_make_run_serves_on_port_8000_by_default():
    *_, serve = run_commands()

    assert serve.endswith("runserver 127.0.0.1:8000")
    assert site_url_of(serve) == "http://127.0.0.1:8000"


def test_make_run_port_8001_serves_there_and_links_in_emails_follow():
    commands = run_commands("PORT=8001")

    assert commands[-1].endswith("runserver 127.0.0.1:8001")
    assert {site_url_of(command) for command in commands} == {"http://127.0.0.1:8001"}


def test_a_site_url_that_is_set_is_kept_whatever_the_port():
    *_, serve = run_commands("PORT=8001")

    assert site_url_of(serve, SITE_URL="http://campaign.test:8001") == "http://campaign.test:8001"
