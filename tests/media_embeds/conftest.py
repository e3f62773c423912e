from urllib.error import URLError

import pytest


@pytest.fixture(autouse=True)
def _no_network(monkeypatch):
    """No test reaches YouTube or Vimeo: thumbnail downloads fail unless a test fakes them."""

    def refuse(*args, **kwargs):
        raise URLError("network disabled in tests")

    monkeypatch.setattr("media_embeds.services.urlopen", refuse)
