"""compose.yaml's load balancer config is one HAProxy accepts and runs (no Docker engine
needed: the `web` names it resolves through Docker's DNS stay unresolved, so every server
is down, which is also how its own 503 page is seen)."""

import shutil
import subprocess

import pytest

from tests.infra.servers import ROOT, fetch, free_port, wait_for
from tests.infra.test_scale_out import haproxy_binary

DEPLOY = ROOT / "deploy"


def test_haproxy_accepts_the_committed_config():
    checked = subprocess.run(
        [haproxy_binary(), "-c", "-f", str(DEPLOY / "haproxy.cfg")],
        capture_output=True,
        text=True,
        timeout=30,
    )

    assert checked.returncode == 0, checked.stdout + checked.stderr


@pytest.fixture
def committed_balancer(tmp_path):
    """The committed config, listening on a free port instead of the container's 8080."""
    config = (DEPLOY / "haproxy.cfg").read_text()
    assert "    bind :8080\n" in config
    port = free_port()
    (tmp_path / "haproxy.cfg").write_text(config.replace("bind :8080", f"bind 127.0.0.1:{port}"))
    shutil.copy(DEPLOY / "busy.html", tmp_path / "busy.html")
    proxy = subprocess.Popen(
        [haproxy_binary(), "-db", "-f", str(tmp_path / "haproxy.cfg")],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        wait_for(lambda: _answers(port), "HAProxy to listen", seconds=20)
        yield f"http://127.0.0.1:{port}"
    finally:
        proxy.terminate()
        proxy.wait(timeout=10)


def _answers(port: int) -> bool:
    try:
        fetch(f"http://127.0.0.1:{port}/healthz")
    except OSError:
        return False
    return True


def test_the_balancers_own_busy_page_tells_a_signer_in_three_languages_to_go_back(
    committed_balancer,
):
    status, raw_headers, body = fetch(f"{committed_balancer}/petitions/some-petition/sign/")
    headers = {name.lower(): value for name, value in raw_headers.items()}
    text = " ".join(body.split())

    assert status == 503
    assert headers["retry-after"] == "5"
    assert headers["cache-control"] == "no-store"
    assert headers["content-type"].startswith("text/html")
    assert "your browser keeps what you typed" in text
    assert "браузер сохранит то, что вы ввели" in text
    assert "браузер формаға енгізгеніңізді сақтайды" in text
