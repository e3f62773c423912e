"""What gunicorn and Django write to the log when a signer opens their confirm or withdraw
link: a real server, its whole output captured. A line that pairs an address with a working
link says who signed; the log must hold neither the token nor, by default, the address."""

import os
import secrets
import subprocess
import sys

import pytest

from tests.infra.servers import ROOT, fetch, free_port, running_gunicorn

pytestmark = pytest.mark.slow

TOKEN = secrets.token_urlsafe(32)
SETUP = f"""
from petitions.models import Signature
from petitions.services import hash_token
from tests.factories import make_petition, make_signature

petition = make_petition(title="Free them", slug="free-them")
make_signature(petition=petition, state=Signature.State.PENDING, token_hash=hash_token({TOKEN!r}))
"""


@pytest.fixture(scope="module")
def server_env(tmp_path_factory, static_root):
    """A production-like environment with its own SQLite database holding one pending
    signature whose link token is TOKEN."""
    folder = tmp_path_factory.mktemp("access-log")
    port = free_port()
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{folder / 'db.sqlite3'}",
        "SECRET_KEY": "access-log-test-secret",
        "DEBUG": "0",
        "SITE_URL": f"http://127.0.0.1:{port}",
        "ALLOWED_HOSTS": "127.0.0.1",
        "PORT": str(port),
        "WEB_CONCURRENCY": "1",
        "STATIC_ROOT": str(static_root),
    }
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    env.pop("ACCESS_LOG_IP", None)
    for command in (["migrate", "-v0"], ["shell", "-c", SETUP]):
        subprocess.run(
            [sys.executable, "manage.py", *command], cwd=ROOT, env=env, check=True, timeout=300
        )
    return env


def visit_token_links(base: str) -> dict[str, tuple[int, dict]]:
    """Each token page, arriving from a page whose address holds the token (a browser that
    ignored our Referrer-Policy, or an old link), and a mistyped token that gets the error
    page (and Django's "Bad Request" warning, which names the path)."""
    paths = {
        "confirm": f"/petitions/free-them/confirm/{TOKEN}/",
        "withdraw": f"/petitions/free-them/withdraw/{TOKEN}/",
        "bad link": f"/ru/petitions/free-them/confirm/{TOKEN}x/",
    }
    results = {}
    for name, path in paths.items():
        status, headers, _ = fetch(base + path, headers={"Referer": base + path})
        results[name] = (status, headers)
    return results


def test_the_access_log_names_no_address_and_no_token(server_env, tmp_path):
    log_path = tmp_path / "gunicorn.log"

    with running_gunicorn(server_env, log_path) as base:
        results = visit_token_links(base)

    log = log_path.read_text()
    assert {name: status for name, (status, _) in results.items()} == {
        "confirm": 200,
        "withdraw": 200,
        "bad link": 400,
    }
    # The requests were logged, with the token replaced by a fixed marker.
    assert '"GET /petitions/free-them/confirm/[token]/ HTTP/1.1" 200' in log
    assert f'"{base}/petitions/free-them/withdraw/[token]/"' in log
    assert "Bad Request: /ru/petitions/free-them/confirm/[token]/" in log
    assert TOKEN not in log
    assert "127.0.0.1 -" not in log
    assert "127.0.0.1" not in log.replace(base, "")
    # Token pages tell the browser to send no Referer from them, error page included.
    assert {name: headers["Referrer-Policy"] for name, (_, headers) in results.items()} == {
        "confirm": "no-referrer",
        "withdraw": "no-referrer",
        "bad link": "no-referrer",
    }


def test_access_log_ip_puts_the_address_back_but_not_the_token(server_env, tmp_path):
    log_path = tmp_path / "gunicorn.log"

    with running_gunicorn({**server_env, "ACCESS_LOG_IP": "1"}, log_path) as base:
        visit_token_links(base)

    log = log_path.read_text()
    assert "127.0.0.1 - - [" in log
    assert TOKEN not in log
