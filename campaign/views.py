import sys

from django.apps import apps
from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.db import DatabaseError, connection
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import get_language
from django.views import defaults
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from campaign.middleware import DATABASE_UNAVAILABLE, database_unavailable_response
from core.cache import unavailable_caches
from core.overload import never_shed
from core.page_cache import content_cached, page_cache_seconds
from prisoners.models import Prisoner

HOME_URGENT_CASES = 8
HOME_LATEST_NEWS = 3
HOME_LATEST_VIDEOS = 3
# The featured petition's count is on the home page; count.json's lifetime.
HOME_CACHE_SECONDS = 10


def _home_lists(language: str) -> dict:
    Article = apps.get_model("articles", "Article")
    Video = apps.get_model("media_embeds", "Video")
    urgent_cases = list(
        Prisoner.objects.published()
        .urgent()
        .for_listing()
        .for_language(language)[:HOME_URGENT_CASES]
    )
    return {
        "featured_case": urgent_cases[0] if urgent_cases else None,
        "urgent_cases": urgent_cases,
        "latest_articles": list(
            Article.objects.published()
            .featured_first()
            .for_listing()
            .for_language(language)[:HOME_LATEST_NEWS]
        ),
        "latest_videos": list(
            Video.objects.published().for_listing().for_language(language)[:HOME_LATEST_VIDEOS]
        ),
    }


@page_cache_seconds(HOME_CACHE_SECONDS)
@require_safe
def home(request):
    """The front page composes every app through its own QuerySets; a section with nothing
    to show is left out by the template."""
    Petition = apps.get_model("petitions", "Petition")
    language = get_language()
    # The lists change only with content; the featured petition's count changes with every
    # signature, so it is read each time.
    context = {
        **content_cached(request, "home:lists", lambda: _home_lists(language)),
        "featured_petition": Petition.objects.open()
        .with_counts()
        .featured_first()
        .for_language(language)
        .first(),
    }
    return render(request, "campaign/home.html", context)


# A load balancer that saw the health check shed would take the machine out in a surge.
@never_shed
@never_cache
@require_safe
def healthz(request):
    """200 "ok" after a real database round-trip; 503 when the database cannot be reached.

    A cache server that does not answer only slows the site (pages are served uncached), so
    it keeps the 200 that Docker's health check wants, saying "degraded" for monitoring.
    """
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        return HttpResponse("database unavailable", status=503, content_type="text/plain")
    unavailable = unavailable_caches()
    if unavailable:
        return HttpResponse(
            f"degraded: cache unavailable ({', '.join(unavailable)})", content_type="text/plain"
        )
    return HttpResponse("ok", content_type="text/plain")


@require_safe
def robots_txt(request):
    lines = [
        "User-agent: *",
        f"Disallow: /{settings.ADMIN_URL}",
        "Disallow: /search/",
        *(
            f"Disallow: /{code}/search/"
            for code, _name in settings.LANGUAGES
            if code != settings.LANGUAGE_CODE
        ),
        f"Sitemap: {settings.SITE_URL}{reverse('django.contrib.sitemaps.views.sitemap')}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain")


def bad_request(request, exception):
    """400, except a body over DATA_UPLOAD_MAX_MEMORY_SIZE, which is 413 Content Too Large."""
    if isinstance(exception, RequestDataTooBig):
        response = defaults.bad_request(request, exception, template_name="413.html")
        response.status_code = 413
        return response
    return defaults.bad_request(request, exception)


def server_error(request):
    """500, except when the database is unreachable (a session save in middleware, say):
    then the same 503 "back soon" page as ``DatabaseUnavailableMiddleware`` gives."""
    if isinstance(sys.exception(), DATABASE_UNAVAILABLE):
        return database_unavailable_response()
    return defaults.server_error(request)
