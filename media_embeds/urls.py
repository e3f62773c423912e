from django.urls import path
from django.views.generic import DetailView, ListView

from media_embeds.models import Video

app_name = "media_embeds"

urlpatterns = [
    path("", ListView.as_view(queryset=Video.objects.published()), name="list"),
    path("<slug:slug>/", DetailView.as_view(queryset=Video.objects.published()), name="detail"),
]
