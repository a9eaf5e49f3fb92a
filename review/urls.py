from django.urls import path

from review import views

app_name = "review"

urlpatterns = [
    path("review/<str:token>/", views.review_page, name="page"),
    path("review/<str:token>/parallel/", views.review_parallel, name="parallel"),
]
