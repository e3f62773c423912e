"""Counts and uniqueness under real concurrency: real threads, each with its own Postgres
connection, released together by a barrier."""

import re
import threading

import pytest
from django.core import mail
from django.db import connection

from petitions.models import Petition, Signature
from petitions.retention import recount_signatures
from petitions.services import (
    MAX_EMAILS_PER_SIGNATURE,
    SignatureDetails,
    confirm_signature,
    sign_petition,
)
from petitions.tokens import hash_token, new_token
from tests.factories import make_petition

pytestmark = pytest.mark.django_db(transaction=True)


def run_together(count, work):
    barrier = threading.Barrier(count)
    errors = []

    def worker(index):
        try:
            barrier.wait(timeout=30)
            work(index)
        except Exception as error:
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=worker, args=(index,)) for index in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not errors, errors


def test_fifty_signers_confirming_at_once_raise_the_count_by_exactly_fifty(postgres):
    petition = make_petition()
    tokens = []
    for index in range(50):
        token = new_token()
        Signature.objects.create(
            petition=petition,
            name=f"Signer {index}",
            email=f"s{index}@example.org",
            email_normalised=f"s{index}@example.org",
            country="GB",
            token_hash=token.hash,
        )
        tokens.append(token.token)

    run_together(50, lambda index: confirm_signature(token=tokens[index]))

    assert Petition.objects.get(pk=petition.pk).signature_count == 50
    assert Signature.objects.confirmed().count() == 50
    assert not [result for result in recount_signatures() if result.differs]


def test_the_same_confirmation_posted_at_once_counts_once(postgres):
    petition = make_petition()
    token = new_token()
    Signature.objects.create(
        petition=petition,
        name="Anna",
        email="anna@example.org",
        email_normalised="anna@example.org",
        country="GB",
        token_hash=token.hash,
    )
    run_together(10, lambda index: confirm_signature(token=token.token))
    assert Petition.objects.get(pk=petition.pk).signature_count == 1


def test_twenty_simultaneous_submissions_of_one_email_leave_one_row(postgres, settings):
    settings.SIGNATURE_RATE_LIMIT = None
    petition = make_petition()

    def submit(index):
        sign_petition(
            petition=petition,
            details=SignatureDetails(
                name="Anna Karenina",
                email=["anna@example.org", "Anna@Example.org", "anna+x@example.org"][index % 3],
                country="GB",
            ),
            ip=f"10.0.0.{index}",
        )

    run_together(20, submit)

    assert Signature.objects.filter(petition=petition).count() == 1
    signature = Signature.objects.get()
    assert signature.email_count == MAX_EMAILS_PER_SIGNATURE
    # Each resend replaces the link; an email whose link was replaced before it went out is
    # not sent, so fewer may arrive, but never more, and the current link is among them.
    assert 1 <= len(mail.outbox) <= MAX_EMAILS_PER_SIGNATURE
    tokens = [re.search(r"/confirm/([^/\s]+)/", email.body).group(1) for email in mail.outbox]
    assert signature.token_hash in {hash_token(token) for token in tokens}
    assert not [result for result in recount_signatures() if result.differs]
