from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone

from petitions.models import Petition, Signature, SignatureCountSlot
from tests.factories import make_petition, make_signature
from tests.petitions.helpers import confirm_path

pytestmark = pytest.mark.django_db


def run(*args) -> str:
    out = StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


def days_ago(days):
    return timezone.now() - timezone.timedelta(days=days)


def test_recount_repairs_and_reports_a_drifted_count():
    petition = make_petition(slug="drifted")
    for _ in range(3):
        make_signature(petition=petition)
    SignatureCountSlot.objects.filter(petition=petition, slot=5).update(count=42)
    output = run("recount_signatures")
    assert "drifted" in output and "repaired" in output
    assert Petition.objects.get(pk=petition.pk).signature_count == 3
    assert "0 repaired" in run("recount_signatures")


def test_recount_check_changes_nothing_and_fails():
    petition = make_petition()
    make_signature(petition=petition)
    SignatureCountSlot.objects.filter(petition=petition).update(count=0)
    with pytest.raises(SystemExit) as exit_info:
        run("recount_signatures", "--check")
    assert exit_info.value.code == 1
    assert petition.signature_count == 0


def test_resend_confirmations_requeues_pending_signatures_with_working_links(
    client, django_capture_on_commit_callbacks
):
    petition = make_petition()
    pending = make_signature(
        petition=petition, state=Signature.State.PENDING, created_at=days_ago(1)
    )
    make_signature(petition=petition, created_at=days_ago(1))
    capped = make_signature(
        petition=petition, state=Signature.State.PENDING, created_at=days_ago(1), email_count=5
    )
    with django_capture_on_commit_callbacks(execute=True):
        assert "Queued 1" in run("resend_confirmations")
    assert [m.to for m in mail.outbox] == [[pending.email]]
    client.post(confirm_path())
    assert petition.signature_count == 2
    assert Signature.objects.get(pk=capped.pk).state == "pending"


@pytest.mark.parametrize("command", ["purge_unconfirmed", "anonymise_signatures"])
def test_retention_commands_refuse_a_negative_number_of_days(command):
    make_signature(state=Signature.State.PENDING)

    with pytest.raises(CommandError, match="--days must be 0 or more"):
        run(command, "--days", "-1")

    assert Signature.objects.count() == 1


def test_resend_confirmations_can_be_limited_to_one_petition(django_capture_on_commit_callbacks):
    wanted = make_petition()
    make_signature(petition=wanted, state=Signature.State.PENDING, email="a@example.org")
    make_signature(state=Signature.State.PENDING, email="b@example.org")

    with django_capture_on_commit_callbacks(execute=True):
        output = run("resend_confirmations", "--older-than-minutes", "0", "--petition", wanted.slug)

    assert "Queued 1 confirmation emails." in output
    assert [message.to for message in mail.outbox] == [["a@example.org"]]


def test_the_retention_commands_say_how_many_signatures_they_changed():
    closed = make_petition(status=Petition.Status.CLOSED)
    make_signature(petition=closed)
    make_signature(state=Signature.State.PENDING, created_at=days_ago(30))

    assert "Anonymised 1 signatures." in run("anonymise_signatures", "--days", "30")
    assert "Deleted 1 unconfirmed signatures." in run("purge_unconfirmed", "--days", "14")
