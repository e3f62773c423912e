"""The signer's emails as background tasks: what the queue keeps, and refusals by the
mail server."""

import logging
import smtplib
import traceback
from unittest import mock

import pytest
from django.core import mail
from django.core.mail import EmailMultiAlternatives
from django_tasks_db.models import DBTaskResult

from petitions.models import Signature
from petitions.tasks import send_signature_email
from petitions.tokens import new_token
from tests.factories import make_petition
from tests.petitions.helpers import DATABASE_TASKS, confirm_path, form_data, token_of

pytestmark = pytest.mark.django_db

ADDRESS = "anna@example.org"


def run_queued_tasks():
    """Run the queued tasks as db_worker does (the command itself closes the database
    connection, which holds the test's transaction)."""
    for queued in DBTaskResult.objects.ready():
        queued.task.call(*queued.task_result.args, **queued.task_result.kwargs)


def test_the_task_queue_holds_nothing_that_confirms_or_withdraws_a_signature(client, settings):
    settings.TASKS = DATABASE_TASKS
    petition = make_petition()

    client.post(f"/petitions/{petition.slug}/sign/", form_data())
    queued = DBTaskResult.objects.get()
    assert mail.outbox == []
    run_queued_tasks()

    link = confirm_path()
    assert token_of(link) not in str(queued.args_kwargs)
    assert client.post(link).status_code == 302
    assert Signature.objects.get().state == Signature.State.CONFIRMED


def test_a_link_queued_before_the_secret_key_was_rotated_still_goes_out_and_works(client, settings):
    settings.TASKS = DATABASE_TASKS
    petition = make_petition()
    client.post(f"/petitions/{petition.slug}/sign/", form_data())

    settings.SECRET_KEY_FALLBACKS = [settings.SECRET_KEY]
    settings.SECRET_KEY = "a-new-secret-key-for-the-rotation-in-this-test"
    run_queued_tasks()

    assert client.post(confirm_path()).status_code == 302
    assert Signature.objects.get().state == Signature.State.CONFIRMED


def pending_signature():
    token = new_token()
    signature = Signature.objects.create(
        petition=make_petition(), name="Anna", email=ADDRESS, email_normalised=ADDRESS,
        country="GB", token_hash=token.hash,
    )  # fmt: skip
    return signature, token.seed


def refused(error):
    return mock.patch.object(EmailMultiAlternatives, "send", side_effect=error)


PERMANENT_REFUSALS = {
    "SMTPRecipientsRefused 550": smtplib.SMTPRecipientsRefused(
        {ADDRESS: (550, f"5.1.1 <{ADDRESS}>: no such user".encode())}
    ),
    "SMTPDataError 554": smtplib.SMTPDataError(
        554, f"5.7.1 Message to <{ADDRESS}> rejected as spam".encode()
    ),
    "SMTPSenderRefused 553": smtplib.SMTPSenderRefused(
        553, b"5.7.1 Sender not allowed", "noreply@example.org"
    ),
}


@pytest.mark.parametrize(("reply", "error"), PERMANENT_REFUSALS.items())
def test_a_permanent_refusal_is_not_retried_and_its_address_stays_out_of_the_logs(
    settings, caplog, reply, error
):
    settings.TASKS = DATABASE_TASKS
    signature, seed = pending_signature()

    with caplog.at_level(logging.DEBUG), refused(error):
        send_signature_email.call(signature_id=signature.pk, kind="confirm", seed=seed)

    assert not DBTaskResult.objects.exists()
    assert f"signature {signature.pk} for good ({reply}); not retried" in caplog.text
    assert ADDRESS not in caplog.text


def test_a_refusal_while_signing_leaves_the_address_out_of_every_log(client, caplog):
    petition = make_petition()
    error = smtplib.SMTPRecipientsRefused({ADDRESS: (550, f"<{ADDRESS}> unknown".encode())})

    with caplog.at_level(logging.DEBUG), refused(error):
        response = client.post(f"/petitions/{petition.slug}/sign/", form_data())

    assert response.status_code == 302
    assert "SMTPRecipientsRefused 550" in caplog.text
    assert ADDRESS not in caplog.text


def test_a_temporary_refusal_is_retried_without_the_address_in_the_error(settings, caplog):
    settings.TASKS = DATABASE_TASKS
    signature, seed = pending_signature()
    greylisted = smtplib.SMTPRecipientsRefused({ADDRESS: (451, f"<{ADDRESS}> try later".encode())})

    with caplog.at_level(logging.DEBUG), refused(greylisted), pytest.raises(OSError) as raised:
        send_signature_email.call(signature_id=signature.pk, kind="confirm", seed=seed)

    retry = DBTaskResult.objects.get()
    assert retry.args_kwargs["kwargs"]["attempt"] == 2
    assert "451" in caplog.text
    recorded = "".join(traceback.format_exception(raised.value))
    assert "451" in recorded
    assert ADDRESS not in recorded + caplog.text


def test_tasks_get_ids_and_seeds_never_the_signer(client, settings):
    settings.TASKS = DATABASE_TASKS
    petition = make_petition()
    details = form_data(name="Anna Karenina", comment="Free them", city="Almaty")
    for _ in range(3):
        client.post(f"/petitions/{petition.slug}/sign/", details)
    run_queued_tasks()
    client.post(confirm_path())
    client.post(f"/petitions/{petition.slug}/sign/", details)
    run_queued_tasks()

    queued = list(DBTaskResult.objects.values("args_kwargs", "return_value", "traceback"))
    assert len(queued) == 4
    for task in queued:
        assert set(task["args_kwargs"]["kwargs"]) == {"signature_id", "kind", "seed"}
        for personal in (ADDRESS, "Anna", "Almaty", "Free them"):
            assert personal not in str(task)
