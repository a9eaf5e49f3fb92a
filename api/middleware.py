"""Let any web page read the API: its answers are public open data."""

from collections.abc import Callable

from django.http import HttpRequest, HttpResponseBase

API_PREFIX = "/api/"


class OpenAccessMiddleware:
    """Add `Access-Control-Allow-Origin: *` to every GET and HEAD answer of the API.

    Outside the page cache, so cached answers and 304s carry it too. The API
    reads no cookie and no credentials, so the wildcard gives nothing away.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        response = self.get_response(request)
        if request.method in ("GET", "HEAD") and request.path_info.startswith(API_PREFIX):
            response["Access-Control-Allow-Origin"] = "*"
        return response
