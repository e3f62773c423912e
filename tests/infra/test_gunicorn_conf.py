"""gunicorn.conf.py: how many workers the site starts with."""

import runpy
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
