from django.urls import path
from django.views.generic import DetailView, ListView

from petitions.models import Petition

app_name = "petitions"

urlpatterns = [
    path("", ListView.as_view(queryset=Petition.objects.published()), name="list"),
    path("<slug:slug>/", DetailView.as_view(queryset=Petition.objects.published()), name="detail"),
]
