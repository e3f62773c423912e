from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.conf.urls.static import static
from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path, re_path
from django.views.decorators.cache import cache_page
from django.views.generic import RedirectView

from campaign import search, views
from campaign.sitemaps import PagesSitemap
from core import mailing_views, registry
from petitions import views as petition_views
from prisoners import open_data

sitemaps = {"pages": PagesSitemap, **registry.sitemaps()}

urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    path("robots.txt", views.robots_txt, name="robots_txt"),
    # Open data: one address in every language (the values are language-neutral codes).
    path("prisoners.json", open_data.prisoners_json, name="prisoners_json"),
    path("prisoners.csv", open_data.prisoners_csv, name="prisoners_csv"),
    path(
        "sitemap.xml",
        cache_page(60 * 15)(sitemap),
        {"sitemaps": sitemaps},
        name="django.contrib.sitemaps.views.sitemap",
    ),
    # Prisoner profiles were edited under the project's label before they had an app of
    # their own: editors' bookmarks keep working.
    re_path(
        rf"^{settings.ADMIN_URL}campaign/(?P<rest>(?:prisoner|detention|charge|timelineevent)/.*)$",
        RedirectView.as_view(url=f"/{settings.ADMIN_URL}prisoners/%(rest)s", query_string=True),
    ),
    path(settings.ADMIN_URL, admin.site.urls),
    # A mail client's unsubscribe button (RFC 8058) posts here: one address for every
    # language, as the email's headers are written once.
    path(
        "unsubscribe/<str:token>/one-click/",
        mailing_views.unsubscribe_one_click,
        name="unsubscribe_one_click",
    ),
]

handler400 = "campaign.views.bad_request"
handler500 = "campaign.views.server_error"
# Public pages in every language: English at /news/…, Russian at /ru/news/…, Kazakh at
# /kk/news/… (an unprefixed address is always English, whatever the browser prefers).
urlpatterns += i18n_patterns(
    path("", include("campaign.pages_urls")),
    path("", include("articles.urls")),
    path("videos/", include("media_embeds.urls")),
    path("prisoners/", include("prisoners.urls")),
    # Beside the petitions' own addresses, as /petitions/<slug>.json is among them.
    path("petitions.json", petition_views.petitions_json, name="petitions_json"),
    path("petitions/", include("petitions.urls")),
    path("", include("events.urls")),
    path("actions/", include("actions.urls")),
    path("search/", search.search, name="search"),
    path("unsubscribe/<str:token>/", mailing_views.unsubscribe_page, name="unsubscribe"),
    prefix_default_language=False,
)

if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
