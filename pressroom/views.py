"""Views of the site as a whole, outside any language."""

import logging
import secrets

from django.conf import settings
from django.core.cache import cache
from django.db import DatabaseError, connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.translation import get_language_from_path
from django.views import defaults
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

logger = logging.getLogger(__name__)

HEALTH_PROBE_KEY = "healthz-probe"


def database_answers() -> bool:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            return cursor.fetchone() == (1,)
    except DatabaseError:
        return False


def cache_answers() -> bool:
    # A distinct value per call, so an old entry cannot pass for a live cache.
    probe = secrets.token_hex(8)
    try:
        cache.set(HEALTH_PROBE_KEY, probe, timeout=10)
        return cache.get(HEALTH_PROBE_KEY) == probe
    except Exception:
        logger.exception("Cache health probe failed.")
        return False


@never_cache
@require_safe
def healthz(request: HttpRequest) -> JsonResponse:
    """Answer 200 when the database and the cache answer, else 503 naming what is down."""
    checks = {"database": database_answers(), "cache": cache_answers()}
    down = [name for name, ok in checks.items() if not ok]
    body = {
        "status": "unavailable" if down else "ok",
        **{name: "ok" if ok else "unavailable" for name, ok in checks.items()},
    }
    return JsonResponse(body, status=503 if down else 200)


def page_not_found(request: HttpRequest, exception: Exception) -> HttpResponse:
    """Answer in the page's language under a language prefix, and in both anywhere else."""
    if get_language_from_path(request.path_info):
        return defaults.page_not_found(request, exception)
    return render(request, "404_bilingual.html", status=404)


def locked_out(
    request: HttpRequest, original_response: HttpResponse | None, credentials: dict | None
) -> HttpResponse:
    """Tell a locked-out user, in the interface language, why and for how long (django-axes)."""
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    return render(request, "admin/locked_out.html", {"cooloff_minutes": minutes}, status=429)
