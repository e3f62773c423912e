"""Sending a mailing through the task queue: resumable without second copies, at the
configured rate, refusals handled, pause and cancel honoured, nobody named in the logs."""

import io
import logging
import smtplib
import socket
from collections import Counter

import pytest
from django.core.mail.backends.base import BaseEmailBackend
from django.core.management import call_command
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from core import mailing_tasks
from core.mailing_models import Delivery, Mailing, Suppression
from core.mailing_tasks import send_mailing
from core.mailings import create_mailing, is_suppressed, pause_mailing, start_mailing
from petitions.models import Signature
from tests.factories import make_petition, make_signature

pytestmark = pytest.mark.django_db

MESSAGES = {"en": ("News", "Text."), "ru": ("Новости", "Текст."), "kk": ("Жаңалық", "Мәтін.")}
DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}


class WorkerKilled(Exception):
    """Stands for the worker process dying in the middle of a send."""


class RecordingBackend(BaseEmailBackend):
    """Records each email with the (fake) time it went out; dies, or refuses, when told."""

    sent: list = []
    kill_after: int | None = None
    refusals: dict = {}

    def send_messages(self, email_messages):
        for message in email_messages:
            address = message.to[0]
            if self.kill_after is not None and len(self.sent) >= self.kill_after:
                raise WorkerKilled
            if address in self.refusals:
                raise self.refusals[address]
            RecordingBackend.sent.append((address, mailing_tasks._clock()))
        return len(email_messages)


@pytest.fixture(autouse=True)
def recording_mailer(settings):
    settings.MAILERS = {"default": {"BACKEND": f"{__name__}.RecordingBackend"}}
    RecordingBackend.sent = []
    RecordingBackend.kill_after = None
    RecordingBackend.refusals = {}
    return RecordingBackend


@pytest.fixture
def fake_clock(monkeypatch):
    """Time that passes only when the rate limit waits, so the test takes no real seconds."""
    now = [1_800_000_000.0]
    monkeypatch.setattr(mailing_tasks, "_clock", lambda: now[0])
    monkeypatch.setattr(
        mailing_tasks, "_sleep", lambda seconds: now.__setitem__(0, now[0] + seconds)
    )
    return now


def signers(petition, count):
    Signature.objects.bulk_create(
        Signature(
            petition=petition, name=f"Signer {n}", email=f"signer{n}@example.org",
            email_normalised=f"signer{n}@example.org", country="GB", state="confirmed",
            confirmed_at=timezone.now(), language=("en", "ru", "kk")[n % 3],
        )
        for n in range(count)
    )  # fmt: skip


def draft_to_signers(petition):
    return create_mailing(audience="petitions.signers", scope_id=petition.pk, messages=MESSAGES)


def start(mailing):
    """Start sending with the database queue, then return: the test plays the worker."""
    start_mailing(mailing=mailing)
    mailing.refresh_from_db()


@pytest.mark.slow
def test_a_mailing_killed_half_way_resumes_and_nobody_gets_a_second_copy(
    settings, fake_clock, recording_mailer
):
    settings.TASKS = DATABASE_TASKS
    settings.MAILING_RATE = (100, 1)
    petition = make_petition()
    signers(petition, 5000)
    mailing = draft_to_signers(petition)
    start(mailing)
    recording_mailer.kill_after = 2500

    with pytest.raises(WorkerKilled):
        send_mailing.call(mailing_id=mailing.pk)
    assert len(recording_mailer.sent) == 2500
    recording_mailer.kill_after = None
    send_mailing.call(mailing_id=mailing.pk)

    received = Counter(address for address, _when in recording_mailer.sent)
    assert max(received.values()) == 1
    # The one being sent when the worker died may have gone out: it is not sent again.
    assert len(received) == 4999
    assert Delivery.objects.filter(mailing=mailing).count() == 5000
    assert Delivery.objects.values("address_hash").distinct().count() == 5000
    progress = mailing.deliveries.progress()
    assert (progress["sent"], progress["failed"]) == (4999, 1)
    mailing.refresh_from_db()
    assert mailing.status == Mailing.Status.SENT
    assert not Delivery.objects.exclude(email="").exists()
    per_second = Counter(int(when) for _address, when in recording_mailer.sent)
    assert max(per_second.values()) <= 100
    assert fake_clock[0] - 1_800_000_000 >= 4999 / 100 - 1


