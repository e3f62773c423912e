"""Rules that change signatures: signing, confirming, withdrawing, moderation and retention.

Each keeps the signature rows and the count slots in step inside one transaction.
"""

import base64
import hashlib
import hmac
import secrets
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext_lazy

from petitions.models import (
    SLOT_COUNT,
    BlockedEmailDomain,
    Petition,
    PetitionSettings,
    Signature,
    SignatureCountSlot,
)

MAX_EMAILS_PER_SIGNATURE = 5
GMAIL_DOMAINS = {"gmail.com", "googlemail.com"}

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


def normalise_email(email: str) -> str:
    """One form per mailbox: lower case, ``+tag`` dropped, dots dropped for Gmail."""
    email = email.strip().lower()
    local, _, domain = email.rpartition("@")
    local = local.split("+", 1)[0]
    if domain in GMAIL_DOMAINS:
        local = local.replace(".", "")
        domain = "gmail.com"
    return f"{local}@{domain}"


TOKEN_SALT = "petitions.signature-token"


@dataclass(frozen=True)
class NewToken:
    """A signature's link token, the random seed it is made from, and the hash we keep.

    Only the hash is stored with the signature, so a database leak confirms or withdraws
    nobody. The email task gets the seed, never the token: the task queue lives in the
    database too, and without SECRET_KEY a seed does not give the token.
    """

    seed: str
    token: str
    hash: str


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def token_from_seed(seed: str, *, secret: str | None = None) -> str:
    """The 256-bit link token a seed makes with SECRET_KEY (or ``secret``)."""
    digest = salted_hmac(TOKEN_SALT, seed, secret=secret, algorithm="sha256").digest()
    return base64.urlsafe_b64encode(digest).rstrip(b"=").decode()


def new_token() -> NewToken:
    seed = secrets.token_urlsafe(32)
    token = token_from_seed(seed)
    return NewToken(seed=seed, token=token, hash=hash_token(token))


def current_token(*, seed: str, token_hash: str | None) -> str | None:
    """The token ``seed`` makes if it is still the signature's link, else None (a newer link
    replaced it). The keys in SECRET_KEY_FALLBACKS are tried too, so rotating SECRET_KEY does
    not void the emails still waiting in the queue."""
    for secret in (settings.SECRET_KEY, *settings.SECRET_KEY_FALLBACKS):
        token = token_from_seed(seed, secret=secret)
        if token_hash and hmac.compare_digest(hash_token(token), token_hash):
            return token
    return None


def hash_ip(ip: str) -> str:
    """A salted hash: enough to tell floods from one address apart, useless to find anyone."""
    salt = hashlib.sha256(f"petitions.ip-hash:{settings.SECRET_KEY}".encode()).digest()
    return hmac.new(salt, ip.encode(), hashlib.sha256).hexdigest()


def over_rate_limit(*, petition_id: int, ip_hash: str) -> bool:
    """Count this attempt against the address; True once it is past SIGNATURE_RATE_LIMIT
    (signatures, seconds), which settings parsed at start-up."""
    if settings.SIGNATURE_RATE_LIMIT is None:
        return False
    allowed, seconds = settings.SIGNATURE_RATE_LIMIT
    key = f"petitions:rate:{petition_id}:{ip_hash}"
    cache.add(key, 0, timeout=seconds)
    try:
        attempts = cache.incr(key)
    except ValueError:
        # The key expired between add() and incr(): this is the first attempt of a new window.
        cache.set(key, 1, timeout=seconds)
        attempts = 1
    return attempts > allowed


def email_domain_blocked(email_normalised: str) -> bool:
    """True when moderators (in the admin) or the BLOCKED_EMAIL_DOMAINS setting block the
    address's domain or a domain it belongs to."""
    domain = email_normalised.rpartition("@")[2]
    if any(
        domain == blocked or domain.endswith(f".{blocked}")
        for blocked in settings.BLOCKED_EMAIL_DOMAINS
    ):
        return True
    return bool(domain) and BlockedEmailDomain.objects.matching(domain).exists()


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
    from petitions.tasks import send_signature_email

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
    show_name: bool = False
    contact_consent: bool = False
    consent_wording: str = CURRENT_CONSENT_WORDING


