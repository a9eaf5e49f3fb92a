"""Addresses under /api/v1/ that are no endpoint still answer in JSON."""

from django.http import HttpRequest, JsonResponse


def not_found(request: HttpRequest, *args, **kwargs) -> JsonResponse:
    return JsonResponse(
        {"detail": f"there is no endpoint at {request.path}; see /api/v1/docs", "errors": []},
        status=404,
        content_type="application/json; charset=utf-8",
        json_dumps_params={"ensure_ascii": False},
    )
