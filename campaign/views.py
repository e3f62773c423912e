from django.apps import apps
from django.conf import settings
from django.db import DatabaseError, connection
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from campaign.models import Prisoner
from campaign.page_cache import page_cache_seconds

HOME_URGENT_CASES = 8
HOME_LATEST_NEWS = 3
HOME_LATEST_VIDEOS = 3
# The featured petition's count is on the home page; count.json's lifetime.
HOME_CACHE_SECONDS = 10


@page_cache_seconds(HOME_CACHE_SECONDS)
@require_safe
def home(request):
    """The front page composes every app through its own QuerySets; a section with nothing
    to show is left out by the template."""
    Article = apps.get_model("articles", "Article")
    Video = apps.get_model("media_embeds", "Video")
    Petition = apps.get_model("petitions", "Petition")
    urgent_cases = list(Prisoner.objects.published().urgent().for_listing()[:HOME_URGENT_CASES])
    context = {
        "featured_case": urgent_cases[0] if urgent_cases else None,
        "urgent_cases": urgent_cases,
        "featured_petition": Petition.objects.open().with_counts().featured_first().first(),
        "latest_articles": list(Article.objects.published().for_listing()[:HOME_LATEST_NEWS]),
        "latest_videos": list(Video.objects.published().for_listing()[:HOME_LATEST_VIDEOS]),
    }
    return render(request, "campaign/home.html", context)


@never_cache
@require_safe
def healthz(request):
    """200 "ok" after a real database round-trip; 503 when the database cannot be reached."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        return HttpResponse("database unavailable", status=503, content_type="text/plain")
    return HttpResponse("ok", content_type="text/plain")


@require_safe
def robots_txt(request):
    lines = [
        "User-agent: *",
        f"Disallow: /{settings.ADMIN_URL}",
        "Disallow: /search/",
        f"Sitemap: {settings.SITE_URL}{reverse('django.contrib.sitemaps.views.sitemap')}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain")
