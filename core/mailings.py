"""Mailings: what apps and the admin call to write to people, and to stop writing to them.

An app declares who can be written to (``mailing_audiences`` on its AppConfig, see
``core.registry``); ``create_mailing`` writes a mailing to one of them; the task in
``core.mailing_tasks`` sends it. Unsubscribing and undeliverable addresses are kept only as
the hash of the address (``core.emails.address_hash``) and are honoured by every later
mailing of their scope: "all", or one audience and subject ("<audience>:<scope_id>").
"""

import logging
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from itertools import islice

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone

from core import registry
from core.emails import address_hash
from core.mailing_models import (
    UNSUBSCRIBE_ALL,
    Delivery,
    InvalidMailingTransition,
    Mailing,
    MailingMessage,
    Suppression,
    mailing_scope,
)
from core.mailing_tasks import queue_mailing, render_email
from core.unsubscribe import UnsubscribeLink

logger = logging.getLogger(__name__)

__all__ = [
    "UNSUBSCRIBE_ALL",
    "Recipient",
    "cancel_mailing",
    "create_mailing",
    "is_suppressed",
    "mailing_scope",
    "pause_mailing",
    "purge_deliveries",
    "resume_stalled_mailings",
    "send_test",
    "start_mailing",
    "unsubscribe",
    "without_suppressed",
]


@dataclass(frozen=True)
class Recipient:
    email: str  # as the person typed it; never logged
    language: str  # "en" | "ru" | "kk": the language they signed or followed in
    name: str = ""  # for the greeting; may be empty


def create_mailing(
    *,
    audience: str,
    scope_id: int | None,
    messages: dict[str, tuple[str, str]],
    created_by=None,
    send: bool = False,
) -> Mailing:
    """A mailing to ``audience`` (about ``scope_id``) with one (subject, plain-text body) per
    language; with ``send`` it starts going out through the task queue once committed."""
    registry.mailing_audience(audience)  # LookupError for an audience no app declares
    if not messages:
        raise ValueError("A mailing needs a message in at least one language")
    with transaction.atomic():
        mailing = Mailing.objects.create(
            audience=audience, scope_id=scope_id, created_by=created_by
        )
        MailingMessage.objects.bulk_create(
            MailingMessage(mailing=mailing, language=language, subject=subject, body=body)
            for language, (subject, body) in messages.items()
        )
        if send:
            start_mailing(mailing=mailing)
    return mailing


def start_mailing(*, mailing: Mailing) -> None:
    """Send a draft, or resume a paused mailing (``InvalidMailingTransition`` otherwise, and
    for a mailing with nothing to send)."""
    if not mailing.messages.exists():
        raise InvalidMailingTransition(f"mailing {mailing.pk} has no message")
    with transaction.atomic():
        mailing.start()
        mailing.save(update_fields=["status", "started_at"])
        transaction.on_commit(lambda: queue_mailing(mailing_id=mailing.pk))
    logger.info("Mailing %s started", mailing.pk)


def pause_mailing(*, mailing: Mailing) -> None:
    """Stop sending after the email going out now; ``start_mailing`` resumes."""
    mailing.pause()
    mailing.save(update_fields=["status"])
    logger.info("Mailing %s paused", mailing.pk)


def cancel_mailing(*, mailing: Mailing) -> None:
    """Stop for good: nobody not yet written to gets it, and their addresses are dropped."""
    with transaction.atomic():
        mailing.cancel()
        mailing.save(update_fields=["status", "finished_at"])
        mailing.deliveries.filter(status=Delivery.Status.PENDING).update(
            status=Delivery.Status.CANCELLED, email="", name="", finished_at=timezone.now()
        )
        mailing.results = mailing.deliveries.progress()
        mailing.save(update_fields=["results"])
    logger.info("Mailing %s cancelled", mailing.pk)


def send_test(*, mailing: Mailing, email: str, name: str = "") -> int:
    """Send each language's message to ``email`` (a moderator's own address) exactly as a
    recipient gets it, subject marked as a test. Returns how many were sent."""
    messages = list(mailing.messages.all())
    for message in messages:
        test = render_email(
            mailing=mailing, message=message, email=email, name=name, language=message.language
        )
        test.subject = f"[TEST {message.language}] {test.subject}"
        test.send()
    logger.info("Mailing %s: test sent (%s languages)", mailing.pk, len(messages))
    return len(messages)


def unsubscribe(*, link: UnsubscribeLink, scope: str) -> None:
    """Record that the address of ``link`` gets no more mailings of ``scope`` (``link.scope``
    or "all"), with the time. Doing it again changes nothing."""
    mailing_id = link.mailing_id
    if mailing_id is not None and not Mailing.objects.filter(pk=mailing_id).exists():
        mailing_id = None
    try:
        with transaction.atomic():
            _, created = Suppression.objects.get_or_create(
                address_hash=link.address_hash,
                scope=scope,
                defaults={"reason": Suppression.Reason.UNSUBSCRIBED, "mailing_id": mailing_id},
            )
    except IntegrityError:
        # The same click twice at once: the other request recorded it.
        created = False
    if created:
        logger.info("Unsubscribed from %s (mailing %s)", scope, mailing_id)


def is_suppressed(email: str, *, scope: str = UNSUBSCRIBE_ALL) -> bool:
    return Suppression.objects.for_scope(scope).filter(address_hash=address_hash(email)).exists()


def without_suppressed[T](
    rows: Iterable[T], *, email_of, scope: str = UNSUBSCRIBE_ALL, chunk: int = 1000
) -> Iterator[T]:
    """``rows`` without those whose address (``email_of(row)``) must get no mailing of
    ``scope``: one query per ``chunk`` rows, so an export of any size streams."""
    iterator = iter(rows)
    while batch := list(islice(iterator, chunk)):
        hashes = {id(row): address_hash(email_of(row)) for row in batch}
        suppressed = set(
            Suppression.objects.for_scope(scope)
            .filter(address_hash__in=set(hashes.values()))
            .values_list("address_hash", flat=True)
        )
        yield from (row for row in batch if hashes[id(row)] not in suppressed)


def purge_deliveries(*, days: int) -> int:
    """Delete the delivery rows (an address hash and a status each) of mailings finished
    more than ``days`` ago; each mailing keeps its counts in ``results``. Returns how many
    rows were deleted. Suppressions stay: they are what honours an unsubscribe."""
    cutoff = timezone.now() - timezone.timedelta(days=days)
    deleted = 0
    finished = Mailing.objects.filter(
        status__in=[Mailing.Status.SENT, Mailing.Status.CANCELLED], finished_at__lt=cutoff
    )
    for mailing in finished.filter(deliveries__isnull=False).distinct().order_by("pk"):
        with transaction.atomic():
            if not mailing.results:
                mailing.results = mailing.deliveries.progress()
                mailing.save(update_fields=["results"])
            count, _ = mailing.deliveries.all().delete()
        deleted += count
    return deleted


def resume_stalled_mailings() -> int:
    """Queue every sending mailing whose worker's lease has lapsed; returns how many."""
    now = timezone.now()
    stalled = list(
        Mailing.objects.filter(status=Mailing.Status.SENDING)
        .filter(Q(lease_until__isnull=True) | Q(lease_until__lt=now))
        .values_list("pk", flat=True)
    )
    for mailing_id in stalled:
        queue_mailing(mailing_id=mailing_id)
    return len(stalled)
