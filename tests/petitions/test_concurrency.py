"""Counts and uniqueness under real concurrency: real threads, each with its own Postgres
connection, released together by a barrier."""

import contextlib
import re
import threading
import time
import uuid
from pathlib import Path

import pytest
from django.core import mail
from django.db import DataError, connection

from petitions.models import Petition, Signature
from petitions.retention import recount_signatures
from petitions.services import (
    MAX_EMAILS_PER_SIGNATURE,
    SignatureDetails,
    confirm_signature,
    sign_petition,
)
from petitions.tokens import hash_token, new_token
from tests.conftest import CI_REQUIRES_EVERYTHING
from tests.factories import make_petition
from tests.petitions.helpers import record_database_errors

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


def postgres_log_path() -> Path:
    """The server's log file: the collector's when it runs, else Debian's stderr log."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_current_logfile(), current_setting('server_version_num')")
        current, version = cursor.fetchone()
        if current:
            cursor.execute("SELECT current_setting('data_directory')")
            return Path(cursor.fetchone()[0]) / current
    return Path(f"/var/log/postgresql/postgresql-{int(version) // 10000}-main.log")


class PostgresLog:
    """What the server logs from now on, proven to be the right file by an error of our own."""

    def __init__(self):
        self.path = postgres_log_path()
        try:
            self.start = self.path.stat().st_size
            self.path.open("rb").close()
        except OSError as error:
            message = f"cannot read PostgreSQL's log at {self.path} ({error.strerror})"
            if CI_REQUIRES_EVERYTHING:
                pytest.fail(message)
            pytest.skip(message)

    def text(self) -> str:
        with self.path.open("rb") as log:
            log.seek(self.start)
            return log.read().decode(errors="replace")

    def assert_it_is_the_servers(self):
        marker = f"log-probe-{uuid.uuid4().hex}"
        with contextlib.suppress(DataError), connection.cursor() as cursor:
            cursor.execute(f"SELECT '{marker}'::integer")
        for _ in range(50):
            if marker in self.text():
                return
            time.sleep(0.1)
        pytest.fail(f"{self.path} is not where this PostgreSQL server logs its errors")


def test_signing_again_leaves_no_address_in_the_postgres_log(postgres, settings):
    settings.SIGNATURE_RATE_LIMIT = None
    with connection.cursor() as cursor:
        cursor.execute("SHOW log_min_error_statement")
        assert cursor.fetchone()[0] in {"error", "warning", "notice", "info", "debug1"}
    log = PostgresLog()
    petition = make_petition()
    address = f"anna-{uuid.uuid4().hex[:12]}@example.org"
    errors = []

    def submit(index):
        with connection.execute_wrapper(record_database_errors(errors)):
            sign_petition(
                petition=petition,
                details=SignatureDetails(name="Anna Karenina", email=address, country="GB"),
                ip=f"10.0.0.{index}",
            )

    submit(0)
    submit(1)
    run_together(20, submit)

    assert Signature.objects.filter(petition=petition).count() == 1
    assert not errors
    log.assert_it_is_the_servers()
    assert address not in log.text()
