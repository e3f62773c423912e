"""compose.yaml's load balancer config is one HAProxy accepts (no Docker engine needed:
the `web` names it resolves through Docker's DNS are left unresolved until run)."""

import subprocess

from tests.infra.servers import ROOT
from tests.infra.test_scale_out import haproxy_binary


def test_haproxy_accepts_the_committed_config():
    checked = subprocess.run(
        [haproxy_binary(), "-c", "-f", str(ROOT / "deploy" / "haproxy.cfg")],
        capture_output=True,
        text=True,
        timeout=30,
    )

    assert checked.returncode == 0, checked.stdout + checked.stderr
