from django.urls import path

from releases import views

app_name = "releases"

urlpatterns = [
    path("", views.home, name="home"),
    path("releases/<int:pk>/", views.detail, name="detail-by-id"),
    path("releases/preview/<int:pk>/", views.preview, name="preview"),
    path("releases/<int:pk>/<str:slug>/", views.detail, name="detail"),
]
