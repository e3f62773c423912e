import ast
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from campaign.settings import parse_rate_limit

ROOT = Path(__file__).resolve().parents[2]


def run_manage(*args, **env_overrides):
    env = {
        key: value
        for key, value in os.environ.items()
        if key
        not in {"SECRET_KEY", "DEBUG", "SITE_URL", "ALLOWED_HOSTS", "DATABASE_URL", "EMAIL_URL"}
        and key != "DJANGO_ALLOW_ASYNC_UNSAFE"
    }
    env.update(env_overrides)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_without_secret_key_and_debug_off_the_site_refuses_to_start_and_says_why():
    result = run_manage("check", DEBUG="0")

    assert result.returncode != 0
    assert "SECRET_KEY is not set" in result.stderr
    assert "With DEBUG off the site refuses to start" in result.stderr


def test_unknown_tasks_backend_refuses_to_start_and_names_the_accepted_ones():
    result = run_manage("check", DEBUG="1", TASKS_BACKEND="celery")

    assert result.returncode != 0
    assert "TASKS_BACKEND must be one of: immediate, database; not 'celery'." in result.stderr
    assert "KeyError" not in result.stderr


def test_debug_mode_starts_without_a_secret_key():
    result = run_manage("check", DEBUG="1")

    assert result.returncode == 0, result.stderr


def test_without_email_url_and_debug_off_the_site_refuses_to_start_and_says_why():
    result = run_manage("check", DEBUG="0", SECRET_KEY="a-secret")

    assert result.returncode != 0
    assert "EMAIL_URL is not set" in result.stderr
    assert "confirmation links" in result.stderr


def test_with_debug_on_and_no_email_url_emails_are_printed_readably():
    result = run_manage(
        "shell",
        "-c",
        "from django.conf import settings; print(settings.MAILERS['default']['BACKEND'])",
        DEBUG="1",
    )

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "campaign.console_email.EmailBackend"


def test_deploy_check_with_production_variables_prints_no_warnings():
    result = run_manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DEBUG="0",
        SECRET_KEY="a-long-random-production-secret-" + "x7Qp9vZ2kLm4Rt8W" * 3,
        SITE_URL="https://campaign.example.org",
        ALLOWED_HOSTS="campaign.example.org",
        EMAIL_URL="smtp://campaign:secret@mail.example.org:587/?tls=true",
    )

    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout
    assert "WARNING" not in result.stdout + result.stderr


def test_plain_http_site_url_keeps_cookies_usable_over_http():
    result = run_manage(
        "shell",
        "-c",
        "from django.conf import settings; "
        "print(settings.SECURE_SSL_REDIRECT, settings.SESSION_COOKIE_SECURE)",
        SECRET_KEY="benchmark-secret",
        SITE_URL="http://127.0.0.1:8000",
        EMAIL_URL="dummymail://",
    )

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "False False"


@pytest.mark.parametrize(
    ("value", "parsed"),
    [("5/300s", (5, 300)), ("10/60", (10, 60)), ("20/s", (20, 1)), ("0", None), ("", None)],
)
def test_the_rate_limit_setting_is_parsed(value, parsed):
    assert parse_rate_limit(value) == parsed


@pytest.mark.parametrize("value", ["five", "5/0s", "0/10s", "5/300m", "5/"])
def test_a_malformed_rate_limit_is_refused(value):
    with pytest.raises(ImproperlyConfigured, match="SIGNATURE_RATE_LIMIT must look like 5/300s"):
        parse_rate_limit(value)


def test_a_malformed_rate_limit_stops_the_site_at_start_up_and_says_why():
    result = run_manage("check", DEBUG="1", SIGNATURE_RATE_LIMIT="5 per minute")

    assert result.returncode != 0
    assert (
        "SIGNATURE_RATE_LIMIT must look like 5/300s or 20/s (count/seconds) or be 0, "
        "not '5 per minute'." in result.stderr
    )


def test_a_malformed_mailing_rate_stops_the_site_at_start_up_and_names_it():
    result = run_manage("check", DEBUG="1", MAILING_RATE="20 per second")

    assert result.returncode != 0
    assert "MAILING_RATE must look like 5/300s or 20/s" in result.stderr


def test_the_rate_limit_is_parsed_once_at_start_up():
    result = run_manage(
        "shell",
        "-c",
        "from django.conf import settings; print(settings.SIGNATURE_RATE_LIMIT)",
        DEBUG="1",
        SIGNATURE_RATE_LIMIT=" 3 / 60s ",
    )

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "(3, 60)"


def test_rate_limit_counters_have_a_cache_of_their_own_on_cache_url_unless_told_otherwise():
    show = "from django.conf import settings; print(settings.CACHES)"
    shared = run_manage("shell", "-c", show, DEBUG="1", CACHE_URL="redis://cache:6379/0")
    separate = run_manage(
        "shell",
        "-c",
        show,
        DEBUG="1",
        CACHE_URL="redis://cache:6379/0",
        RATELIMIT_CACHE_URL="redis://counters:6379/0",
    )
    local = run_manage("shell", "-c", show, DEBUG="1", CACHE_URL="locmemcache://")

    assert shared.returncode == separate.returncode == local.returncode == 0
    shared = ast.literal_eval(shared.stdout.strip().splitlines()[-1])
    separate = ast.literal_eval(separate.stdout.strip().splitlines()[-1])
    local = ast.literal_eval(local.stdout.strip().splitlines()[-1])
    assert (
        shared["ratelimit"]
        == shared["default"]
        == {
            "BACKEND": "core.cache.CampaignRedisCache",
            "LOCATION": "redis://cache:6379/0",
        }
    )
    assert separate["ratelimit"]["LOCATION"] == "redis://counters:6379/0"
    # Local memory caches sharing a LOCATION share one store: the counters get their own.
    assert local["ratelimit"]["LOCATION"] != local["default"]["LOCATION"]
