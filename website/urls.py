from django.urls import path, register_converter

from website import cards, days, feeds, topics, views

register_converter(days.FourDigits, "yyyy")
register_converter(days.TwoDigits, "dd")

app_name = "releases"

urlpatterns = [
    path("", views.home, name="home"),
    path("releases/", views.archive, name="archive"),
    path("releases/today/", days.today, name="today"),
    path("releases/<yyyy:year>/<dd:month>/<dd:day>/", days.day, name="day"),
    path("releases/<int:pk>/", views.detail, name="detail-by-id"),
    path("releases/<int:pk>/card-<slug:digest>.png", cards.release_card, name="card"),
    path("card-<slug:digest>.png", cards.default_card, name="default-card"),
    path("releases/preview/<int:pk>/", views.preview, name="preview"),
    path("releases/<int:pk>/<str:slug>/", views.detail, name="detail"),
    path("releases/<int:pk>/<str:slug>/parallel/", views.parallel, name="parallel"),
    path("topics/", topics.topics, name="topics"),
    path("feeds/", views.feeds, name="feeds"),
    path("feed/", feeds.LatestReleasesFeed(), name="feed"),
    path("feed/atom/", feeds.LatestReleasesAtomFeed(), name="feed-atom"),
    path("feed/json/", feeds.LatestReleasesJSONFeed(), name="feed-json"),
    path("topics/<slug:slug>/feed/", feeds.TopicFeed(), name="topic-feed"),
    path("topics/<slug:slug>/feed/atom/", feeds.TopicAtomFeed(), name="topic-feed-atom"),
    path("topics/<slug:slug>/feed/json/", feeds.TopicJSONFeed(), name="topic-feed-json"),
]
