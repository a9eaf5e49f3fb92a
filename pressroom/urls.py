from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path
from django.views.generic import RedirectView

from pagecache.versions import reads_query
from pressroom.views import healthz
from website.files import release_file
from website.sitemaps import SITEMAPS
from website.views import robots_txt

# Outside the language prefixes a 404 cannot know the reader's language: it speaks both.
handler404 = "pressroom.views.page_not_found"

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/v1/", include("api.urls")),
    # Developers try the bare /api/ first: lead them to the reference.
    path("api/", RedirectView.as_view(pattern_name="api:openapi-view"), name="api-root"),
    path(
        "sitemap.xml",
        # Django's sitemap view reads its page number from `p`.
        reads_query("p")(sitemap),
        {"sitemaps": SITEMAPS, "template_name": "releases/sitemap.xml"},
        name="sitemap",
    ),
    path("robots.txt", robots_txt, name="robots-txt"),
    path("healthz", healthz, name="healthz"),
]

if settings.SERVE_MEDIA:
    # Each file goes only to those who may see its release (website/files.py).
    urlpatterns.append(path(f"{settings.MEDIA_URL.lstrip('/')}<path:path>", release_file))

urlpatterns += i18n_patterns(
    path("alerts/", include("alerts.urls")),
    path("media/", include("media.urls")),
    path("", include("website.urls")),
    path("", include("review.urls")),
)
