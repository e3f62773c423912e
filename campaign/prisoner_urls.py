from django.urls import path
from django.views.generic import DetailView, ListView

from campaign.models import Prisoner

app_name = "prisoners"

urlpatterns = [
    path("", ListView.as_view(queryset=Prisoner.objects.published()), name="list"),
    path("<slug:slug>/", DetailView.as_view(queryset=Prisoner.objects.published()), name="detail"),
]
