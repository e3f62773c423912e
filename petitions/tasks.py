"""Background jobs: the emails a signer receives.

They run on the ``confirmations`` queue so a bulk mailing on ``default`` never delays them.
A task gets the seed of the signer's link token, never the token (the queue is stored in the
database, and only the token's hash is kept with the signature): it makes the token again
with SECRET_KEY.

django.tasks has no retries of its own: when the mail server cannot be reached the task
queues itself again with a growing delay, if the backend can run tasks later (the database
queue can; the immediate backend of development and tests cannot). Either way the failed
attempt is recorded with its error and never reaches the signer's request; whatever is
still pending after the last attempt, ``manage.py resend_confirmations`` sends afresh. A
permanent refusal (a 5xx reply: no such mailbox, message rejected) is not retried. The
server's words in a refusal often quote the signer's address, so they are never logged or
stored with the task: only the signature's id and the reply code are.
"""

import logging

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.tasks import task
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from core.emails import MESSAGE_REFUSALS, smtp_reply_code
from core.languages import site_name
from petitions.models import Signature
from petitions.tokens import current_token

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 6
# Doubles each time: 1, 2, 4, 8 and 16 minutes, half an hour of outage in all.
FIRST_RETRY_SECONDS = 60


SUBJECTS = {
    "confirm": _("Please confirm your signature: %(title)s"),
    "already_signed": _("You have already signed: %(title)s"),
}


class TemporaryRefusal(OSError):
    """A mail server's temporary refusal of a message, without the server's words."""


@task(queue_name="confirmations")
def send_signature_email(*, signature_id: int, kind: str, seed: str, attempt: int = 1) -> None:
    signature = Signature.objects.select_related("petition").filter(pk=signature_id).first()
    if signature is None or not signature.email:
        # Withdrawn or anonymised before the worker got to it: nobody to write to.
        return
    token = current_token(seed=seed, token_hash=signature.token_hash)
    if token is None:
        # A newer link went out since this was queued (a resend): this one no longer works.
        return
    # The email, and the links in it, are in the language the signer signed in.
    with translation.override(signature.language):
        _send(signature, kind, seed, token, attempt)


def _send(signature: Signature, kind: str, seed: str, token: str, attempt: int) -> None:
    petition = signature.petition.in_language(signature.language)
    slug = signature.petition.slug
    signature_id = signature.pk
    context = {
        "signature": signature,
        "petition": petition,
        "kind": kind,
        "confirm_url": settings.SITE_URL
        + reverse("petitions:confirm", kwargs={"slug": slug, "token": token}),
        "withdraw_url": settings.SITE_URL
        + reverse("petitions:withdraw", kwargs={"slug": slug, "token": token}),
        "petition_url": settings.SITE_URL + petition.get_absolute_url(),
        "site_name": site_name(),
    }
    message = EmailMultiAlternatives(
        subject=str(SUBJECTS[kind]) % {"title": petition.title},
        body=render_to_string(f"petitions/email/{kind}.txt", context),
        to=[signature.email],
    )
    message.attach_alternative(
        render_to_string(f"petitions/email/{kind}.html", context), "text/html"
    )
    try:
        message.send()
    except OSError as error:  # smtplib's errors included: refused, timed out, dropped.
        code = smtp_reply_code(error)
        refusal = isinstance(error, MESSAGE_REFUSALS)
        if refusal and code is not None and 500 <= code < 600:
            logger.warning(
                "The mail server refused the %s email of signature %s for good (%s %s); "
                "not retried",
                kind,
                signature_id,
                type(error).__name__,
                code,
            )
            return
        retried = _retry_later(signature_id=signature_id, kind=kind, seed=seed, attempt=attempt)
        logger.warning(
            "Could not send the %s email of signature %s (attempt %s of %s, SMTP reply %s): %s",
            kind,
            signature_id,
            attempt,
            MAX_ATTEMPTS,
            code or "none",
            "retrying later" if retried else "giving up; resend_confirmations sends it",
        )
        if refusal:
            # Without the server's words: the failure is logged, traceback and all, and kept
            # with the task.
            raise TemporaryRefusal(f"{type(error).__name__} {code}") from None
        raise


def _retry_later(*, signature_id: int, kind: str, seed: str, attempt: int) -> bool:
    if attempt >= MAX_ATTEMPTS or not send_signature_email.get_backend().supports_defer:
        return False
    delay = timezone.timedelta(seconds=FIRST_RETRY_SECONDS * 2 ** (attempt - 1))
    send_signature_email.using(run_after=timezone.now() + delay).enqueue(
        signature_id=signature_id, kind=kind, seed=seed, attempt=attempt + 1
    )
    return True
