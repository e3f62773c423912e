"""Unsubscribe links: a signed token that names an address (only its hash), the scope to stop
and the mailing it came in, never a database id a visitor could change.

Signed with SECRET_KEY (the keys in SECRET_KEY_FALLBACKS are accepted too, so a rotation
leaves the links in old emails working) and with no expiry: a link must work as long as the
email that carries it exists.
"""

from dataclasses import dataclass

from django.conf import settings
from django.core import signing
from django.urls import reverse
from django.utils import translation

SALT = "core.unsubscribe"


@dataclass(frozen=True)
class UnsubscribeLink:
    address_hash: str
    scope: str
    mailing_id: int | None


def _signer() -> signing.Signer:
    # No timestamp: the same link for the same email every time it is made.
    return signing.Signer(salt=SALT)


def make_token(link: UnsubscribeLink) -> str:
    return _signer().sign_object([link.address_hash, link.scope, link.mailing_id])


def read_token(token: str) -> UnsubscribeLink | None:
    """The link a token was made for, or None if it was not made here (forged, cut short)."""
    try:
        address_hash, scope, mailing_id = _signer().unsign_object(token)
    except (signing.BadSignature, ValueError, TypeError):
        return None
    if not (isinstance(address_hash, str) and isinstance(scope, str)):
        return None
    if mailing_id is not None and not isinstance(mailing_id, int):
        return None
    return UnsubscribeLink(address_hash=address_hash, scope=scope, mailing_id=mailing_id)


def page_url(token: str, language: str) -> str:
    """The page that asks which emails to stop, in the recipient's language."""
    with translation.override(language):
        return settings.SITE_URL + reverse("unsubscribe", kwargs={"token": token})


def one_click_url(token: str) -> str:
    """The address a mail client's unsubscribe button posts to (RFC 8058)."""
    return settings.SITE_URL + reverse("unsubscribe_one_click", kwargs={"token": token})
