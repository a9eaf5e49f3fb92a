from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.conf.urls.static import static
from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("admin/", admin.site.urls),
]

urlpatterns += i18n_patterns(path("", include("releases.urls")))

# Uploaded images and attachments, served by runserver in development only.
urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
