"""Sending a mailing: the background task and what it needs (the email, the rate limit).

The task gets the mailing's id, never an address. A run:

1. takes the mailing's lease (one worker per mailing; one that died lets it lapse);
2. lists the recipients once, one ``Delivery`` row each (unique per address, so listing
   again after a crash adds nobody twice);
3. marks what a dead worker left "being sent" as failed: it may have gone out, and nobody
   gets a second copy;
4. sends the due deliveries one by one at ``MAILING_RATE`` (shared by every worker through
   the cache), each claimed before it goes out and marked after; between batches it
   re-reads the mailing, so a pause or a cancel stops it within a batch;
5. finishes the mailing, or queues itself again: after ``RUN_SECONDS`` (so one mailing does
   not hold a worker for hours) or when the next retry is due.

A permanent refusal (5xx) marks the address undeliverable for every later mailing; a
temporary one retries with a doubling delay; a mail server that cannot be reached pauses
the whole run until the next try. Logs name mailings and deliveries by id, and a refusal by
its reply code, never by the server's words (they quote the address).
"""

import logging
import time
from itertools import islice

from django.conf import settings
from django.core import mail
from django.core.cache import caches
from django.db import transaction
from django.db.models import F, Min, Q
from django.tasks import task
from django.template.loader import render_to_string
from django.utils import timezone, translation

from core import registry
from core.cache import CacheUnavailable
from core.emails import MESSAGE_REFUSALS, address_hash, smtp_reply_code
from core.languages import site_name
from core.mailing_models import (
    UNSUBSCRIBE_ALL,
    Delivery,
    Mailing,
    MailingMessage,
    Suppression,
)
from core.unsubscribe import UnsubscribeLink, make_token, one_click_url, page_url

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 5
# Doubles each time: 1, 2, 4 and 8 minutes.
FIRST_RETRY_SECONDS = 60
# When the mail server cannot be reached at all, the whole run waits this long.
OUTAGE_RETRY_SECONDS = 120
LEASE_SECONDS = 120
RUN_SECONDS = 240
BATCH_SIZE = 50
LISTING_CHUNK = 1000


# The clock and the sleep of the rate limit, replaced in tests.
def _clock() -> float:
    return time.time()


def _sleep(seconds: float) -> None:
    time.sleep(seconds)


_local_windows: dict[int, int] = {}


