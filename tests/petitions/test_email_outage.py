"""The mail server refuses connections: signing still works, the email is retried later,
and resend_confirmations delivers a working link once mail is back."""

import logging
import socket

import pytest
from django.core import mail
from django.core.management import call_command
from django_tasks_db.models import DBTaskResult

from campaign.email_url import mailer_from_url
from petitions.models import Signature
from petitions.tasks import FIRST_RETRY_SECONDS, MAX_ATTEMPTS, send_signature_email
from petitions.tokens import new_token
from tests.factories import make_petition
from tests.petitions.helpers import DATABASE_TASKS, confirm_path, form_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def mail_server_down(settings):
    """An SMTP mailer pointing at a port nobody listens on: every send is refused."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    locmem = settings.MAILERS
    settings.MAILERS = {"default": mailer_from_url(f"smtp://127.0.0.1:{port}", timeout=2)}
    return lambda: setattr(settings, "MAILERS", locmem)


def test_signing_succeeds_while_mail_is_refused_and_resend_delivers_once_it_is_back(
    client, mail_server_down, caplog, django_capture_on_commit_callbacks
):
    petition = make_petition()

    with caplog.at_level(logging.WARNING, logger="petitions.tasks"):
        response = client.post(f"/petitions/{petition.slug}/sign/", form_data())

    assert response.status_code == 302
    assert response["Location"] == f"/petitions/{petition.slug}/check-your-email/"
    signature = Signature.objects.get(petition=petition)
    assert signature.state == Signature.State.PENDING
    assert mail.outbox == []
    assert "Could not send the confirm email" in caplog.text

    mail_server_down()  # …and it is back.
    with django_capture_on_commit_callbacks(execute=True):
        call_command("resend_confirmations", "--older-than-minutes=0")

    assert len(mail.outbox) == 1
    confirmed = client.post(confirm_path())
    assert confirmed.status_code == 302
    signature.refresh_from_db()
    assert signature.state == Signature.State.CONFIRMED


def test_with_the_database_queue_a_refused_email_is_queued_again_with_back_off(
    settings, mail_server_down
):
    settings.TASKS = DATABASE_TASKS
    petition = make_petition()
    token = new_token()
    signature = Signature.objects.create(
        petition=petition, name="A", email="a@example.org", email_normalised="a@example.org",
        country="GB", token_hash=token.hash,
    )  # fmt: skip

    for attempt in (1, 2):
        with pytest.raises(OSError):
            send_signature_email.call(
                signature_id=signature.pk, kind="confirm", seed=token.seed, attempt=attempt
            )

    retries = list(DBTaskResult.objects.order_by("enqueued_at"))
    assert [retry.args_kwargs["kwargs"]["attempt"] for retry in retries] == [2, 3]
    delays = [(retry.run_after - retry.enqueued_at).total_seconds() for retry in retries]
    assert delays[0] == pytest.approx(FIRST_RETRY_SECONDS, abs=5)
    assert delays[1] == pytest.approx(2 * FIRST_RETRY_SECONDS, abs=5)
    assert {retry.queue_name for retry in retries} == {"confirmations"}


def test_the_last_attempt_gives_up_without_queueing_more(settings, mail_server_down):
    settings.TASKS = DATABASE_TASKS
    token = new_token()
    signature = Signature.objects.create(
        petition=make_petition(), name="A", email="a@example.org",
        email_normalised="a@example.org", country="GB", token_hash=token.hash,
    )  # fmt: skip

    with pytest.raises(OSError):
        send_signature_email.call(
            signature_id=signature.pk, kind="confirm", seed=token.seed, attempt=MAX_ATTEMPTS
        )

    assert not DBTaskResult.objects.exists()


def test_a_retry_whose_link_was_replaced_by_a_resend_sends_nothing(mailoutbox):
    signature = Signature.objects.create(
        petition=make_petition(), name="A", email="a@example.org",
        email_normalised="a@example.org", country="GB", token_hash=new_token().hash,
    )  # fmt: skip

    send_signature_email.call(signature_id=signature.pk, kind="confirm", seed=new_token().seed)

    assert mailoutbox == []
