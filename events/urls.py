from django.urls import path

from events import views

app_name = "events"

urlpatterns = [
    path("events/", views.EventListView.as_view(), name="list"),
    path("events.ics", views.calendar_feed, name="feed"),
    path("events/<slug:slug>.ics", views.event_calendar, name="ics"),
    path("events/<slug:slug>/", views.EventDetailView.as_view(), name="detail"),
]
