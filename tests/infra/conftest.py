import pytest

from tests.infra.servers import collect_static


@pytest.fixture(scope="session")
def static_root(tmp_path_factory):
    """Static files collected once for every test that starts a production server."""
    return collect_static(tmp_path_factory.mktemp("static"))
