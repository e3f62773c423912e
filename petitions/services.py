"""The signature lifecycle: signing, confirming, withdrawing and moderation.

Each rule keeps the signature rows and the count slots in step inside one transaction. Link
tokens are in ``tokens.py``, the rate limit and blocked domains in ``abuse.py``, and what
retention deletes or blanks in ``retention.py``.
"""

from dataclasses import dataclass
from datetime import datetime

from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy

from core.emails import normalise_email
from core.page_cache import bump_content_version
from core.ratelimit import hash_ip
from petitions.abuse import email_domain_blocked, over_rate_limit
from petitions.models import Petition, PetitionSettings, Signature, SignatureCountSlot
from petitions.tasks import send_signature_email
from petitions.tokens import NewToken, hash_token, new_token

MAX_EMAILS_PER_SIGNATURE = 5
# Held signatures one IP address (its hash) may have waiting for moderators, all petitions
# together; a flood past it is dropped rather than queued for people to read through.
MAX_HELD_PER_IP = 20

# The wording of the campaign-news box, by version: a signer's consent records which one
# they saw, so changing the text means adding a version, never editing one. Its
# translations say the same thing, so they share the version.
CONSENT_WORDINGS = {
    "2026-11": gettext_lazy("Yes, email me campaign news. I can unsubscribe at any time."),
}
CURRENT_CONSENT_WORDING = "2026-11"


class SignatureTokenError(Exception):
    """The token matches no signature (forged, mistyped, or already withdrawn)."""


class SigningClosed(Exception):
    """The petition does not accept signatures right now."""


class SignatureVanished(Exception):
    """The address's signature was withdrawn twice while a submission was recorded."""


def signing_refusal(petition: Petition) -> str | None:
    """Why the petition refuses signatures now, or None if it accepts them.

    A translation's signatures are recorded against its original, so the original's
    status, dates and pause count as much as the translation's own.
    """
    petitions = [petition]
    if petition.translation_of_id is not None:
        petitions.append(petition.translation_of)
    if not all(each.is_open for each in petitions):
        return "closed"
    if any(each.signing_paused for each in petitions) or PetitionSettings.load().signing_paused:
        return "paused"
    return None


def _queue_email(signature: Signature, kind: str, seed: str) -> None:
    signature_id = signature.pk
    transaction.on_commit(
        lambda: send_signature_email.enqueue(signature_id=signature_id, kind=kind, seed=seed)
    )


def _rotate_token_and_email(signature: Signature, kind: str) -> bool:
    """Give the signature a fresh link and queue an email with it, within the cap."""
    if signature.email_count >= MAX_EMAILS_PER_SIGNATURE:
        return False
    token = new_token()
    signature.token_hash = token.hash
    signature.email_count += 1
    signature.save(update_fields=["token_hash", "email_count"])
    _queue_email(signature, kind, token.seed)
    return True


# No repr of the fields: a traceback or a log line that shows one must not show the signer.
@dataclass(frozen=True, kw_only=True, repr=False)
class SignatureDetails:
    """What a signer tells us on the form (the sign form's ``signature_details()``)."""

    name: str
    email: str
    country: str
    city: str = ""
    comment: str = ""
    publish_comment: bool = False
    show_name: bool = False
    contact_consent: bool = False
    consent_wording: str = CURRENT_CONSENT_WORDING


def sign_petition(
    *, petition: Petition, details: SignatureDetails, ip: str = "", language: str = "en"
) -> Signature | None:
    """Record a submission of the sign form for the address's one signature.

    The caller shows the same page whatever happens here, so nobody can learn from the
    response whether an address has signed or was held for review; and every submission
    takes the same path through the database and queues one email task, so neither can the
    time the request takes. Whoever types an address first chooses nothing for its owner:

    - an unconfirmed signature takes the details of the latest submission that gets a link
      (each one rotates the token), so the person who confirms confirms what they sent,
      campaign-news consent included, and the email shows them those details;
    - a held or rejected signature does not stop a later submission that is neither over
      the rate limit nor from a blocked domain: that one gets a confirmation email;
    - a submission held for review never touches a pending or confirmed signature, so
      flooding from one address cannot void the owner's link;
    - a confirmed signature keeps its details; the owner is only told they signed.

    Held submissions from an address that already has ``MAX_HELD_PER_IP`` signatures
    waiting for moderators are dropped (``None``), so one address cannot fill the queue.

    The database never raises on an address that already signed: an error would put the
    statement, name and address included, in its log. The row is committed before the email
    is queued: a mail server that is down loses nothing. A translation's signatures are
    recorded against its original; ``language`` is the one the signer's emails are written in.
    """
    refusal = signing_refusal(petition)
    if refusal:
        raise SigningClosed(refusal)
    petition_id = petition.counted_petition_id
    email_normalised = normalise_email(details.email)
    ip_hash = hash_ip(ip) if ip else ""
    hold = over_rate_limit(petition_id=petition_id, ip_hash=ip_hash) or email_domain_blocked(
        email_normalised
    )
    if hold and ip_hash and _held_queue_full(ip_hash):
        return None
    now = timezone.now()
    submission = {
        "name": details.name,
        "email": details.email.strip(),
        "country": details.country,
        "city": details.city,
        "comment": details.comment,
        # Asked for only with a comment; a comment sent again waits for a moderator again.
        "publish_comment": details.publish_comment and bool(details.comment),
        "comment_review": Signature.CommentReview.PENDING,
        "comment_reviewed_at": None,
        "comment_reviewed_by": None,
        "show_name": details.show_name,
        "contact_consent": details.contact_consent,
        "contact_consent_at": now if details.contact_consent else None,
        "contact_consent_wording": details.consent_wording if details.contact_consent else "",
        "ip_hash": ip_hash,
        "language": language,
    }
    # A second try for an address whose signature was withdrawn between our insert, which
    # found it there, and the look-up: the way is free now.
    for _attempt in range(2):
        signature = _record_submission(
            petition_id=petition_id,
            email_normalised=email_normalised,
            submission=submission,
            hold=hold,
            now=now,
        )
        if signature is not None:
            return signature
    raise SignatureVanished


