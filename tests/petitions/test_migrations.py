"""Data migrations of signatures, run on today's models as they would run on a deploy."""

import importlib

import pytest
from django.apps import apps

from petitions.models import Petition, Signature
from petitions.retention import recount_signatures
from tests.factories import make_petition, make_signature

pytestmark = pytest.mark.django_db


def test_stored_addresses_get_the_new_key_and_one_mailbox_keeps_one_signature():
    migration = importlib.import_module("petitions.migrations.0008_renormalise_signature_emails")
    petition = make_petition()
    pending = make_signature(
        petition=petition, email="anna@example.com", state=Signature.State.PENDING
    )
    # Stored under the rule of their day, which kept these apart.
    confirmed = make_signature(
        petition=petition, email="anna@\uff45xample.com", email_normalised="anna@\uff45xample.com"
    )
    later = make_signature(
        petition=petition, email='"anna"@example.com', email_normalised='"anna"@example.com'
    )
    other = make_signature(
        petition=petition, email="Boris@B\u00fccher.de", email_normalised="boris@b\u00fccher.de"
    )
    elsewhere = make_signature(email="anna@\uff45xample.com", email_normalised="x")
    assert Petition.objects.with_counts().get(pk=petition.pk).signature_count == 3

    migration.renormalise(apps, None)

    kept = Signature.objects.filter(petition=petition).order_by("pk")
    assert list(kept.values_list("pk", "email_normalised")) == [
        (confirmed.pk, "anna@example.com"),
        (other.pk, "boris@xn--bcher-kva.de"),
    ]
    assert not Signature.objects.filter(pk__in=[pending.pk, later.pk]).exists()
    assert Signature.objects.get(pk=elsewhere.pk).email_normalised == "anna@example.com"
    assert Petition.objects.with_counts().get(pk=petition.pk).signature_count == 2
    assert not [result for result in recount_signatures() if result.differs]
