"""The database goes away under a running gunicorn and comes back: pages say "back soon"
meanwhile and the site recovers without a restart. A real server and a real TCP proxy in
front of PostgreSQL, which the test closes and reopens (the shared cluster is never
stopped)."""

import contextlib
import os
import socket
import threading

import pytest
from django.contrib.sessions.backends.cached_db import SessionStore
from django.db import OperationalError, connection

from campaign.middleware import database_unavailable_response
from tests.infra.servers import fetch, free_port, running_gunicorn

pytestmark = pytest.mark.slow

BACK_SOON = "We will be back soon"


class TcpProxy:
    """Forwards 127.0.0.1:<port> to the database. ``close()`` cuts every connection and
    refuses new ones, as a stopped server does; ``cut()`` only drops the open connections, as
    a restarted one does."""

    def __init__(self, target: tuple[str, int]):
        self.target = target
        self.port = free_port()
        self._listener = None
        self._stop = threading.Event()
        self._sockets: list[socket.socket] = []
        self._lock = threading.Lock()

    def open(self):
        listener = socket.socket()
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind(("127.0.0.1", self.port))
        listener.listen(16)
        listener.settimeout(0.1)
        self._listener = listener
        self._stop = threading.Event()
        threading.Thread(target=self._accept, args=(listener, self._stop), daemon=True).start()

    def _accept(self, listener, stop):
        while not stop.is_set():
            try:
                client, _ = listener.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            client.settimeout(None)
            upstream = socket.create_connection(self.target)
            with self._lock:
                self._sockets += [client, upstream]
            for source, sink in ((client, upstream), (upstream, client)):
                threading.Thread(target=self._pump, args=(source, sink), daemon=True).start()

    @staticmethod
    def _pump(source, sink):
        try:
            while data := source.recv(65536):
                sink.sendall(data)
        except OSError:
            pass
        finally:
            for end in (source, sink):
                with contextlib.suppress(OSError):
                    end.shutdown(socket.SHUT_RDWR)

    def cut(self):
        with self._lock:
            sockets, self._sockets = self._sockets, []
        for sock in sockets:
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)
            sock.close()

    def close(self):
        self._stop.set()
        self._listener.close()
        self.cut()


@pytest.fixture
def proxy(postgres):
    settings = connection.settings_dict
    proxy = TcpProxy((settings["HOST"] or "127.0.0.1", int(settings["PORT"] or 5432)))
    proxy.open()
    yield proxy
    proxy.close()


@pytest.fixture
def gunicorn(proxy, static_root, tmp_path):
    """One gunicorn worker with persistent connections, talking to the test database
    through the proxy."""
    db = connection.settings_dict
    credentials = db["USER"] + (f":{db['PASSWORD']}" if db["PASSWORD"] else "")
    port = free_port()
    env = {
        **os.environ,
        "DATABASE_URL": f"postgres://{credentials}@127.0.0.1:{proxy.port}/{db['NAME']}",
        "SECRET_KEY": "outage-test-secret",
        "DEBUG": "0",
        "SITE_URL": f"http://127.0.0.1:{port}",
        "ALLOWED_HOSTS": "127.0.0.1",
        "CONN_MAX_AGE": "600",
        "PORT": str(port),
        "WEB_CONCURRENCY": "1",
        "STATIC_ROOT": str(static_root),
    }
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    with running_gunicorn(env, tmp_path / "gunicorn.log") as base:
        yield base


@pytest.mark.django_db
def test_pages_say_back_soon_while_the_database_is_down_and_recover_when_it_returns(
    proxy, gunicorn
):
    assert fetch(f"{gunicorn}/")[0] == 200

    proxy.close()
    home_status, _, home_body = fetch(f"{gunicorn}/")
    status, headers, body = fetch(f"{gunicorn}/news/")
    health_status, _, _ = fetch(f"{gunicorn}/healthz")

    # The home page was visited before the outage: readers keep getting it from the page cache.
    assert home_status == 200
    assert BACK_SOON not in home_body
    # A page nobody asked for yet needs the database.
    assert status == 503
    assert BACK_SOON in body
    assert "Traceback" not in body
    assert headers["Retry-After"] == "30"
    assert "Content-Security-Policy" in headers
    assert health_status == 503

    proxy.open()

    assert fetch(f"{gunicorn}/")[0] == 200
    assert fetch(f"{gunicorn}/news/")[0] == 200
    assert fetch(f"{gunicorn}/healthz")[0] == 200


@pytest.mark.django_db
def test_a_restarted_database_costs_no_request_an_error(proxy, gunicorn):
    assert fetch(f"{gunicorn}/")[0] == 200

    proxy.cut()

    assert fetch(f"{gunicorn}/")[0] == 200
    assert fetch(f"{gunicorn}/healthz")[0] == 200


@pytest.mark.django_db
def test_the_back_soon_page_needs_no_database(django_assert_num_queries):
    with django_assert_num_queries(0):
        response = database_unavailable_response()

    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert BACK_SOON in response.content.decode()


@pytest.mark.django_db
def test_a_database_failure_the_middleware_does_not_see_gets_the_back_soon_page_too(
    client, admin_user, settings, monkeypatch
):
    """Failures in other middleware (say a session save) reach Django's 500 handler, not
    DatabaseUnavailableMiddleware; the handler gives the same page."""

    def database_gone(self, must_create=False):
        raise OperationalError("connection refused")

    settings.MIDDLEWARE = [
        name for name in settings.MIDDLEWARE if not name.endswith("DatabaseUnavailableMiddleware")
    ]
    monkeypatch.setattr(SessionStore, "save", database_gone)
    client.raise_request_exception = False

    response = client.post(
        f"/{settings.ADMIN_URL}login/", {"username": admin_user.username, "password": "password"}
    )

    assert response.status_code == 503
    assert BACK_SOON in response.content.decode()