def _held_queue_full(ip_hash: str) -> bool:
    held = Signature.objects.filter(state=Signature.State.HELD, ip_hash=ip_hash)
    return held.count() >= MAX_HELD_PER_IP


# What a submission writes on the row: the same UPDATE whatever the address's history.
_SUBMISSION_FIELDS = [
    "name",
    "email",
    "country",
    "city",
    "comment",
    "publish_comment",
    "comment_review",
    "comment_reviewed_at",
    "comment_reviewed_by",
    "show_name",
    "contact_consent",
    "contact_consent_at",
    "contact_consent_wording",
    "ip_hash",
    "language",
    "state",
    "token_hash",
    "email_count",
]


def _locked_signature(*, petition_id: int, email_normalised: str) -> Signature | None:
    return (
        Signature.objects.select_for_update()
        .filter(petition_id=petition_id, email_normalised=email_normalised)
        .first()
    )


def _record_submission(
    *, petition_id: int, email_normalised: str, submission: dict, hold: bool, now: datetime
) -> Signature | None:
    token = new_token()
    with transaction.atomic():
        # INSERT … ON CONFLICT DO NOTHING: the row is new, or the address's row is there
        # (committed, or waited for when another submission is inserting it right now).
        # The token hash marks the row as ours; the real state is set below.
        Signature.objects.bulk_create(
            [
                Signature(
                    petition_id=petition_id,
                    email_normalised=email_normalised,
                    state=Signature.State.HELD,
                    created_at=now,
                    token_hash=token.hash,
                    email_count=0,
                    **submission,
                )
            ],
            ignore_conflicts=True,
        )
        signature = _locked_signature(petition_id=petition_id, email_normalised=email_normalised)
        if signature is None:
            return None
        kind = _apply_submission(
            signature, submission, hold=hold, token=token, new=signature.token_hash == token.hash
        )
        signature.save(update_fields=_SUBMISSION_FIELDS)
        # One task for every submission, so the request does the same work whatever the
        # address's history. When nothing is to be sent, its seed makes a token that is
        # no signature's link, and the task drops it (as it drops a link replaced since).
        _queue_email(signature, kind or "confirm", token.seed)
    return signature


def _apply_submission(
    signature: Signature, submission: dict, *, hold: bool, token: NewToken, new: bool
) -> str | None:
    """Change the locked row for one submission; the kind of email to send, if any."""
    state = None if new else signature.state
    if new:
        signature.token_hash = None
    if state == Signature.State.CONFIRMED:
        # A confirmed signer's choices stand: a submission only reminds the mailbox.
        return None if hold else _take_link(signature, token, "already_signed")
    if state == Signature.State.PENDING:
        # A held submission leaves the owner's link working; one past the email cap leaves
        # the details those of the last link sent.
        if hold or signature.email_count >= MAX_EMAILS_PER_SIGNATURE:
            return None
        _set_details(signature, submission)
        return _take_link(signature, token, "confirm")
    # New, held or rejected: nobody holds a link, so the latest submission's details stand.
    if hold:
        if state == Signature.State.INVALIDATED:
            return None
        _set_details(signature, submission)
        signature.state = Signature.State.HELD
        return None
    if signature.email_count >= MAX_EMAILS_PER_SIGNATURE:
        return None
    _set_details(signature, submission)
    signature.state = Signature.State.PENDING
    return _take_link(signature, token, "confirm")


def _set_details(signature: Signature, submission: dict) -> None:
    for field, value in submission.items():
        setattr(signature, field, value)


