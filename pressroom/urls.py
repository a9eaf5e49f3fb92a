from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path

from pressroom.media import serve_media
from pressroom.views import healthz

urlpatterns = [
    path("admin/", admin.site.urls),
    path("healthz", healthz, name="healthz"),
]

if settings.SERVE_MEDIA:
    urlpatterns.append(path(f"{settings.MEDIA_URL.lstrip('/')}<path:path>", serve_media))

urlpatterns += i18n_patterns(path("", include("releases.urls")))
