from django.urls import path

from prisoners.views import PrisonerDetailView, PrisonerListView

app_name = "prisoners"

urlpatterns = [
    path("", PrisonerListView.as_view(), name="list"),
    path("<slug:slug>/", PrisonerDetailView.as_view(), name="detail"),
]