def sign_petition(
    *, petition: Petition, details: SignatureDetails, ip: str = "", language: str = "en"
) -> Signature:
    """Record a signature, or tell the owner of an address that already signed.

    The caller shows the same page whatever happens here, so nobody can learn from the
    response whether an address has signed or was held for review. The row is committed
    before the confirmation email is queued: a mail server that is down loses nothing.
    A translation's signatures are recorded against its original (one count, and one
    signature per address whichever language it was signed in); ``language`` is the one
    the signer's emails are written in.
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
    now = timezone.now()
    # A held signature gets its link when a moderator releases it.
    token = None if hold else new_token()

    def insert() -> Signature:
        with transaction.atomic():
            signature = Signature.objects.create(
                petition_id=petition_id,
                name=details.name,
                email=details.email.strip(),
                email_normalised=email_normalised,
                country=details.country,
                city=details.city,
                comment=details.comment,
                show_name=details.show_name,
                contact_consent=details.contact_consent,
                contact_consent_at=now if details.contact_consent else None,
                contact_consent_wording=(
                    details.consent_wording if details.contact_consent else ""
                ),
                state=Signature.State.HELD if hold else Signature.State.PENDING,
                created_at=now,
                ip_hash=ip_hash,
                language=language,
                token_hash=token.hash if token else None,
                email_count=0 if hold else 1,
            )
            if token:
                _queue_email(signature, "confirm", token.seed)
        return signature

    # The second try is for an address whose other signature was withdrawn between our
    # insert and the look-up of it: the way is free now.
    for last_try in (False, True):
        try:
            return insert()
        except IntegrityError:
            signature = _handle_duplicate(
                petition_id=petition_id, email_normalised=email_normalised
            )
            if signature is not None:
                return signature
            if last_try:
                raise


def _handle_duplicate(*, petition_id: int, email_normalised: str) -> Signature | None:
    with transaction.atomic():
        signature = (
            Signature.objects.select_for_update()
            .filter(petition_id=petition_id, email_normalised=email_normalised)
            .first()
        )
        if signature is None:
            return None
        if signature.state == Signature.State.PENDING:
            _rotate_token_and_email(signature, "confirm")
        elif signature.state == Signature.State.CONFIRMED:
            _rotate_token_and_email(signature, "already_signed")
        return signature


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


def confirm_signature(*, token: str) -> tuple[Signature, bool]:
    """Confirm the signature; returns it and whether this call confirmed it.

    The state change and the count go in one transaction, and the row lock makes a double
    POST count once. A petition that has closed since the email was sent no longer takes
    confirmations (``SigningClosed``); a pause does not stop them, as the signer already
    signed before it.
    """
    with transaction.atomic():
        signature = _signature_for_token(token, lock=True)
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
        signature.delete()
        return petition


def release_held(*, signatures) -> int:
    """Moderators let held signatures through: they get their confirmation email now."""
    released = 0
    with transaction.atomic():
        for signature in signatures.select_for_update().filter(state=Signature.State.HELD):
            signature.state = Signature.State.PENDING
            signature.save(update_fields=["state"])
            _rotate_token_and_email(signature, "confirm")
            released += 1
    return released


def invalidate(*, signatures) -> int:
    """Moderators reject held signatures; they never count and their links stop working."""
    return signatures.filter(state=Signature.State.HELD).update(
        state=Signature.State.INVALIDATED, token_hash=None
    )


def hide_names(*, signatures) -> int:
    """Moderators take confirmed signers' names off the petition page (an offensive or
    impersonating name); the signatures still count."""
    return signatures.filter(state=Signature.State.CONFIRMED, show_name=True).update(
        show_name=False
    )


def resend_confirmations(*, signatures) -> int:
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


def anonymise_signatures(*, days: int) -> int:
    """Blank the personal data of signatures on petitions closed more than ``days`` ago.

    Rows stay (with their state and country), so counts and country statistics stay right.
    """
    cutoff = timezone.now() - timezone.timedelta(days=days)
    petitions = Petition.objects.closed_before(cutoff)
    return Signature.objects.filter(petition__in=petitions, anonymised_at__isnull=True).update(
        name="",
        email="",
        email_normalised="",
        city="",
        comment="",
        ip_hash="",
        token_hash=None,
        show_name=False,
        anonymised_at=timezone.now(),
    )


def purge_unconfirmed(*, days: int) -> int:
    """Delete signatures never confirmed (pending, held or invalidated) after ``days`` days.

    None of them is counted, so the counts do not change.
    """
    cutoff = timezone.now() - timezone.timedelta(days=days)
    deleted, _ = Signature.objects.unconfirmed().filter(created_at__lt=cutoff).delete()
    return deleted


@dataclass(frozen=True)
class Recount:
    petition: Petition
    stored: int
    actual: int

    @property
    def differs(self) -> bool:
        return self.stored != self.actual


def recount_signatures(*, repair: bool = True) -> list[Recount]:
    """Compare each petition's slots with its confirmed rows; repair differences.

    Locking the slot rows first means a confirmation racing with the repair waits, then adds
    its one on top of the corrected total.
    """
    results = []
    for petition in Petition.objects.order_by("pk").iterator():
        with transaction.atomic():
            slots = list(SignatureCountSlot.objects.select_for_update().filter(petition=petition))
            stored = sum(slot.count for slot in slots)
            actual = Signature.objects.confirmed().filter(petition=petition).count()
            result = Recount(petition=petition, stored=stored, actual=actual)
            if result.differs and repair:
                SignatureCountSlot.objects.filter(petition=petition).delete()
                SignatureCountSlot.objects.bulk_create(
                    SignatureCountSlot(
                        petition=petition, slot=slot, count=actual if slot == 0 else 0
                    )
                    for slot in range(SLOT_COUNT)
                )
            results.append(result)
    return results
