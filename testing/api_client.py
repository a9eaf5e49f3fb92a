"""Read the JSON API in tests, checking every answer against the API's own OpenAPI document."""

import json
from functools import cache

from django.http import HttpResponse
from django.test import Client
from ninja.responses import NinjaJSONEncoder
from openapi_core import OpenAPI
from openapi_core.contrib.django import DjangoOpenAPIRequest, DjangoOpenAPIResponse

from api.api import api

OPENAPI_PATH = "/api/v1/openapi.json"


@cache
def specification() -> OpenAPI:
    """The OpenAPI document as /api/v1/openapi.json serves it (JSON: status codes as text)."""
    schema = api.get_openapi_schema(path_prefix="/api/v1/")
    return OpenAPI.from_dict(json.loads(json.dumps(schema, cls=NinjaJSONEncoder)))


class ApiClient:
    """A test client whose every JSON answer must be one the OpenAPI document describes.

    A 304 carries no body to check, and the JSON 404 for an address that is no
    endpoint is, by definition, not in the document; both are checked for what
    they are instead.
    """

    def __init__(self, client: Client):
        self.client = client

    def get(
        self, path: str, data: dict | None = None, headers: dict | None = None
    ) -> HttpResponse:
        response = self.client.get(path, data, headers=headers)
        assert response["Access-Control-Allow-Origin"] == "*"
        if response.status_code == 304:
            assert response.content == b""
            return response
        if path == OPENAPI_PATH:
            # Ninja serves its document as plain application/json (JSON is UTF-8 anyway).
            assert response["Content-Type"] == "application/json"
            assert response.json()["openapi"].startswith("3.")
            return response
        assert response["Content-Type"] == "application/json; charset=utf-8"
        if response.status_code == 404 and "endpoint" in response.json()["detail"]:
            assert response.json()["errors"] == []
            return response
        specification().validate_response(
            DjangoOpenAPIRequest(response.wsgi_request), DjangoOpenAPIResponse(response)
        )
        return response
