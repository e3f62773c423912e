from django.urls import path

from actions import views

app_name = "actions"

urlpatterns = [
    path("<slug:slug>/", views.action_detail, name="detail"),
    path("<slug:slug>/letter/", views.draft, name="draft"),
    path("<slug:slug>/sent/", views.sent, name="sent"),
    path("<slug:slug>/thank-you/", views.thanks, name="thanks"),
]
