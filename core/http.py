from functools import wraps
from urllib.parse import urlencode

from django.conf import settings
from django.http import HttpResponseNotAllowed
from django.views.decorators.csrf import csrf_exempt


def client_ip(request) -> str:
    """The visitor's IP address, trusting only as many X-Forwarded-For hops as we run proxies.

    Each proxy appends the address it received the request from, so with N trusted proxies
    the client is the N-th address from the right; anything further left is client-supplied
    and can be forged.
    """
    hops = settings.TRUSTED_PROXY_COUNT
    if hops > 0:
        forwarded = [
            part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
        ]
        forwarded = [part for part in forwarded if part]
        if len(forwarded) >= hops:
            return forwarded[-hops]
    return request.META.get("REMOTE_ADDR", "")


_TRACKING_PREFIXES = ("utm_",)
_TRACKING_NAMES = {"fbclid", "gclid", "dclid", "msclkid", "yclid", "mc_cid", "mc_eid", "igshid"}


def is_tracking_parameter(name: str) -> bool:
    return name in _TRACKING_NAMES or name.startswith(_TRACKING_PREFIXES)


def path_without_tracking(request) -> str:
    """The path and query string without the campaign tags and click identifiers that social
    sites and newsletters append. They change nothing on the page, so cached pages and the
    links a page shows ignore them (a click identifier is another visitor's, too)."""
    kept = [(name, value) for name, value in request.GET.lists() if not is_tracking_parameter(name)]
    if not kept:
        return request.path
    query = urlencode([(name, value) for name, values in kept for value in values])
    return f"{request.path}?{query}"


def token_page(view):
    """For the pages an emailed link opens, whose address holds the token.

    Every response asks the browser to send no Referer from its links and forms: not to
    another site, and not to our own access log with the next request. A browser posts a
    form from such a page with ``Origin: null``, which Django's CSRF check refuses, so
    these views go without it: the token in the address is all that lets a request confirm
    or withdraw (no cookie, no session), and whoever could forge the post holds the link
    and has no need to."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        response["Referrer-Policy"] = "no-referrer"
        return response

    return csrf_exempt(wrapped)


def open_data(view):
    """For public read-only JSON documents: any site's scripts may read them
    (``Access-Control-Allow-Origin: *``). Only GET and HEAD reach the view, and nothing else
    is relaxed: no credentials, no other methods or headers, so no preflight is answered."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if request.method not in ("GET", "HEAD"):
            return HttpResponseNotAllowed(["GET", "HEAD"])
        response = view(request, *args, **kwargs)
        response["Access-Control-Allow-Origin"] = "*"
        return response

    return wrapped
