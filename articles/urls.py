from django.urls import path

from articles import feeds, views

app_name = "articles"

urlpatterns = [
    path("news/", views.ArticleListView.as_view(), name="list"),
    path("news/feed/rss/", feeds.LatestArticlesFeed(), name="feed_rss"),
    path("news/feed/atom/", feeds.LatestArticlesAtomFeed(), name="feed_atom"),
    path("news/<slug:slug>/", views.ArticleDetailView.as_view(), name="detail"),
    path("category/<slug:slug>/", views.CategoryDetailView.as_view(), name="category"),
    path(
        "category/<slug:slug>/feed/rss/",
        feeds.CategoryArticlesFeed(),
        name="category_feed_rss",
    ),
]
