from django.urls import path, re_path
from django.views.generic import TemplateView

from campaign import redirects, views

app_name = "pages"

urlpatterns = [
    path("", views.home, name="home"),
    path("privacy/", TemplateView.as_view(template_name="campaign/privacy.html"), name="privacy"),
    path("about/", TemplateView.as_view(template_name="campaign/about.html"), name="about"),
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
