"""Site-wide response rules that Django has no setting for."""

from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.cache import patch_vary_headers

from core.languages import site_name

# Errors psycopg raises when the server is down, restarting or the connection was cut.
DATABASE_UNAVAILABLE = (OperationalError, InterfaceError)
RETRY_AFTER_SECONDS = 30


def database_unavailable_response() -> HttpResponse:
    """The "back soon" page, rendered without the request: no context processor, session or
    user lookup gets a chance to touch the database that just failed."""
    body = render_to_string("503.html", {"site_name": site_name()})
    response = HttpResponse(body, status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    return response


class DatabaseUnavailableMiddleware:
    """A view that cannot reach the database answers 503 "back soon" instead of 500.

    Failures in other middleware (a session save, say) reach the same page through
    ``campaign.views.server_error``. Django closes a connection that raised once the
    request ends, so the next request reconnects and the site recovers by itself.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, DATABASE_UNAVAILABLE):
            return database_unavailable_response()
        return None


class PermissionsPolicyMiddleware:
    """Send ``PERMISSIONS_POLICY`` as the Permissions-Policy header on every response."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.header = ", ".join(
            f"{feature}=({' '.join(origins)})"
            for feature, origins in settings.PERMISSIONS_POLICY.items()
        )

    def __call__(self, request):
        response = self.get_response(request)
        if self.header:
            response.headers.setdefault("Permissions-Policy", self.header)
        return response


class AdminLanguageMiddleware:
    """The admin in its user's language (English, Russian or Kazakh), its rich-text editor
    included. Its addresses carry no language prefix, which on public pages means English;
    in the admin the language is the one the editor's browser asks for (the language cookie,
    then Accept-Language)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not request.path_info.lstrip("/").startswith(settings.ADMIN_URL):
            return self.get_response(request)
        translation.activate(translation.get_language_from_request(request))
        request.LANGUAGE_CODE = translation.get_language()
        response = self.get_response(request)
        patch_vary_headers(response, ("Accept-Language", "Cookie"))
        return response
