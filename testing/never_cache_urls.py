"""A URLconf for tests: the site's URLs plus a never-cache page under the language prefixes."""

from django.conf.urls.i18n import i18n_patterns
from django.http import HttpRequest, HttpResponse
from django.urls import path
from django.views.decorators.cache import never_cache

from pressroom.urls import urlpatterns as site_urlpatterns

renders: list[HttpRequest] = []


@never_cache
def preview(request: HttpRequest) -> HttpResponse:
    """Stand in for a preview: public address, content meant for one person."""
    renders.append(request)
    return HttpResponse(f"preview {len(renders)}")


urlpatterns = [*site_urlpatterns, *i18n_patterns(path("preview/", preview))]
