from django.urls import path

from prisoners import views
from prisoners.views import PrisonerDetailView, PrisonerListView

app_name = "prisoners"

urlpatterns = [
    path("", PrisonerListView.as_view(), name="list"),
    path("<slug:slug>/", PrisonerDetailView.as_view(), name="detail"),
    path("<slug:slug>/follow/", views.follow, name="follow"),
    path(
        "<slug:slug>/follow/check-your-email/",
        views.follow_check_email,
        name="follow_check_email",
    ),
    path("<slug:slug>/follow/confirm/<str:token>/", views.follow_confirm, name="follow_confirm"),
    path("<slug:slug>/follow/confirmed/", views.followed, name="followed"),
]
