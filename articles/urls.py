from django.urls import path
from django.views.generic import DetailView, ListView

from articles.models import Article, Category

app_name = "articles"

urlpatterns = [
    path("news/", ListView.as_view(queryset=Article.objects.published()), name="list"),
    path(
        "news/<slug:slug>/",
        DetailView.as_view(queryset=Article.objects.published()),
        name="detail",
    ),
    path(
        "category/<slug:slug>/",
        DetailView.as_view(model=Category, template_name="articles/category_detail.html"),
        name="category",
    ),
]
