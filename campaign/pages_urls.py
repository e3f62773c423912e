from django.urls import path, re_path

from campaign import redirects, views
from pages import views as page_views

app_name = "pages"

urlpatterns = [
    path("", views.home, name="home"),
    path(
        "privacy/",
        page_views.page,
        {"slug": "privacy", "template_name": "campaign/privacy.html", "fixed": True},
        name="privacy",
    ),
    path(
        "about/",
        page_views.page,
        {"slug": "about", "template_name": "campaign/about.html", "fixed": True},
        name="about",
    ),
    path("pages/<slug:slug>/", page_views.page, name="page"),
    # Old WordPress addresses. "category/<slug>/" itself belongs to articles.urls, so only
    # its paged form is matched here.
    re_path(
        r"^index\.php/category/(?P<slug>[-\w]+)(?:/page/(?P<page>[0-9]{1,6}))?(?:/.*)?$",
        redirects.old_category,
        name="old_index_category",
    ),
    re_path(
        r"^category/(?P<slug>[-\w]+)/page/(?P<page>[0-9]{1,6})/?$",
        redirects.old_category,
        name="old_category_page",
    ),
    re_path(
        r"^(?:index\.php/)?(?P<year>[0-9]{4})/(?P<month>[0-9]{2})/(?P<day>[0-9]{2})/(?P<slug>[-\w]+)/?$",
        redirects.old_post,
        name="old_post",
    ),
    re_path(r"^index\.php(?:/(?P<rest>.*))?$", redirects.old_index_php, name="old_index_php"),
]
