from django.urls import path

from media_embeds import views

app_name = "media_embeds"

urlpatterns = [
    path("", views.VideoListView.as_view(), name="list"),
    path("<slug:slug>/", views.VideoDetailView.as_view(), name="detail"),
]
