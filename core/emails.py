"""Email addresses: one form per mailbox, and the hash a mailbox is remembered by.

``normalise_email`` is what makes two spellings of one mailbox one signer, one recipient and
one unsubscribe; ``address_hash`` is all that is kept of an address that unsubscribed or
cannot be delivered to.
"""

import hashlib
import re
import smtplib
import unicodedata

GMAIL_DOMAINS = {"gmail.com", "googlemail.com"}

# Characters nobody sees, which would make one mailbox look like several addresses: format
# characters (zero-width spaces and joiners, the soft hyphen, bidi marks), controls, private
# use and unassigned code points, and the fillers and variation selectors that Unicode counts
# as default-ignorable although they are letters or marks.
_INVISIBLE_CATEGORIES = {"Cf", "Cc", "Co", "Cs", "Cn", "Zl", "Zp"}
_DEFAULT_IGNORABLE = {
    0x034F,
    0x115F,
    0x1160,
    0x17B4,
    0x17B5,
    0x3164,
    0xFFA0,
    *range(0x180B, 0x1810),
    *range(0xFE00, 0xFE10),
    *range(0xE0100, 0xE01F0),
}


def _invisible(char: str) -> bool:
    return unicodedata.category(char) in _INVISIBLE_CATEGORIES or ord(char) in _DEFAULT_IGNORABLE


def has_invisible_characters(text: str) -> bool:
    """True when ``text`` holds a character nobody sees (the sign form refuses those)."""
    return any(_invisible(char) for char in text)


def _ascii_domain(domain: str) -> str:
    domain = domain.rstrip(".")
    try:
        # IDNA as Django's validator and mail sending use it: full-width and other
        # look-alike forms fold, soft hyphens and zero-width characters drop out.
        return domain.encode("idna").decode("ascii").lower()
    except UnicodeError:
        # Not a valid domain (an empty or overlong label): no mailbox to confuse it with.
        return domain.lower()


def normalise_email(email: str) -> str:
    """One form per mailbox, so each mailbox signs once: compatibility forms folded (NFKC,
    so full-width letters are the plain ones), invisible characters dropped, a quoted local
    part unquoted, the domain in its lower-case ASCII (IDNA) form, then lower case, ``+tag``
    dropped, and for Gmail dots dropped and googlemail.com read as gmail.com."""
    email = unicodedata.normalize("NFKC", email)
    email = "".join(char for char in email if not _invisible(char)).strip()
    local, _, domain = email.rpartition("@")
    if len(local) >= 2 and local[0] == local[-1] == '"':
        local = re.sub(r"\\(.)", r"\1", local[1:-1])
    local = local.lower().split("+", 1)[0]
    domain = _ascii_domain(domain)
    if domain in GMAIL_DOMAINS:
        local = local.replace(".", "")
        domain = "gmail.com"
    return f"{local}@{domain}"


# Not keyed with SECRET_KEY: rotating that key must not forget who asked to hear no more.
_HASH_PREFIX = b"campaign-address:"


def address_hash(email: str) -> str:
    """The SHA-256 of the normalised address: equal for every spelling of one mailbox."""
    return hashlib.sha256(_HASH_PREFIX + normalise_email(email).encode()).hexdigest()


# Replies about this one message (its sender, recipient or content), which may quote the
# recipient's address.
MESSAGE_REFUSALS = (smtplib.SMTPRecipientsRefused, smtplib.SMTPSenderRefused, smtplib.SMTPDataError)


def smtp_reply_code(error: OSError) -> int | None:
    """The mail server's reply code in a refusal; None when there was no reply (a
    connection refused, timed out or dropped)."""
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        # Raised when every recipient is refused; an email here has one.
        return min((code for code, _reply in error.recipients.values()), default=None)
    if isinstance(error, smtplib.SMTPResponseException):
        return error.smtp_code
    return None
