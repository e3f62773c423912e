"""Two web nodes and a task worker behind a real HAProxy act as one site: one PostgreSQL
database and one Redis (a redis-server of the test's own) are all they share. Signers sign
and confirm through the proxy while one node is killed outright; the rate limit and the
page cache's invalidation hold across nodes.

Each visitor connects from an address of its own (all of 127.0.0.0/8 is the loopback), so
the site, trusting one proxy (TRUSTED_PROXY_COUNT=1), tells them apart by the
X-Forwarded-For that HAProxy adds, as it tells real visitors apart in production."""

import contextlib
import email
import email.policy
import http.client
import os
import re
import shutil
import signal
import subprocess
import sys
import threading
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.parse import urlencode

import pytest
from django.db import connection

from petitions.models import Petition, PetitionSettings, Signature
from tests.conftest import CI_REQUIRES_EVERYTHING
from tests.factories import make_petition
from tests.infra.servers import ROOT, fetch, free_port, wait_for
from tests.petitions.helpers import form_data

pytestmark = [pytest.mark.slow, pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

RATE_LIMIT = 3
CONFIRM_LINK = re.compile(r"/petitions/[\w-]+/confirm/[A-Za-z0-9_-]+/")
# What Django's file mailer writes between two messages.
MESSAGE_SEPARATOR = "\n" + "-" * 79 + "\n"
HAPROXY_CONFIG = """\
global
    maxconn 256

defaults
    mode http
    timeout connect 1s
    timeout client 30s
    timeout server 30s
    timeout check 2s
    # A node that refuses the connection (it is gone) costs the request a retry on the other.
    retries 3
    option redispatch
    option forwardfor

frontend site
    bind 127.0.0.1:{port}
    default_backend nodes

backend nodes
    balance roundrobin
    option httpchk
    http-check send meth GET uri /healthz ver HTTP/1.1 hdr Host localhost
    http-check expect status 200
    default-server check inter 300ms fall 2 rise 2
    # For the test only: which node answered.
    http-response set-header X-Served-By %s
{servers}
"""


def haproxy_binary() -> str:
    found = shutil.which("haproxy", path=f"{os.environ.get('PATH', '')}:/usr/sbin:/sbin")
    if found is None:
        message = "needs Debian's haproxy (apt install haproxy)"
        if CI_REQUIRES_EVERYTHING:
            pytest.fail(message)
        pytest.skip(message)
    return found


class Cluster:
    """Web nodes (gunicorn, each in a process group of its own so that killing one kills
    its workers too), a db_worker and HAProxy in front, all with one environment."""

    def __init__(self, folder: Path, env: dict, lb_port: int):
        self.folder = folder
        self.env = env
        self.lb_port = lb_port
        self.base = f"http://127.0.0.1:{lb_port}"
        self.nodes: dict[str, int] = {}
        self.processes: dict[str, subprocess.Popen] = {}

    def spawn(self, name: str, command: list[str], env: dict | None = None):
        log = (self.folder / f"{name}.log").open("w")
        self.processes[name] = subprocess.Popen(
            command,
            cwd=ROOT,
            env=env or self.env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        log.close()

    def log(self, name: str) -> str:
        return (self.folder / f"{name}.log").read_text()

    def start_node(self, name: str):
        port = free_port()
        self.nodes[name] = port
        command = [sys.executable, "-m", "gunicorn", "campaign.wsgi"]
        self.spawn(name, command, {**self.env, "PORT": str(port)})

    def node_url(self, name: str) -> str:
        return f"http://127.0.0.1:{self.nodes[name]}"

    def wait_for_node(self, name: str):
        def up():
            if self.processes[name].poll() is not None:
                pytest.fail(f"{name} exited:\n{self.log(name)}")
            with contextlib.suppress(OSError):
                return fetch(f"{self.node_url(name)}/healthz")[0] == 200
            return False

        wait_for(up, f"{name} to start")

    def start_haproxy(self):
        servers = "\n".join(
            f"    server {name} 127.0.0.1:{port}" for name, port in self.nodes.items()
        )
        config = self.folder / "haproxy.cfg"
        config.write_text(HAPROXY_CONFIG.format(port=self.lb_port, servers=servers))
        self.spawn("haproxy", [haproxy_binary(), "-db", "-f", str(config)])
        served_by = set()

        def every_node_answers():
            if self.processes["haproxy"].poll() is not None:
                pytest.fail(f"haproxy exited:\n{self.log('haproxy')}")
            with contextlib.suppress(OSError):
                status, headers, _ = fetch(f"{self.base}/healthz")
                if status == 200:
                    # HAProxy writes header names in lower case.
                    served_by.add({k.lower(): v for k, v in headers.items()}["x-served-by"])
            return served_by == set(self.nodes)

        wait_for(every_node_answers, "HAProxy to reach every node")

    def kill(self, name: str):
        """The machine dies: master and workers at once, no goodbye."""
        os.killpg(self.processes[name].pid, signal.SIGKILL)
        self.processes[name].wait(timeout=30)

    def stop(self):
        for process in self.processes.values():
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGTERM)
        for process in self.processes.values():
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait(timeout=30)

    def manage(self, *command: str):
        subprocess.run(
            [sys.executable, "manage.py", *command], cwd=ROOT, env=self.env, check=True, timeout=120
        )


@pytest.fixture
def cluster(postgres, redis_server, static_root, tmp_path):
    """Nodes a and b and one db_worker on the test database (visible to them because the
    test is transactional) and on one Redis, behind HAProxy."""
    db = connection.settings_dict
    credentials = db["USER"] + (f":{db['PASSWORD']}" if db["PASSWORD"] else "")
    location = f"{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}"
    redis = redis_server.url.rsplit("/", 1)[0]
    lb_port = free_port()
    (tmp_path / "mail").mkdir()
    env = {
        **os.environ,
        "DATABASE_URL": f"postgres://{credentials}@{location}/{db['NAME']}",
        "SECRET_KEY": "scale-out-test-secret",
        "DEBUG": "0",
        "SITE_URL": f"http://127.0.0.1:{lb_port}",
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "CACHE_URL": f"{redis}/0",
        "RATELIMIT_CACHE_URL": f"{redis}/1",
        "TRUSTED_PROXY_COUNT": "1",
        "SIGNATURE_RATE_LIMIT": f"{RATE_LIMIT}/300s",
        "TASKS_BACKEND": "database",
        "EMAIL_URL": f"filemail://{tmp_path / 'mail'}",
        "WEB_CONCURRENCY": "2",
        "STATIC_ROOT": str(static_root),
    }
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    cluster = Cluster(tmp_path, env, lb_port)
    try:
        for name in ("a", "b"):
            cluster.start_node(name)
        cluster.spawn(
            "worker",
            [sys.executable, "manage.py", "db_worker", "--queue-name", "*", "--interval", "0.2",
             "--no-startup-delay", "--no-reload"],
        )  # fmt: skip
        for name in ("a", "b"):
            cluster.wait_for_node(name)
        cluster.start_haproxy()
        yield cluster
    finally:
        cluster.stop()


class Visitor:
    """One person's browser: its own source address, its CSRF cookie, and patience (a
    proxy's 502 or a dropped connection is tried again, as a person presses the button
    again)."""

    def __init__(self, cluster: Cluster, address: str):
        self.cluster = cluster
        self.address = address
        self.csrf_cookie = self.csrf_token = None

    def request(self, method: str, path: str, fields: dict | None = None):
        connection = http.client.HTTPConnection(
            "127.0.0.1", self.cluster.lb_port, timeout=30, source_address=(self.address, 0)
        )
        headers = {"Origin": self.cluster.base}
        body = None
        if self.csrf_cookie:
            headers["Cookie"] = f"csrftoken={self.csrf_cookie}"
        if fields is not None:
            body = urlencode({**fields, "csrfmiddlewaretoken": self.csrf_token})
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        try:
            connection.request(method, path, body=body, headers=headers)
            response = connection.getresponse()
            return response.status, response.msg, response.read().decode()
        finally:
            connection.close()

    def patiently(self, method: str, path: str, fields: dict | None = None):
        for attempt in range(8):
            try:
                status, headers, body = self.request(method, path, fields)
            except OSError:
                status = None
            if status not in (None, 502, 503, 504):
                return status, headers, body
            time.sleep(0.2 * (attempt + 1))
        pytest.fail(f"{method} {path} never answered")

    def open_petition(self, petition: Petition):
        status, headers, body = self.patiently("GET", petition.get_absolute_url())
        assert status == 200
        cookies = " ".join(headers.get_all("Set-Cookie") or [])
        self.csrf_cookie = re.search(r"csrftoken=([^;]+)", cookies)[1]
        self.csrf_token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', body)[1]

    def sign(self, petition: Petition, address: str):
        """True when the site accepted the signature (the redirect to "check your email");
        also the node that said so."""
        fields = form_data(name=f"Signer {address}", email=address)
        status, headers, _ = self.patiently("POST", f"/petitions/{petition.slug}/sign/", fields)
        accepted = status == 302 and headers["Location"].endswith(
            f"/petitions/{petition.slug}/check-your-email/"
        )
        return accepted, headers["X-Served-By"]

    def confirm(self, link: str) -> bool:
        status, _, _ = self.patiently("POST", link, {})
        # A retried confirmation whose first try got through shows "already confirmed".
        return status in (200, 302)


class Mailbox:
    """The confirmation links in the filemail folder, by recipient."""

    def __init__(self, folder: Path):
        self.folder = folder
        self.links: dict[str, str] = {}
        self.lock = threading.Lock()

    def read(self):
        for path in self.folder.iterdir():
            for raw in path.read_text().split(MESSAGE_SEPARATOR):
                if not raw.strip():
                    continue
                message = email.message_from_string(raw, policy=email.policy.default)
                body = message.get_body(preferencelist=("plain",))
                link = body and CONFIRM_LINK.search(body.get_content())
                if link:
                    self.links[str(message["To"]).lower()] = link[0]

    def link_for(self, address: str) -> str:
        def arrived():
            with self.lock:
                if address not in self.links:
                    self.read()
                return self.links.get(address)

        return wait_for(arrived, "a confirmation email")


def counts(petition: Petition) -> tuple[int, int]:
    """The petition's count as the site shows it, and its confirmed rows."""
    shown = Petition.objects.with_counts().get(pk=petition.pk).signature_count
    return shown, Signature.objects.filter(petition=petition).confirmed().count()


def test_signatures_survive_a_node_killed_mid_run_and_are_counted_once(cluster):
    petition = make_petition(title="Free the strikers")
    mailbox = Mailbox(cluster.folder / "mail")
    signers = [f"signer{index}@example.org" for index in range(30)]
    accepted, served_by, confirmed = {}, Counter(), set()
    lock = threading.Lock()
    killed_at = None

    def sign_and_confirm(index: int):
        visitor = Visitor(cluster, f"127.0.1.{index + 1}")
        visitor.open_petition(petition)
        ok, node = visitor.sign(petition, signers[index])
        with lock:
            served_by[node] += 1
            if ok:
                accepted[signers[index]] = time.monotonic()
        if ok and visitor.confirm(mailbox.link_for(signers[index])):
            with lock:
                confirmed.add(signers[index])

    with ThreadPoolExecutor(max_workers=4) as pool:
        running = [pool.submit(sign_and_confirm, index) for index in range(len(signers))]
        wait_for(lambda: len(accepted) >= len(signers) // 3, "the first signatures")
        cluster.kill("b")
        killed_at = time.monotonic()
        for future in running:
            future.result()

    # Both nodes took signatures, and signing went on after one of them died.
    assert served_by["a"] and served_by["b"]
    assert any(moment > killed_at for moment in accepted.values())
    # Every signer was accepted (some perhaps on a second try) and confirmed.
    assert sorted(accepted) == sorted(signers)
    assert sorted(confirmed) == sorted(signers)
    # Each is in the database exactly once, confirmed, and counted once.
    rows = Counter(Signature.objects.filter(petition=petition).values_list("email", flat=True))
    assert rows == Counter(signers)
    assert counts(petition) == (len(signers), len(signers))
    # The surviving node answers through the proxy, with the count every node agrees on.
    status, _, body = fetch(f"{cluster.base}/petitions/{petition.slug}/count.json")
    assert status == 200
    assert f'"count": {len(signers)}' in body


def test_the_rate_limit_is_counted_across_nodes(cluster):
    petition = make_petition(title="Release the lawyers")
    visitor = Visitor(cluster, "127.0.2.1")
    visitor.open_petition(petition)

    results = [
        visitor.sign(petition, f"same-address{index}@example.org")
        for index in range(2 * RATE_LIMIT)
    ]

    # The same answer every time, from both nodes in turn...
    assert [ok for ok, _ in results] == [True] * (2 * RATE_LIMIT)
    assert {node for _, node in results} == {"a", "b"}
    # ...and one count: past the limit the signatures are held, whichever node took them.
    states = list(Signature.objects.filter(petition=petition).order_by("pk").values_list("state"))
    assert [state for (state,) in states] == ["pending"] * RATE_LIMIT + ["held"] * RATE_LIMIT


def test_an_edit_shows_on_every_node_within_the_local_copies_life(cluster):
    petition = make_petition(title="Old title")
    # Straight to each node with the proxy's Host, as HAProxy passes it on.
    host = {"Host": f"127.0.0.1:{cluster.lb_port}"}
    path = petition.get_absolute_url()

    # The site's first page view of all would create the petition settings row, a save that
    # forgets every page once: it exists before the first view here.
    PetitionSettings.load()

    first = fetch(cluster.node_url("a") + path, headers=host)
    again_elsewhere = fetch(cluster.node_url("b") + path, headers=host)
    # An editor's save in another process (the admin on some machine) bumps the content
    # version in Redis.
    cluster.manage(
        "shell",
        "-c",
        f"from petitions.models import Petition; p = Petition.objects.get(pk={petition.pk}); "
        "p.title = 'New title'; p.save()",
    )
    # Each worker keeps the pages it just served for PAGE_CACHE_LOCAL_SECONDS (2 s): the
    # edit shows on every node within that, and never later.
    deadline = time.monotonic() + 2 + 3
    fresh = {}
    while len(fresh) < 2 and time.monotonic() < deadline:
        for node in ("a", "b"):
            status, _, body = fetch(cluster.node_url(node) + path, headers=host)
            if status == 200 and "New title" in body and "Old title" not in body:
                fresh[node] = True
        time.sleep(0.2)

    # Made by node a, served by node b from the shared cache...
    assert first[1]["X-Page-Cache"] == "miss"
    assert again_elsewhere[1]["X-Page-Cache"] == "hit"
    assert "Old title" in again_elsewhere[2]
    # ...and after the edit, fresh on both.
    assert fresh == {"a": True, "b": True}
