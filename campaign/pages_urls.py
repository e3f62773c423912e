from django.urls import path
from django.views.generic import TemplateView

from campaign import views

app_name = "pages"

urlpatterns = [
    path("", views.home, name="home"),
    path("privacy/", TemplateView.as_view(template_name="campaign/privacy.html"), name="privacy"),
    path("about/", TemplateView.as_view(template_name="campaign/about.html"), name="about"),
]
