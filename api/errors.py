"""Refusals as JSON: what was wrong with which parameter, never an HTML page or a 500."""

import logging

from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse
from django.utils.cache import add_never_cache_headers
from ninja import NinjaAPI
from ninja.errors import ValidationError

from pressroom.middleware import RETRY_AFTER_SECONDS

logger = logging.getLogger(__name__)


class BadParameter(Exception):
    """A parameter that is well formed but cannot be answered (an unknown topic, a cursor)."""

    def __init__(self, parameter: str, message: str):
        super().__init__(message)
        self.parameter = parameter
        self.message = message


def _parameter_errors(exc: ValidationError) -> list[dict]:
    errors = []
    for error in exc.errors:
        # Ninja names a parameter by where it came from ("query", "path") and then its name.
        location = [str(part) for part in error.get("loc", ()) if part not in ("query", "path")]
        message = error.get("msg", "is not valid").removeprefix("Value error, ")
        errors.append({"parameter": ".".join(location) or "request", "message": message})
    return errors


def refused(api: NinjaAPI, request: HttpRequest, errors: list[dict]) -> HttpResponse:
    detail = "; ".join(f"{error['parameter']}: {error['message']}" for error in errors)
    return api.create_response(request, {"detail": detail, "errors": errors}, status=400)


def connect(api: NinjaAPI) -> None:
    """Answer the API's refusals and a lost database in JSON."""

    @api.exception_handler(ValidationError)
    def invalid(request: HttpRequest, exc: ValidationError) -> HttpResponse:
        return refused(api, request, _parameter_errors(exc))

    @api.exception_handler(BadParameter)
    def bad_parameter(request: HttpRequest, exc: BadParameter) -> HttpResponse:
        return refused(api, request, [{"parameter": exc.parameter, "message": exc.message}])

    @api.exception_handler(OperationalError)
    @api.exception_handler(InterfaceError)
    def database_unavailable(request: HttpRequest, exc: Exception) -> HttpResponse:
        # The error's class, not its text: connection errors can name hosts and users.
        logger.error(
            "Database unavailable (%s) for %s; answered 503.", type(exc).__name__, request.path
        )
        response = api.create_response(
            request, {"detail": "the database is unavailable; try again shortly"}, status=503
        )
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        add_never_cache_headers(response)
        return response
