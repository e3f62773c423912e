from django.urls import path

from petitions import views

app_name = "petitions"

urlpatterns = [
    path("", views.PetitionList.as_view(), name="list"),
    path("<slug:slug>/", views.petition_detail, name="detail"),
    path("<slug:slug>/sign/", views.sign, name="sign"),
    path("<slug:slug>/check-your-email/", views.check_email, name="check_email"),
    path("<slug:slug>/confirm/<str:token>/", views.confirm, name="confirm"),
    path("<slug:slug>/thank-you/", views.thanks, name="thanks"),
    path("<slug:slug>/withdraw/<str:token>/", views.withdraw, name="withdraw"),
    path("<slug:slug>/withdrawn/", views.withdrawn, name="withdrawn"),
    path("<slug:slug>/count.json", views.count_json, name="count"),
    path("<slug:slug>.json", views.petition_json, name="data"),
    path("<slug:slug>/embed/", views.embed, name="embed"),
    path("<slug:slug>/card.png", views.card, name="card"),
]
