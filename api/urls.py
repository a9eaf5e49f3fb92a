from django.urls import path, re_path

from api.api import api
from api.parameters import LanguageParameters, ReleaseParameters
from api.views import not_found, openapi_document
from pagecache.versions import reads_query

# The page cache keys a page on the query parameters its view declares and strips the rest
# (pagecache.versions.reads_query): the release list reads every filter, the others the language.
READS = {"list_releases": tuple(ReleaseParameters.model_fields)}
LANGUAGE_ONLY = tuple(LanguageParameters.model_fields)


def declared(patterns: list) -> list:
    """Declare on each of Ninja's URL patterns the query parameters its endpoint reads."""
    for pattern in patterns:
        pattern.callback = reads_query(*READS.get(pattern.name, LANGUAGE_ONLY))(pattern.callback)
    return patterns


# Not `app_name`: a module-level name of that spelling would namespace this whole URLconf.
ninja_patterns, ninja_app, ninja_namespace = api.urls

urlpatterns = [
    # Before Ninja's own root view, which answers an HTML 404.
    path("", not_found),
    # Before Ninja's own, which escapes every Chinese character.
    path("openapi.json", reads_query()(openapi_document)),
    path("", (declared(ninja_patterns), ninja_app, ninja_namespace)),
    re_path(r"^.*$", not_found),
]
