"""The signer's emails as background tasks: what the queue keeps."""

import pytest
from django.core import mail
from django.core.management import call_command
from django_tasks_db.models import DBTaskResult

from petitions.models import Signature
from tests.factories import make_petition
from tests.petitions.helpers import DATABASE_TASKS, confirm_path, form_data, token_of

pytestmark = pytest.mark.django_db


def run_queued_tasks():
    call_command(
        "db_worker", "--batch", "--no-startup-delay", "--queue-name=confirmations", verbosity=0
    )


def test_the_task_queue_holds_nothing_that_confirms_or_withdraws_a_signature(client, settings):
    settings.TASKS = DATABASE_TASKS
    petition = make_petition()

    client.post(f"/petitions/{petition.slug}/sign/", form_data())
    queued = DBTaskResult.objects.get()
    assert mail.outbox == []
    run_queued_tasks()

    link = confirm_path()
    stored = str(queued.args_kwargs) + str(DBTaskResult.objects.get().args_kwargs)
    assert token_of(link) not in stored
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
