"""The OpenAPI document with Chinese as characters; addresses that are no endpoint, in JSON."""

from django.http import HttpRequest, JsonResponse
from ninja.responses import NinjaJSONEncoder

from api.api import api


def openapi_document(request: HttpRequest) -> JsonResponse:
    """Serve /api/v1/openapi.json as Ninja would, with Chinese as characters, not escapes."""
    return JsonResponse(
        api.get_openapi_schema(),
        encoder=NinjaJSONEncoder,
        json_dumps_params={"ensure_ascii": False},
    )


def not_found(request: HttpRequest, *args, **kwargs) -> JsonResponse:
    return JsonResponse(
        {"detail": f"there is no endpoint at {request.path}; see /api/v1/docs", "errors": []},
        status=404,
        content_type="application/json; charset=utf-8",
        json_dumps_params={"ensure_ascii": False},
    )
