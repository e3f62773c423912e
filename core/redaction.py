"""Secret links out of the logs.

A petition signer's confirm and withdraw links (``…/confirm/<token>/``, ``…/withdraw/<token>/``)
and a recipient's unsubscribe link (``…/unsubscribe/<token>/``) work for whoever holds them;
a log line that pairs one with a time or an address says who signed, and a leaked log would
let anyone withdraw, confirm or unsubscribe in their name. Everything that
writes a path to a log passes it through ``redact``: Django's log records through
``RedactTokens`` (a filter on the handlers in ``settings.LOGGING``) and gunicorn's access
log through the logger class in ``gunicorn.conf.py``.

Plain Python, no Django: gunicorn's master process imports this before Django is set up.
"""

import copy
import logging
import re
from urllib.parse import unquote

MARKER = "[token]"

# The segment after /confirm/, /withdraw/ or /unsubscribe/, wherever it is: a path, a full
# URL in a Referer, a "next" parameter. Any link of that shape is redacted, whichever page
# it belongs to: a harmless path redacted costs a log reader little, a token missed costs a
# signer a lot.
_TOKEN_SEGMENT = re.compile(r"(/(?:confirm|withdraw|unsubscribe)/)[^/?#&\s\"'<>]+", re.IGNORECASE)

# Moderators search the admin's signatures by name or email, and its pages keep the search
# in their query strings (?q=…, ?_changelist_filters=…, a login's ?next=…%3Fq%3D…): those
# addresses are logged without their query string.
_SIGNATURE_ADMIN_QUERY = re.compile(
    r"(/petitions/signature/[^?\s\"'<>]*)(?:\?|%3F)[^\s\"'<>]*", re.IGNORECASE
)
QUERY_MARKER = "?[query]"


def redact(text: str) -> str:
    """``text`` with every link token replaced by ``MARKER`` and the query string of the
    admin's signature pages by ``QUERY_MARKER``. A text whose token is hidden behind
    percent-encoding (``confirm%2F…``, as in a query string) comes back decoded."""
    redacted = _SIGNATURE_ADMIN_QUERY.sub(rf"\g<1>{QUERY_MARKER}", text)
    redacted = _TOKEN_SEGMENT.sub(rf"\g<1>{MARKER}", redacted)
    if "%" in redacted:
        decoded = unquote(redacted)
        if _TOKEN_SEGMENT.search(decoded):
            return _TOKEN_SEGMENT.sub(rf"\g<1>{MARKER}", decoded)
    return redacted


def _redact_arg(value):
    if isinstance(value, str):
        return redact(value)
    if value is None or isinstance(value, int | float):
        return value
    if hasattr(value, "path") and hasattr(value, "META"):
        return _redacted_request(value)
    # Anything else (an exception, a URL object): replaced by its redacted text only when
    # that text held a token, so "%d" and "%r" keep working on everything else.
    try:
        text = str(value)
    except Exception:
        return value
    redacted = redact(text)
    return value if redacted == text else redacted


def _redacted_request(request):
    """A shallow copy of the request whose path and headers carry no token: the request
    itself is still being served and must keep its real path."""
    clone = copy.copy(request)
    for name in ("path", "path_info"):
        value = getattr(request, name, None)
        if isinstance(value, str):
            setattr(clone, name, redact(value))
    if isinstance(getattr(request, "META", None), dict):
        clone.META = {
            key: redact(value) if isinstance(value, str) else value
            for key, value in request.META.items()
        }
    return clone


class RedactTokens(logging.Filter):
    """Replaces link tokens in a record's message, arguments, request (Django puts one on
    its request and CSRF warnings) and traceback.

    The record is changed in place, so every handler that sees it after this filter (in
    ``settings.LOGGING`` the root's console handler comes first) gets the redacted record.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        if isinstance(record.msg, str):
            record.msg = redact(record.msg)
        if isinstance(record.args, dict):
            record.args = {key: _redact_arg(value) for key, value in record.args.items()}
        elif record.args:
            record.args = tuple(_redact_arg(value) for value in record.args)
        request = getattr(record, "request", None)
        if request is not None and hasattr(request, "path"):
            record.request = _redacted_request(request)
        if record.exc_info and not record.exc_text:
            # Formatters keep the text they make here instead of formatting it again.
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = redact(record.exc_text)
        if record.stack_info:
            record.stack_info = redact(record.stack_info)
        return True
