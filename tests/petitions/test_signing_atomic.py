import pytest

from petitions import services
from petitions.models import Signature
from petitions.services import SignatureDetails
from tests.factories import make_petition

pytestmark = pytest.mark.django_db

ANNA = SignatureDetails(name="Anna", email="anna@example.org", country="GB")


def test_a_failure_between_the_row_and_its_token_leaves_no_signature(monkeypatch):
    petition = make_petition()

    def broken_token():
        raise RuntimeError("token generator failed")

    monkeypatch.setattr(services, "new_token", broken_token)

    with pytest.raises(RuntimeError):
        services.sign_petition(petition=petition, details=ANNA)

    assert not Signature.objects.exists()


def test_a_signature_is_stored_with_its_token():
    signature = services.sign_petition(petition=make_petition(), details=ANNA)

    stored = Signature.objects.get()
    assert stored == signature
    assert stored.token_hash


def test_what_a_signer_typed_stays_out_of_a_repr_in_a_traceback_or_log():
    assert "Anna" not in repr(ANNA) and "anna@example.org" not in repr(ANNA)
