import pytest

from petitions import services
from petitions.models import Signature
from tests.factories import make_petition

pytestmark = pytest.mark.django_db


def test_a_failure_between_the_row_and_its_token_leaves_no_signature(monkeypatch):
    petition = make_petition()

    def broken_token():
        raise RuntimeError("token generator failed")

    monkeypatch.setattr(services, "new_token", broken_token)

    with pytest.raises(RuntimeError):
        services.sign_petition(
            petition=petition, name="Anna", email="anna@example.org", country="GB"
        )

    assert not Signature.objects.exists()


def test_a_signature_is_stored_with_its_token():
    signature = services.sign_petition(
        petition=make_petition(), name="Anna", email="anna@example.org", country="GB"
    )

    stored = Signature.objects.get()
    assert stored == signature
    assert stored.token_hash
