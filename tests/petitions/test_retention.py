"""Retention: blanking and deleting signers' data on time, and counts that stay true."""

import pytest
from django.db.models import F
from django.utils import timezone

from petitions.models import Petition, Signature, SignatureCountSlot
from petitions.retention import anonymise_signatures, purge_unconfirmed, recount_signatures
from tests.factories import make_petition, make_signature

pytestmark = pytest.mark.django_db


def days_ago(days):
    return timezone.now() - timezone.timedelta(days=days)


def test_anonymise_blanks_personal_data_on_long_closed_petitions_and_keeps_counts():
    old = make_petition(closes_at=days_ago(40))
    closed = make_petition(status=Petition.Status.CLOSED)
    Petition.objects.filter(pk=closed.pk).update(closed_at=days_ago(31))
    recent = make_petition(closes_at=days_ago(5))
    for petition in (old, closed, recent):
        make_signature(
            petition=petition,
            name="Anna K",
            city="Paris",
            comment="Hi",
            country="FR",
            ip_hash="abc",
            show_name=True,
        )
        make_signature(petition=petition, state=Signature.State.PENDING, email="p@example.org")
    assert anonymise_signatures(days=30) == 4
    for petition in (old, closed):
        assert petition.signature_count == 1
        for signature in petition.signatures.all():
            assert signature.name == signature.email == signature.city == signature.comment == ""
            assert signature.ip_hash == "" and signature.token_hash is None
            assert signature.country == "FR" or signature.state == "pending"
    assert recent.signatures.filter(name="Anna K").exists()
    page_count = Petition.objects.with_counts().get(pk=old.pk).confirmed_count
    assert page_count == 1


def test_purge_deletes_only_old_unconfirmed_signatures_and_keeps_counts():
    petition = make_petition()
    make_signature(petition=petition, created_at=days_ago(30))
    make_signature(petition=petition, state=Signature.State.PENDING, created_at=days_ago(30))
    make_signature(petition=petition, state=Signature.State.HELD, created_at=days_ago(30))
    keep = make_signature(petition=petition, state=Signature.State.PENDING, created_at=days_ago(1))
    assert purge_unconfirmed(days=14) == 2
    assert set(Signature.objects.values_list("state", flat=True)) == {"confirmed", "pending"}
    assert Signature.objects.filter(pk=keep.pk).exists()
    assert petition.signature_count == 1
    assert not [result for result in recount_signatures() if result.differs]


def test_anonymise_reaches_a_petition_closed_without_a_recorded_time():
    petition = make_petition(status=Petition.Status.CLOSED)
    make_signature(petition=petition, name="Anna K", country="FR")
    assert anonymise_signatures(days=90) == 1
    signature = Signature.objects.get()
    assert signature.name == signature.email == ""
    assert petition.signature_count == 1


def test_recount_repairs_a_drifted_count_and_reports_it():
    petition = make_petition()
    for _ in range(3):
        make_signature(petition=petition)
    SignatureCountSlot.objects.filter(petition=petition, slot=5).update(count=F("count") + 42)

    [result] = recount_signatures()

    assert (result.petition, result.stored, result.actual) == (petition, 45, 3)
    assert petition.signature_count == 3
    assert not recount_signatures()[0].differs


def test_recount_without_repair_only_reports():
    petition = make_petition()
    make_signature(petition=petition)
    SignatureCountSlot.objects.filter(petition=petition).update(count=0)

    assert recount_signatures(repair=False)[0].differs
    assert petition.signature_count == 0