def wait_for_turn() -> None:
    """Wait until ``MAILING_RATE`` allows one more email. The count of the current window
    is in the rate-limit cache, so every worker shares it; without the cache each worker
    counts for itself (slower to be exact, never stopped)."""
    rate = settings.MAILING_RATE
    if rate is None:
        return
    emails, seconds = rate
    while True:
        now = _clock()
        window = int(now // seconds)
        key = f"mailing-rate:{window}"
        cache = caches["ratelimit"]
        try:
            cache.add(key, 0, timeout=seconds + 5)
            sent = cache.incr(key)
        except (CacheUnavailable, ValueError):  # ValueError: the key was evicted.
            if window not in _local_windows:
                _local_windows.clear()
            _local_windows[window] = _local_windows.get(window, 0) + 1
            sent = _local_windows[window]
        if sent <= emails:
            return
        _sleep((window + 1) * seconds - now)


def render_email(
    *, mailing: Mailing, message: MailingMessage, email: str, name: str, language: str
) -> mail.EmailMultiAlternatives:
    """The email as its recipient gets it: greeting, text, why they get it, and a personal
    unsubscribe link, also in the RFC 8058 headers for the mail client's button."""
    link = UnsubscribeLink(
        address_hash=address_hash(email), scope=mailing.scope, mailing_id=mailing.pk
    )
    token = make_token(link)
    with translation.override(language):
        context = {
            "name": name,
            "subject": message.subject,
            "body": message.body.strip(),
            "language": language,
            "unsubscribe_url": page_url(token, language),
            "site_name": site_name(),
            "site_url": settings.SITE_URL,
        }
        text = render_to_string("core/email/mailing.txt", context)
        # The same words as simple HTML (paragraphs, links): no images, no tracking.
        html = render_to_string("core/email/mailing.html", context)
    email = mail.EmailMultiAlternatives(
        subject=message.subject,
        body=text,
        to=[email],
        headers={
            "List-Unsubscribe": f"<{one_click_url(token)}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
            "Precedence": "bulk",
        },
    )
    email.attach_alternative(html, "text/html")
    return email


@task()
def send_mailing(*, mailing_id: int) -> None:
    if not _take_lease(mailing_id):
        return
    run_again_at = None
    try:
        run_again_at = _run(mailing_id)
    finally:
        Mailing.objects.filter(pk=mailing_id).update(lease_until=None)
    if run_again_at is not None:
        queue_mailing(mailing_id=mailing_id, at=run_again_at)


def queue_mailing(*, mailing_id: int, at=None) -> None:
    """Queue a run of the mailing, now or at ``at`` if the task backend can wait (the
    immediate one of development cannot: ``manage.py send_mailings`` picks it up later)."""
    if at is None or at <= timezone.now():
        send_mailing.enqueue(mailing_id=mailing_id)
    elif send_mailing.get_backend().supports_defer:
        send_mailing.using(run_after=at).enqueue(mailing_id=mailing_id)


def _take_lease(mailing_id: int) -> bool:
    now = timezone.now()
    return bool(
        Mailing.objects.filter(pk=mailing_id, status=Mailing.Status.SENDING)
        .filter(Q(lease_until__isnull=True) | Q(lease_until__lt=now))
        .update(lease_until=now + timezone.timedelta(seconds=LEASE_SECONDS))
    )


def _run(mailing_id: int):
    """Send what is due; return when to run again, or None."""
    mailing = Mailing.objects.get(pk=mailing_id)
    if mailing.recipients_listed_at is None:
        _list_recipients(mailing)
    interrupted = mailing.deliveries.filter(status=Delivery.Status.SENDING).update(
        status=Delivery.Status.FAILED, email="", name="", finished_at=timezone.now()
    )
    if interrupted:
        logger.warning(
            "Mailing %s: %s deliveries were interrupted while being sent; not sent again",
            mailing_id,
            interrupted,
        )
    messages = {message.language: message for message in mailing.messages.all()}
    started = time.monotonic()
    # One connection to the mail server for the whole run, not one per email.
    with mail.mailers.default as mailer:
        while True:
            status = Mailing.objects.filter(pk=mailing_id).values_list("status", flat=True).first()
            if status != Mailing.Status.SENDING:
                logger.info("Mailing %s stopped: %s", mailing_id, status)
                return None
            batch = list(
                mailing.deliveries.due(timezone.now())
                .order_by("pk")
                .only("email", "name", "language", "address_hash", "attempts")[:BATCH_SIZE]
            )
            if not batch:
                break
            outage = _send_batch(mailing, batch, messages, mailer)
            if outage is not None:
                return outage
            if time.monotonic() - started > RUN_SECONDS:
                return timezone.now()
            Mailing.objects.filter(pk=mailing_id).update(
                lease_until=timezone.now() + timezone.timedelta(seconds=LEASE_SECONDS)
            )
    return _finish_or_wait(mailing)


def _list_recipients(mailing: Mailing) -> None:
    recipients = registry.mailing_audience(mailing.audience)(scope_id=mailing.scope_id)
    listed = 0
    iterator = iter(recipients)
    while chunk := list(islice(iterator, LISTING_CHUNK)):
        rows = {}
        for recipient in chunk:
            if not recipient.email:
                continue
            digest = address_hash(recipient.email)
            # The first wins: an audience lists the language a person used last first.
            rows.setdefault(
                digest,
                Delivery(
                    mailing=mailing,
                    email=recipient.email,
                    name=recipient.name[:100],
                    address_hash=digest,
                    language=recipient.language,
                ),
            )
        Delivery.objects.bulk_create(rows.values(), ignore_conflicts=True)
        listed += len(rows)
    mailing.recipients_listed_at = timezone.now()
    mailing.save(update_fields=["recipients_listed_at"])
    logger.info("Mailing %s: %s recipients listed", mailing.pk, listed)


def _send_batch(mailing, batch, messages, mailer):
    """Send a batch; return when to run again if the mail server could not be reached."""
    suppressed = set(
        Suppression.objects.for_scope(mailing.scope)
        .filter(address_hash__in=[delivery.address_hash for delivery in batch])
        .values_list("address_hash", flat=True)
    )
    for delivery in batch:
        if delivery.address_hash in suppressed:
            _finish_delivery(delivery, Delivery.Status.SKIPPED)
            continue
        wait_for_turn()
        claimed = Delivery.objects.filter(pk=delivery.pk, status=Delivery.Status.PENDING).update(
            status=Delivery.Status.SENDING, attempts=F("attempts") + 1
        )
        if not claimed:
            continue
        message = (
            messages.get(delivery.language)
            or messages.get(settings.LANGUAGE_CODE)
            or next(iter(messages.values()))
        )
        email = render_email(
            mailing=mailing,
            message=message,
            email=delivery.email,
            name=delivery.name,
            language=delivery.language if delivery.language in messages else message.language,
        )
        try:
            mailer.send_messages([email])
        except OSError as error:  # smtplib's errors included: refused, timed out, dropped.
            outage = _refused(mailing, delivery, error)
            if outage is not None:
                return outage
            continue
        _finish_delivery(delivery, Delivery.Status.SENT)
    return None


def _finish_delivery(delivery: Delivery, status: str, reply_code: int | None = None) -> None:
    Delivery.objects.filter(pk=delivery.pk).update(
        status=status, email="", name="", finished_at=timezone.now(), reply_code=reply_code
    )


def _refused(mailing: Mailing, delivery: Delivery, error: OSError):
    code = smtp_reply_code(error)
    attempt = delivery.attempts + 1
    if isinstance(error, MESSAGE_REFUSALS) and code is not None and 500 <= code < 600:
        with transaction.atomic():
            _finish_delivery(delivery, Delivery.Status.BOUNCED, code)
            Suppression.objects.get_or_create(
                address_hash=delivery.address_hash,
                scope=UNSUBSCRIBE_ALL,
                defaults={"reason": Suppression.Reason.UNDELIVERABLE, "mailing": mailing},
            )
        logger.warning(
            "Mailing %s: delivery %s refused for good (%s %s); address marked undeliverable",
            mailing.pk,
            delivery.pk,
            type(error).__name__,
            code,
        )
        return None
    if attempt >= MAX_ATTEMPTS:
        _finish_delivery(delivery, Delivery.Status.FAILED, code)
        logger.warning(
            "Mailing %s: delivery %s failed after %s attempts (%s %s)",
            mailing.pk,
            delivery.pk,
            attempt,
            type(error).__name__,
            code or "no reply",
        )
        return None
    retry_at = timezone.now() + timezone.timedelta(seconds=FIRST_RETRY_SECONDS * 2 ** (attempt - 1))
    Delivery.objects.filter(pk=delivery.pk).update(
        status=Delivery.Status.PENDING, next_attempt_at=retry_at, reply_code=code
    )
    logger.warning(
        "Mailing %s: delivery %s not sent (attempt %s of %s, %s %s); retrying later",
        mailing.pk,
        delivery.pk,
        attempt,
        MAX_ATTEMPTS,
        type(error).__name__,
        code or "no reply",
    )
    if not isinstance(error, MESSAGE_REFUSALS):
        # No reply about this message: the server itself is away; the others would fail too.
        return timezone.now() + timezone.timedelta(seconds=OUTAGE_RETRY_SECONDS)
    return None


def _finish_or_wait(mailing: Mailing):
    waiting = mailing.deliveries.filter(
        status__in=[Delivery.Status.PENDING, Delivery.Status.SENDING]
    ).aggregate(next_attempt=Min("next_attempt_at"))["next_attempt"]
    if waiting is not None:
        return waiting
    results = mailing.deliveries.progress()
    finished = Mailing.objects.filter(pk=mailing.pk, status=Mailing.Status.SENDING).update(
        status=Mailing.Status.SENT, finished_at=timezone.now(), results=results
    )
    if finished:
        logger.info("Mailing %s sent: %s", mailing.pk, results)
    return None
