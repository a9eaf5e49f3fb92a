"""The API's reference page, rendered on the server from its own OpenAPI document.

Ninja's default docs page runs Swagger UI, JavaScript from a CDN; this page
needs no script and no other site, so it works offline and under the site's
Content-Security-Policy, and it is cached like every public page.
"""

import json
import re
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import translation
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language, pgettext
from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.openapi.docs import DocsBase

from api.schemas import EXAMPLE_SITE, RELEASE_EXAMPLE
from pressroom.languages import SWITCHER_LABELS, html_lang

# Schemas of the query parameters: the endpoints' parameter tables already list them.
_PARAMETER_SCHEMA_SUFFIX = "Parameters"
# The OpenAPI document writes code as Markdown does: `updated_at`.
_CODE = re.compile(r"`([^`]+)`")


def prose(text: str) -> SafeString:
    """Translate a text of the OpenAPI document and show its `code` as code, escaped."""
    return mark_safe(_CODE.sub(r"<code>\1</code>", escape(_(text)) if text else ""))


def describe(fragment: dict) -> str:
    """Name the type a JSON Schema fragment describes, in a few words of the page's language."""
    if "$ref" in fragment:
        return fragment["$ref"].rsplit("/", 1)[-1]
    if "anyOf" in fragment:
        return _(" or ").join(describe(option) for option in fragment["anyOf"])
    if "enum" in fragment:
        return " | ".join(f'"{value}"' for value in fragment["enum"])
    kind = fragment.get("type", "any")
    if kind == "array":
        return _("list of %(item)s") % {"item": describe(fragment.get("items", {}))}
    if kind == "object" and isinstance(fragment.get("additionalProperties"), dict):
        return _("%(item)s by language code") % {
            "item": describe(fragment["additionalProperties"])
        }
    if fragment.get("format") == "date-time":
        return _("ISO 8601 time")
    return {
        "string": pgettext("JSON type", "text"),
        "integer": _("whole number"),
        "null": "null",
        "boolean": _("true or false"),
    }.get(kind, kind)


def named_schema(fragment: dict) -> str:
    """Name the schema a fragment is, or is a list of; "" when it is neither."""
    if "$ref" in fragment:
        return fragment["$ref"].rsplit("/", 1)[-1]
    if fragment.get("type") == "array":
        return named_schema(fragment.get("items", {}))
    return ""


def _bounds(fragment: dict) -> str:
    labels = {
        "default": _("default %(value)s"),
        "minimum": _("at least %(value)s"),
        "maximum": _("at most %(value)s"),
        "maxLength": _("%(value)s characters at most"),
    }
    bounds = [label % {"value": fragment[key]} for key, label in labels.items() if key in fragment]
    for option in fragment.get("anyOf", []):
        if "maxLength" in option:
            bounds.append(labels["maxLength"] % {"value": option["maxLength"]})
    return _(", ").join(bounds)


def answer(status: str, response: dict) -> dict:
    """Describe one answer of an endpoint, with the schema its body is (or is a list of)."""
    body = response["content"]["application/json"]["schema"] if "content" in response else {}
    # Ninja names the answers in English; the page names them in its language.
    words = {"OK": _("OK"), "Bad Request": _("Bad request"), "Not Found": _("Not found")}
    description = response.get("description", "")
    return {
        "status": status,
        "description": words.get(description, description),
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
                    "summary": prose(operation.get("summary", "")),
                    "description": prose(operation.get("description", "")),
                    "parameters": [
                        {
                            "name": parameter["name"],
                            "where": parameter["in"],
                            "required": parameter.get("required", False),
                            "type": describe(parameter["schema"]),
                            "bounds": _bounds(parameter["schema"]),
                            "description": prose(parameter.get("description", "")),
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
                    "description": prose(definition.get("description", "")),
                }
                for field, definition in body.get("properties", {}).items()
            ],
        }
        for name, body in schema.get("components", {}).get("schemas", {}).items()
        if not name.endswith(_PARAMETER_SCHEMA_SUFFIX)
    ]


def page_language(request: HttpRequest) -> str:
    """The page's language: ?lang= as the switcher links it, else the browser's."""
    asked = request.GET.get("lang", "")
    return asked if asked in dict(settings.LANGUAGES) else get_language()


class ReferencePage(DocsBase):
    """Render /api/v1/docs from the OpenAPI document, in one language at a time."""

    def render_page(self, request: HttpRequest, api: NinjaAPI, **kwargs: Any) -> HttpResponse:
        schema = api.get_openapi_schema(path_params=kwargs)
        language = page_language(request)
        with translation.override(language):
            site = request.build_absolute_uri(schema["servers"][0]["url"]).rstrip("/")
            example = {
                "items": [{**RELEASE_EXAMPLE, "texts": {"en": RELEASE_EXAMPLE["texts"]["en"]}}],
                "next": None,
            }
            # The example's addresses are this site's, as the answer would give them.
            example_response = json.dumps(example, ensure_ascii=False, indent=2).replace(
                EXAMPLE_SITE, site
            )
            context = {
                "api": schema["info"],
                "page_language": language,
                "switcher": [
                    {
                        "code": code,
                        "label": label,
                        "html_lang": html_lang(code),
                        "name": translation.get_language_info(code)["name_local"],
                        "url": f"{request.path}?lang={code}",
                        "is_current": code == language,
                    }
                    for code, label in SWITCHER_LABELS.items()
                ],
                "example_request": f"{site}/api/v1/releases?limit=1&lang=en",
                "example_response": example_response,
                "openapi_url": self.get_openapi_url(api, kwargs),
                "operations": operations(schema),
                "schemas": schemas(schema),
            }
            return render(request, "api/docs.html", context)
