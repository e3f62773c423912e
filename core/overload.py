"""Load shedding: a request that waited too long in the queue gets a fast 503, not a slow page.

gunicorn's sync workers take connections one at a time from the kernel's backlog and cannot
see how long one waited there. The load balancer in front can: it stamps each request with
``X-Request-Start: t=<time>`` as it arrives (README, *Deployment*), and a request that has
already waited ``REQUEST_QUEUE_TIMEOUT_MS`` when a worker picks it up is answered at once
with 503 and ``Retry-After``. Its visitor would have given up or got a timeout by the time
the page was made; answering it fast drains the queue, so the requests behind it are served
in time instead of everyone waiting 10 s.

Only what is safe to refuse is shed, and a shed request does no work at all (no session,
no database; the middleware sits before the view, after the CSRF check):

- GET and HEAD, except views marked ``never_shed`` (the health check: a load balancer that
  saw it fail would take the whole machine out, which makes the queue worse);
- a POST only when its view says how to answer it (``shed_with``): the sign form comes back
  with what the signer typed, to be sent again. Every other POST (confirming, withdrawing,
  the admin) is always served: it may already be half done from the visitor's side.

The header is trusted only behind a proxy (``TRUSTED_PROXY_COUNT`` > 0, the same setting
that makes ``X-Forwarded-For`` trusted), which must set it, overwriting any sent by the
client. The two clocks must agree (NTP): skew counts as queue time.
"""

import logging
import math
import time

from django.conf import settings
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.template.loader import render_to_string

from core.languages import site_name

logger = logging.getLogger(__name__)


def never_shed(view):
    """Always serve this view, however long its request waited."""
    view.never_shed = True
    return view


def shed_with(render):
    """Shed this view's POSTs too, answering with ``render(request, *args, **kwargs)``: a page
    made without the database (the middleware sets the status and headers)."""

    def decorator(view):
        view.shed_response = render
        return view

    return decorator


def request_start_ms(value: str) -> float | None:
    """Milliseconds since the epoch from an ``X-Request-Start`` value: ``t=`` followed by
    milliseconds (HAProxy's ``date(0,ms)``), seconds with a fraction (nginx's ``$msec``) or
    microseconds (Apache's ``%t``); None when it is none of these."""
    value = value.strip().removeprefix("t=")
    try:
        number = float(value)
    except ValueError:
        return None
    if not math.isfinite(number) or number <= 0:
        return None
    if "." in value or number < 1e11:
        return number * 1000
    if number > 1e14:
        return number / 1000
    return number


def queued_ms(request) -> float | None:
    """How long the request waited between the load balancer and this worker, if known."""
    if settings.TRUSTED_PROXY_COUNT <= 0:
        return None
    started = request_start_ms(request.META.get("HTTP_X_REQUEST_START", ""))
    if started is None:
        return None
    return max(0.0, time.time() * 1000 - started)


def busy_response(request, template: str, context: dict | None = None) -> HttpResponse:
    """A page rendered without the request's context processors, so nothing reads the
    session or the database; ``csrf_token`` comes from the cookie already parsed."""
    context = {
        "site_name": site_name(),
        "csrf_token": get_token(request),
        "retry_after": settings.REQUEST_QUEUE_RETRY_AFTER,
        **(context or {}),
    }
    return HttpResponse(render_to_string(template, context))


class RequestQueueMiddleware:
    """Answer 503 at once to a request that has waited longer than
    ``REQUEST_QUEUE_TIMEOUT_MS`` (0: never). Placed after CsrfViewMiddleware: a forged POST
    is still refused with 403, and a shed sign form carries a token that works again."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view, args, kwargs):
        limit = settings.REQUEST_QUEUE_TIMEOUT_MS
        if limit <= 0:
            return None
        waited = queued_ms(request)
        if waited is None or waited <= limit:
            return None
        if request.method in ("GET", "HEAD"):
            if getattr(view, "never_shed", False):
                return None
            response = busy_response(request, "busy.html")
        else:
            render = getattr(view, "shed_response", None)
            if render is None:
                return None
            response = render(request, *args, **kwargs)
        response.status_code = 503
        response["Retry-After"] = str(settings.REQUEST_QUEUE_RETRY_AFTER)
        response["Cache-Control"] = "no-store"
        # Django would log every 503 as an error: thousands of lines in a surge, each with
        # a path. One line at INFO names the view, never the visitor.
        response._has_been_logged = True
        logger.info(
            "shed %s %s after %d ms in the queue",
            request.method,
            request.resolver_match.view_name if request.resolver_match else "-",
            waited,
        )
        return response