def test_the_rate_limit_is_shared_by_every_worker_through_the_cache(settings, fake_clock):
    settings.MAILING_RATE = (3, 1)
    for _ in range(3):
        mailing_tasks.wait_for_turn()
    before = fake_clock[0]

    mailing_tasks.wait_for_turn()

    assert int(fake_clock[0]) == int(before) + 1


def test_without_the_cache_each_worker_still_keeps_to_the_rate(settings, fake_clock):
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        nobody_listens = probe.getsockname()[1]
    settings.CACHES = {
        **settings.CACHES,
        "ratelimit": {
            "BACKEND": "core.cache.CampaignRedisCache",
            "LOCATION": f"redis://127.0.0.1:{nobody_listens}/0",
        },
    }
    settings.MAILING_RATE = (2, 1)
    for _ in range(2):
        mailing_tasks.wait_for_turn()
    before = fake_clock[0]

    mailing_tasks.wait_for_turn()

    assert int(fake_clock[0]) == int(before) + 1


def test_the_task_gets_the_mailings_id_and_never_an_address(
    settings, django_capture_on_commit_callbacks
):
    settings.TASKS = DATABASE_TASKS
    petition = make_petition()
    make_signature(petition=petition, email="anna@example.org")

    with django_capture_on_commit_callbacks(execute=True):
        start(draft_to_signers(petition))

    queued = DBTaskResult.objects.get()
    assert "anna" not in str(queued.args_kwargs)
    assert list(queued.args_kwargs["kwargs"]) == ["mailing_id"]


def test_a_permanent_refusal_marks_the_address_undeliverable_for_every_later_mailing(
    settings, recording_mailer, caplog
):
    settings.TASKS = DATABASE_TASKS
    petition = make_petition()
    make_signature(petition=petition, email="gone@example.org")
    make_signature(petition=petition, email="ben@example.org")
    recording_mailer.refusals = {
        "gone@example.org": smtplib.SMTPRecipientsRefused(
            {"gone@example.org": (550, b"5.1.1 <gone@example.org> no such user")}
        )
    }
    mailing = draft_to_signers(petition)
    start(mailing)

    with caplog.at_level(logging.DEBUG):
        send_mailing.call(mailing_id=mailing.pk)

    assert [address for address, _ in recording_mailer.sent] == ["ben@example.org"]
    assert mailing.deliveries.progress()["bounced"] == 1
    assert is_suppressed("gone@example.org")
    assert Suppression.objects.get().reason == Suppression.Reason.UNDELIVERABLE
    assert "refused for good (SMTPRecipientsRefused 550)" in caplog.text
    assert "gone@" not in caplog.text and "ben@" not in caplog.text
    mailing.refresh_from_db()
    assert mailing.status == Mailing.Status.SENT


def test_a_temporary_refusal_is_retried_later_with_a_growing_delay(settings, recording_mailer):
    settings.TASKS = DATABASE_TASKS
    petition = make_petition()
    make_signature(petition=petition, email="busy@example.org")
    recording_mailer.refusals = {
        "busy@example.org": smtplib.SMTPRecipientsRefused(
            {"busy@example.org": (451, b"4.7.1 try later")}
        )
    }
    mailing = draft_to_signers(petition)
    start(mailing)
    DBTaskResult.objects.all().delete()

    send_mailing.call(mailing_id=mailing.pk)
    delivery = mailing.deliveries.get()
    first_wait = delivery.next_attempt_at - timezone.now()
    Delivery.objects.filter(pk=delivery.pk).update(next_attempt_at=timezone.now())
    DBTaskResult.objects.all().delete()
    send_mailing.call(mailing_id=mailing.pk)
    delivery.refresh_from_db()
    second_wait = delivery.next_attempt_at - timezone.now()

    assert delivery.status == Delivery.Status.PENDING
    assert (delivery.attempts, delivery.reply_code) == (2, 451)
    assert timezone.timedelta(seconds=50) < first_wait < timezone.timedelta(seconds=61)
    assert second_wait > first_wait * 1.8
    retry = DBTaskResult.objects.get()
    assert retry.run_after >= delivery.next_attempt_at - timezone.timedelta(seconds=1)
    recording_mailer.refusals = {}
    Delivery.objects.filter(pk=delivery.pk).update(next_attempt_at=timezone.now())
    send_mailing.call(mailing_id=mailing.pk)
    assert [address for address, _ in recording_mailer.sent] == ["busy@example.org"]


