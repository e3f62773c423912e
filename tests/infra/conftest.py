import shutil

import pytest

from tests.conftest import CI_REQUIRES_EVERYTHING
from tests.infra.servers import RedisServer, collect_static


@pytest.fixture(scope="session")
def static_root(tmp_path_factory):
    """Static files collected once for every test that starts a production server."""
    return collect_static(tmp_path_factory.mktemp("static"))


@pytest.fixture
def redis_server():
    if shutil.which("redis-server") is None:
        message = "needs the redis-server binary (apt install redis-server)"
        if CI_REQUIRES_EVERYTHING:
            pytest.fail(message)
        pytest.skip(message)
    server = RedisServer()
    server.start()
    yield server
    if server.process.poll() is None:
        server.stop()
