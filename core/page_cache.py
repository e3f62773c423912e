"""Whole-page caching for anonymous visitors, built so that nothing personal can leak.

A surge is almost entirely anonymous GETs of a dozen pages, so those are served from the
cache (``CACHE_URL``) after the first visit, for ``PAGE_CACHE_SECONDS`` (less for pages
showing a signature count, see ``page_cache_seconds``). What makes it safe:

- Only anonymous requests qualify: any request carrying a session or messages cookie (every
  editor, every staff preview) goes to the view and is never stored; so does a visitor who
  sent a form in the last ``PAGE_CACHE_SECONDS`` (they see their own signature counted).
- A response that sets a cookie, or says ``private``/``no-cache``/``no-store``, is not stored.
  Headers are stored, cookies never; outer middleware (CSP, locale, security headers, the
  CSRF cookie) runs again on every response, cached or not, with the view's own CSP
  override (``csp_override``) kept with the stored page.
- A page with a form: the CSRF token in the stored copy is replaced by a placeholder and each
  visitor gets a fresh token of their own (and their own CSRF cookie) when it is served.
- Query parameters: a page is stored only for those its view declares it reads
  (``page_cache_reads``) and campaign tags, each given once. Anything else is served but
  not stored, so made-up parameters (``/news/?country=x``, ``?page=1&junk=…``) cannot fill
  the cache with copies of one page.
- The key holds the scheme, host, full path and language; a stored page also holds the
  site-wide content version it was made under, which changes whenever an editor saves or
  deletes content (the ``content_models`` each app declares) or publishes it in bulk
  (``core.signals.publication_changed``), so an edit shows on the next request.
  Signatures are not content: counts change through the short lifetime instead.

The cache must be shared by all workers (Redis in production): with the default
per-process local memory, an edit reaches other workers only when their copies expire.

Two things make a cached page cheap to serve:

- The middleware sits just inside CSRF (which gives each visitor their token) and locale
  (which picks the language of the key), so a page found in the cache skips
  authentication, two-factor, messages, clickjacking and lockout middleware. Their headers
  (``X-Frame-Options``) are part of the stored copy.
- With a cache in another process (Redis), each worker keeps the pages it served last in
  its own memory for ``PAGE_CACHE_LOCAL_SECONDS`` (2 s by default) and serves them without
  asking Redis. The worker where an editor saves forgets its copies at once; the other
  workers show the edit within that many seconds. A copy never outlives the stored page.

A stored page that holds no CSRF token is sent with ``Cache-Control: public, max-age=…``
(its lifetime in the page cache), which a CDN in front of the site may honour; a page with a
token is ``private``, as the token is bound to the visitor's own cookie.
"""

import hashlib
import re
import threading
import time
import uuid
from collections import OrderedDict
from functools import wraps

from django.conf import settings
from django.core.cache import cache, caches
from django.core.cache.backends.dummy import DummyCache
from django.core.cache.backends.locmem import LocMemCache
from django.db.models import Model
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.translation import get_language

from core.http import is_tracking_parameter, path_without_tracking
from core.registry import content_model_labels
from core.signals import publication_changed

CONTENT_VERSION_KEY = "page-cache:content-version"
CSRF_INPUT = re.compile(rb'(name="csrfmiddlewaretoken" value=")[^"]*(")')
CSRF_PLACEHOLDER = b"\x00page-cache-csrf-token\x00"
STORED_HEADERS_SKIPPED = {"set-cookie", "content-length"}
# Set for a while on a visitor who has just sent a form (signed, confirmed), so that the
# pages they go back to show what they did rather than a copy from before it.
FRESH_COOKIE = "fresh_pages"
# A view's own policy (django.views.decorators.csp), which the CSP middleware outside this
# one reads from the response: a stored page keeps it, or a page served from the cache would
# get the site's default policy (an embed page would no longer be framable).
CSP_OVERRIDES = ("_csp_config", "_csp_ro_config")
# The longest a page showing a signature count is kept: what count.json allows too.
COUNT_CACHE_SECONDS = 10


def content_version() -> str:
    version = cache.get(CONTENT_VERSION_KEY)
    if version is None:
        # A fresh random value, never a counter: a version lost from the cache and started
        # again must not bring back pages stored under the old one.
        cache.add(CONTENT_VERSION_KEY, uuid.uuid4().hex, timeout=None)
        version = cache.get(CONTENT_VERSION_KEY)
    return version


def bump_content_version() -> None:
    cache.set(CONTENT_VERSION_KEY, uuid.uuid4().hex, timeout=None)
    _local.clear()


