"""gunicorn.conf.py: how many workers the site starts with."""

import runpy
import subprocess
import sys
from pathlib import Path
from unittest import mock

CONF = Path(__file__).resolve().parents[2] / "gunicorn.conf.py"


def workers(monkeypatch, *, cores: int, web_concurrency: str | None = None) -> int:
    monkeypatch.delenv("WEB_CONCURRENCY", raising=False)
    if web_concurrency is not None:
        monkeypatch.setenv("WEB_CONCURRENCY", web_concurrency)
    with mock.patch("multiprocessing.cpu_count", return_value=cores):
        return runpy.run_path(str(CONF))["workers"]


def test_default_is_two_workers_per_core_plus_one(monkeypatch):
    assert workers(monkeypatch, cores=2) == 5


def test_default_stops_at_twelve_so_a_big_machine_cannot_exhaust_database_connections(
    monkeypatch,
):
    assert workers(monkeypatch, cores=64) == 12


def test_web_concurrency_sets_the_number_even_above_the_cap(monkeypatch):
    assert workers(monkeypatch, cores=64, web_concurrency="40") == 40


def access_log_format(monkeypatch, access_log_ip: str | None = None) -> str:
    monkeypatch.delenv("ACCESS_LOG_IP", raising=False)
    if access_log_ip is not None:
        monkeypatch.setenv("ACCESS_LOG_IP", access_log_ip)
    return runpy.run_path(str(CONF))["access_log_format"]


def test_the_access_log_names_no_client_address_by_default(monkeypatch):
    assert not access_log_format(monkeypatch).startswith("%(h)s")
    assert "%(h)s" not in access_log_format(monkeypatch, "0")


def test_access_log_ip_puts_the_address_first_as_gunicorn_does(monkeypatch):
    assert access_log_format(monkeypatch, "1").startswith("%(h)s ")


def test_the_config_loads_without_django():
    """gunicorn's master reads it before Django is set up (or at all, for `--check-config`)."""
    code = (
        "import runpy, sys; runpy.run_path('gunicorn.conf.py'); "
        "sys.exit(any(name.startswith('django') for name in sys.modules))"
    )
    assert subprocess.run([sys.executable, "-c", code], cwd=CONF.parent).returncode == 0