def _take_link(signature: Signature, token: NewToken, kind: str) -> str | None:
    if signature.email_count >= MAX_EMAILS_PER_SIGNATURE:
        return None
    signature.token_hash = token.hash
    signature.email_count += 1
    return kind


def _signature_for_token(token: str, *, lock: bool = False) -> Signature:
    if not token or len(token) > 100:
        raise SignatureTokenError
    queryset = Signature.objects.select_related("petition")
    if lock:
        queryset = queryset.select_for_update(of=("self",))
    try:
        return queryset.get(token_hash=hash_token(token))
    except Signature.DoesNotExist:
        raise SignatureTokenError from None


def find_signature(*, token: str) -> Signature:
    """The signature a link belongs to (for showing the confirm and withdraw pages)."""
    return _signature_for_token(token)


def confirm_signature(*, token: str, petition_slug: str | None = None) -> tuple[Signature, bool]:
    """Confirm the signature; returns it and whether this call confirmed it.

    The state change and the count go in one transaction, and the row lock makes a double
    POST count once. A petition that has closed since the email was sent no longer takes
    confirmations (``SigningClosed``); a pause does not stop them, as the signer already
    signed before it. With ``petition_slug``, a link whose address names another petition
    is refused like an unknown token (``SignatureTokenError``).
    """
    with transaction.atomic():
        signature = _signature_for_token(token, lock=True)
        if petition_slug is not None and signature.petition.slug != petition_slug:
            raise SignatureTokenError
        if signature.state != Signature.State.PENDING:
            return signature, False
        if not signature.petition.is_open:
            raise SigningClosed("closed")
        signature.state = Signature.State.CONFIRMED
        signature.confirmed_at = timezone.now()
        signature.save(update_fields=["state", "confirmed_at"])
        SignatureCountSlot.add(signature.petition_id, 1)
        return signature, True


def withdraw_signature(*, token: str) -> Petition:
    """Delete the signature the token belongs to, lowering the count if it was counted."""
    with transaction.atomic():
        signature = _signature_for_token(token, lock=True)
        if signature.state == Signature.State.CONFIRMED:
            SignatureCountSlot.add(signature.petition_id, -1)
        petition = signature.petition
        if signature.comment_review == Signature.CommentReview.APPROVED:
            # Pages kept in the cache show the message: they are made again without it.
            transaction.on_commit(bump_content_version)
        signature.delete()
        return petition


def release_held(*, signatures: QuerySet[Signature]) -> int:
    """Moderators let held signatures through: they get their confirmation email now."""
    released = 0
    with transaction.atomic():
        for signature in signatures.select_for_update().filter(state=Signature.State.HELD):
            signature.state = Signature.State.PENDING
            signature.save(update_fields=["state"])
            _rotate_token_and_email(signature, "confirm")
            released += 1
    return released


def invalidate(*, signatures: QuerySet[Signature]) -> int:
    """Moderators reject held signatures; they never count and their links stop working."""
    return signatures.filter(state=Signature.State.HELD).update(
        state=Signature.State.INVALIDATED, token_hash=None
    )


def hide_names(*, signatures: QuerySet[Signature]) -> int:
    """Moderators take confirmed signers' names off the petition page (an offensive or
    impersonating name); the signatures still count."""
    return signatures.filter(state=Signature.State.CONFIRMED, show_name=True).update(
        show_name=False
    )


def _review_messages(*, signatures: QuerySet[Signature], decision: str, moderator) -> int:
    with transaction.atomic():
        reviewed = (
            signatures.with_message_to_review()
            .exclude(comment_review=decision)
            .update(
                comment_review=decision,
                comment_reviewed_at=timezone.now(),
                comment_reviewed_by=moderator,
            )
        )
        if reviewed:
            # The wall is on cached pages (petitions, profiles): the decision shows at once.
            transaction.on_commit(bump_content_version)
    return reviewed


def approve_messages(*, signatures: QuerySet[Signature], moderator) -> int:
    """Moderators let the messages their signers asked to publish onto the solidarity wall
    (shown once the signature is confirmed)."""
    return _review_messages(
        signatures=signatures, decision=Signature.CommentReview.APPROVED, moderator=moderator
    )


def reject_messages(*, signatures: QuerySet[Signature], moderator) -> int:
    """Moderators keep messages off the wall (or take approved ones down); the signatures
    still count."""
    return _review_messages(
        signatures=signatures, decision=Signature.CommentReview.REJECTED, moderator=moderator
    )


def resend_confirmations(*, signatures: QuerySet[Signature]) -> int:
    """Queue a fresh link to each pending signature still under the email cap."""
    sent = 0
    for pk in signatures.pending().values_list("pk", flat=True).iterator():
        with transaction.atomic():
            signature = Signature.objects.select_for_update().get(pk=pk)
            if signature.state == Signature.State.PENDING and _rotate_token_and_email(
                signature, "confirm"
            ):
                sent += 1
    return sent