def content_cached(request, name: str, compute):
    """``compute()``'s value, kept in the cache for ``PAGE_CACHE_SECONDS`` under the current
    content version and language: for what a page builds from published content alone (an
    article's neighbours and related items, the home page's lists), the same for every
    visitor. After an edit the version changes and the value is computed again; values that
    follow only the clock (scheduled publication) wait ``PAGE_CACHE_SECONDS`` at most, as
    pages do. ``compute`` must return a picklable value, not a lazy QuerySet."""
    if settings.PAGE_CACHE_SECONDS <= 0:
        return compute()
    version = getattr(request, "_page_cache_version", None) or content_version()
    if version is None:  # the cache is unavailable: nothing to keep it in
        return compute()
    key = f"content:{version}:{get_language()}:{name}"
    found = cache.get(key)
    if found is not None:
        return found[0]
    value = compute()
    cache.set(key, (value,), settings.PAGE_CACHE_SECONDS)
    return value


class _LocalPages:
    """The pages this worker served last, kept for a few seconds in front of a remote cache
    (see the module doc). Bounded in entries; a copy of what the shared cache holds, never
    the only place a page lives."""

    MAX_ENTRIES = 200

    def __init__(self):
        self._pages: OrderedDict[str, tuple[float, dict]] = OrderedDict()
        self._lock = threading.Lock()

    @staticmethod
    def enabled() -> bool:
        # An in-process cache (local memory, or none at all) gains nothing from a copy.
        return settings.PAGE_CACHE_LOCAL_SECONDS > 0 and not isinstance(
            caches["default"], (LocMemCache, DummyCache)
        )

    def get(self, key: str) -> dict | None:
        with self._lock:
            found = self._pages.get(key)
            if found is None:
                return None
            if found[0] <= time.time():
                del self._pages[key]
                return None
            self._pages.move_to_end(key)
            return found[1]

    def put(self, key: str, stored: dict) -> None:
        expires = min(time.time() + settings.PAGE_CACHE_LOCAL_SECONDS, stored["expires"])
        with self._lock:
            self._pages[key] = (expires, stored)
            self._pages.move_to_end(key)
            while len(self._pages) > self.MAX_ENTRIES:
                self._pages.popitem(last=False)

    def clear(self) -> None:
        with self._lock:
            self._pages.clear()


_local = _LocalPages()


def _content_changed(sender, instance=None, **kwargs):
    # For m2m_changed the sender is the link table; the instance is the content it links.
    labels = content_model_labels()
    if sender._meta.label_lower in labels or (
        isinstance(instance, Model) and instance._meta.label_lower in labels
    ):
        bump_content_version()


def connect_signals() -> None:
    # publication_changed: publishing in bulk is an update(), which sends no post_save.
    for signal in (post_save, post_delete, m2m_changed, publication_changed):
        signal.connect(_content_changed, dispatch_uid=f"page_cache_{id(signal)}")


