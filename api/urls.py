from django.urls import path, re_path

from api.api import api
from api.views import not_found

urlpatterns = [
    # Before Ninja's own root view, which answers an HTML 404.
    path("", not_found),
    path("", api.urls),
    re_path(r"^.*$", not_found),
]
