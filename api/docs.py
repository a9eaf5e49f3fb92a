"""The API's reference page, rendered on the server from its own OpenAPI document.

Ninja's default docs page runs Swagger UI, JavaScript from a CDN; this page
needs no script and no other site, so it works offline and under the site's
Content-Security-Policy, and it is cached like every public page.
"""

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from ninja import NinjaAPI
from ninja.openapi.docs import DocsBase

# Schemas of the query parameters: the endpoints' parameter tables already list them.
_PARAMETER_SCHEMA_SUFFIX = "Parameters"


def describe(fragment: dict) -> str:
    """Name the type a JSON Schema fragment describes, in a few words."""
    if "$ref" in fragment:
        return fragment["$ref"].rsplit("/", 1)[-1]
    if "anyOf" in fragment:
        return " or ".join(describe(option) for option in fragment["anyOf"])
    if "enum" in fragment:
        return " | ".join(f'"{value}"' for value in fragment["enum"])
    kind = fragment.get("type", "any")
    if kind == "array":
        return f"list of {describe(fragment.get('items', {}))}"
    if kind == "object" and isinstance(fragment.get("additionalProperties"), dict):
        return f"{describe(fragment['additionalProperties'])} by language code"
    if fragment.get("format") == "date-time":
        return "ISO 8601 time"
    return kind


def named_schema(fragment: dict) -> str:
    """Name the schema a fragment is, or is a list of; "" when it is neither."""
    if "$ref" in fragment:
        return fragment["$ref"].rsplit("/", 1)[-1]
    if fragment.get("type") == "array":
        return named_schema(fragment.get("items", {}))
    return ""


def _bounds(fragment: dict) -> str:
    bounds = [
        f"{label} {fragment[key]}"
        for key, label in [
            ("default", "default"),
            ("minimum", "at least"),
            ("maximum", "at most"),
            ("maxLength", "characters at most"),
        ]
        if key in fragment
    ]
    for option in fragment.get("anyOf", []):
        if "maxLength" in option:
            bounds.append(f"{option['maxLength']} characters at most")
    return ", ".join(bounds)


def answer(status: str, response: dict) -> dict:
    """Describe one answer of an endpoint, with the schema its body is (or is a list of)."""
    body = response["content"]["application/json"]["schema"] if "content" in response else {}
    return {
        "status": status,
        "description": response.get("description", ""),
        "type": describe(body) if body else "",
        "schema": named_schema(body),
    }


def operations(schema: dict) -> list[dict]:
    """List every endpoint with its parameters and answers, in the document's order."""
    found = []
    for path, methods in schema["paths"].items():
        for method, operation in methods.items():
            found.append(
                {
                    "anchor": operation["operationId"],
                    "method": method.upper(),
                    "path": path,
                    "summary": operation.get("summary", ""),
                    "description": operation.get("description", ""),
                    "parameters": [
                        {
                            "name": parameter["name"],
                            "where": parameter["in"],
                            "required": parameter.get("required", False),
                            "type": describe(parameter["schema"]),
                            "bounds": _bounds(parameter["schema"]),
                            "description": parameter.get("description", ""),
                        }
                        for parameter in operation.get("parameters", [])
                    ],
                    "responses": [
                        answer(status, response)
                        for status, response in operation["responses"].items()
                    ],
                }
            )
    return found


def schemas(schema: dict) -> list[dict]:
    """List every answer's schema with its fields."""
    return [
        {
            "name": name,
            "fields": [
                {
                    "name": field,
                    "type": describe(definition),
                    "required": field in body.get("required", []),
                    "description": definition.get("description", ""),
                }
                for field, definition in body.get("properties", {}).items()
            ],
        }
        for name, body in schema.get("components", {}).get("schemas", {}).items()
        if not name.endswith(_PARAMETER_SCHEMA_SUFFIX)
    ]


class ReferencePage(DocsBase):
    """Render /api/v1/docs from the OpenAPI document, in the reader's language."""

    def render_page(self, request: HttpRequest, api: NinjaAPI, **kwargs: Any) -> HttpResponse:
        schema = api.get_openapi_schema(path_params=kwargs)
        context = {
            "api": schema["info"],
            "openapi_url": self.get_openapi_url(api, kwargs),
            "operations": operations(schema),
            "schemas": schemas(schema),
        }
        return render(request, "api/docs.html", context)