def page_cache_seconds(seconds: int):
    """For pages that show a count: kept in the page cache no longer than ``seconds``
    (0: never kept)."""

    def decorator(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            response = view(request, *args, **kwargs)
            response.page_cache_seconds = min(seconds, settings.PAGE_CACHE_SECONDS)
            return response

        return wrapper

    return decorator


class CountCacheMixin:
    """For a detail view whose page may offer a petition (``take_action`` in its context):
    with its signature count on it, the page is kept no longer than the count's lifetime."""

    def render_to_response(self, context, **response_kwargs):
        response = super().render_to_response(context, **response_kwargs)
        if context.get("take_action"):
            response.page_cache_seconds = min(COUNT_CACHE_SECONDS, settings.PAGE_CACHE_SECONDS)
        return response


def page_cache_reads(*parameters: str):
    """Declares the query parameters a view reads (on a view function or a class-based
    view): its pages are stored in the page cache only when asked for with no others."""

    def decorator(view):
        view.page_cache_reads = frozenset(parameters)
        return view

    return decorator


def _parameters_read(view) -> frozenset[str]:
    # A class-based view's as_view() function keeps the class, which holds the declaration.
    declared = getattr(view, "page_cache_reads", None)
    if declared is None:
        declared = getattr(getattr(view, "view_class", None), "page_cache_reads", frozenset())
    return declared


def _storable_query(request, view) -> bool:
    read = _parameters_read(view)
    return all(
        is_tracking_parameter(name) or (name in read and len(values) == 1)
        for name, values in request.GET.lists()
    )


def _cacheable_request(request) -> bool:
    return (
        settings.PAGE_CACHE_SECONDS > 0
        and request.method == "GET"
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and "messages" not in request.COOKIES
        and FRESH_COOKIE not in request.COOKIES
        and not request.path_info.lstrip("/").startswith(settings.ADMIN_URL)
        # Which parameters the page reads is known only once the URL is resolved; a page is
        # never stored with one given twice, so such a request cannot be served from the cache.
        and all(len(values) == 1 for _name, values in request.GET.lists())
    )


def _personalised(request) -> bool:
    """The view wrote to this visitor's session or queued them a message."""
    session = getattr(request, "session", None)
    messages = getattr(request, "_messages", None)
    return bool(
        (session is not None and session.modified)
        or (messages is not None and getattr(messages, "_queued_messages", None))
    )


def _cacheable_response(request, response) -> bool:
    cache_control = response.get("Cache-Control", "")
    return (
        response.status_code == 200
        and not _personalised(request)
        and not response.streaming
        and not response.cookies
        and not any(word in cache_control for word in ("private", "no-cache", "no-store"))
    )


def _key(request) -> str:
    identity = "\n".join(
        [request.scheme, request.get_host(), path_without_tracking(request), request.LANGUAGE_CODE]
    )
    return f"page:{hashlib.sha256(identity.encode()).hexdigest()}"


def _mark_for_shared_caches(response, seconds: int) -> None:
    """A page that is the same for every anonymous visitor may be kept by a CDN as long as
    we keep it; one with a CSRF token (bound to the visitor's cookie) only by the browser."""
    if "Cache-Control" in response:
        return  # the view said how it may be cached
    if CSRF_INPUT.search(response.content):
        patch_cache_control(response, private=True)
    else:
        patch_cache_control(response, public=True, max_age=seconds)


class AnonymousPageCacheMiddleware:
    """Innermost middleware: serves and stores anonymous GET pages (see the module doc)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not _cacheable_request(request):
            response = self.get_response(request)
            if request.method == "POST" and response.status_code < 400:
                response.set_cookie(
                    FRESH_COOKIE,
                    "1",
                    max_age=settings.PAGE_CACHE_SECONDS,
                    secure=settings.SITE_IS_HTTPS,
                    httponly=True,
                    samesite="Lax",
                )
            return response
        key = _key(request)
        local = _local.enabled()
        stored = _local.get(key) if local else None
        if stored is not None:
            return self._serve(request, stored)
        # One round trip for both: a stored page counts only under the current version.
        found = cache.get_many([CONTENT_VERSION_KEY, key])
        version = found.get(CONTENT_VERSION_KEY) or content_version()
        stored = found.get(key)
        request._page_cache_version = version
        if stored is not None and stored["version"] == version:
            if local and "expires" in stored:
                _local.put(key, stored)
            return self._serve(request, stored)
        response = self.get_response(request)
        if (
            version is not None  # None: the cache is unavailable, storing is pointless
            and getattr(request, "_page_cache_storable_query", False)
            and _cacheable_response(request, response)
        ):
            seconds = getattr(response, "page_cache_seconds", settings.PAGE_CACHE_SECONDS)
            if seconds > 0:
                _mark_for_shared_caches(response, seconds)
                stored = self._store(response, version, seconds)
                cache.set(key, stored, seconds)
                if local:
                    _local.put(key, stored)
                response["X-Page-Cache"] = "miss"
        return response

    def process_view(self, request, view_func, view_args, view_kwargs):
        request._page_cache_storable_query = _storable_query(request, view_func)

    @staticmethod
    def _store(response, version: str, seconds: int) -> dict:
        headers = {
            name: value
            for name, value in response.headers.items()
            if name.lower() not in STORED_HEADERS_SKIPPED
        }
        content = CSRF_INPUT.sub(rb"\1" + CSRF_PLACEHOLDER + rb"\2", response.content)
        return {
            "version": version,
            "expires": time.time() + seconds,
            "status": response.status_code,
            "headers": headers,
            "content": content,
            "csp": {
                name: getattr(response, name) for name in CSP_OVERRIDES if hasattr(response, name)
            },
        }

    @staticmethod
    def _serve(request, stored: dict) -> HttpResponse:
        content = stored["content"]
        if CSRF_PLACEHOLDER in content:
            # A token of this visitor's own; CsrfViewMiddleware sets their cookie for it.
            content = content.replace(CSRF_PLACEHOLDER, get_token(request).encode())
        response = HttpResponse(content, status=stored["status"])
        for name, value in stored["headers"].items():
            response[name] = value
        for name, config in stored.get("csp", {}).items():
            setattr(response, name, config)
        response["X-Page-Cache"] = "hit"
        if CSRF_PLACEHOLDER in stored["content"]:
            patch_vary_headers(response, ["Cookie"])
        return response