def test_a_paused_mailing_stops_and_resumes_where_it_stopped(settings, recording_mailer):
    settings.TASKS = DATABASE_TASKS
    petition = make_petition()
    signers(petition, 120)
    mailing = draft_to_signers(petition)
    start(mailing)
    pause_mailing(mailing=mailing)

    send_mailing.call(mailing_id=mailing.pk)
    assert recording_mailer.sent == []
    mailing.refresh_from_db()
    start_mailing(mailing=mailing)
    send_mailing.call(mailing_id=mailing.pk)

    assert len({address for address, _ in recording_mailer.sent}) == 120
    assert len(recording_mailer.sent) == 120


def test_a_second_worker_leaves_a_mailing_another_is_sending(settings, recording_mailer):
    settings.TASKS = DATABASE_TASKS
    petition = make_petition()
    make_signature(petition=petition)
    mailing = draft_to_signers(petition)
    start(mailing)
    Mailing.objects.filter(pk=mailing.pk).update(
        lease_until=timezone.now() + timezone.timedelta(minutes=1)
    )

    send_mailing.call(mailing_id=mailing.pk)

    assert recording_mailer.sent == []
    assert not mailing.deliveries.exists()


@pytest.mark.parametrize("language", ["en", "ru", "kk"])
def test_the_email_is_rendered_in_the_recipients_language_with_a_translated_footer(
    settings, recording_mailer, language, mailoutbox
):
    settings.MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
    settings.TASKS = DATABASE_TASKS
    petition = make_petition()
    make_signature(petition=petition, email="anna@example.org", language=language, name="Anna")
    mailing = draft_to_signers(petition)
    start(mailing)

    send_mailing.call(mailing_id=mailing.pk)

    (email,) = mailoutbox
    footer = {
        "en": "To stop these emails, open this link:",
        "ru": "Чтобы больше не получать эти письма, откройте ссылку:",
        "kk": "Бұл хаттарды енді алмау үшін мына сілтемені ашыңыз:",
    }[language]
    assert email.subject == MESSAGES[language][0]
    assert MESSAGES[language][1] in email.body
    assert footer in email.body
    prefix = "" if language == "en" else f"/{language}"
    assert f"http://testserver{prefix}/unsubscribe/" in email.body


def test_purging_deletes_old_deliveries_and_the_mailing_keeps_its_counts(settings):
    settings.TASKS = DATABASE_TASKS
    petition = make_petition()
    signers(petition, 3)
    old, recent = draft_to_signers(petition), draft_to_signers(petition)
    for mailing in (old, recent):
        start(mailing)
        send_mailing.call(mailing_id=mailing.pk)
    long_ago = timezone.now() - timezone.timedelta(days=91)
    Mailing.objects.filter(pk=old.pk).update(finished_at=long_ago)
    out = io.StringIO()

    call_command("purge_deliveries", days=90, stdout=out)

    assert "Deleted 3 mailing deliveries." in out.getvalue()
    assert not old.deliveries.exists()
    assert recent.deliveries.count() == 3
    old.refresh_from_db()
    assert old.results["sent"] == 3


def test_a_mailing_whose_worker_died_is_queued_again_and_one_a_worker_holds_is_not(settings):
    settings.TASKS = DATABASE_TASKS
    petition = make_petition()
    stalled, held = draft_to_signers(petition), draft_to_signers(petition)
    for mailing in (stalled, held):
        start(mailing)
    Mailing.objects.filter(pk=stalled.pk).update(
        lease_until=timezone.now() - timezone.timedelta(seconds=1)
    )
    Mailing.objects.filter(pk=held.pk).update(
        lease_until=timezone.now() + timezone.timedelta(minutes=1)
    )

    call_command("send_mailings", stdout=io.StringIO())

    queued = [task.args_kwargs["kwargs"]["mailing_id"] for task in DBTaskResult.objects.all()]
    assert queued == [stalled.pk]
