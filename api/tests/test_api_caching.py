"""The API goes through the page cache like every public page, and any web page may read it."""

import re
from datetime import UTC, datetime

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from testing.factories import add_change_note

pytestmark = pytest.mark.django_db

PATHS = ["/api/v1/releases", "/api/v1/releases/1", "/api/v1/topics", "/api/v1/contacts"]


@pytest.mark.parametrize("path", PATHS)
def test_answers_are_cached_with_validators_and_answer_304(api_client, demo_release, path):
    first = api_client.get(path)
    with CaptureQueriesContext(connection) as queries:
        again = api_client.get(path)
        unchanged = api_client.get(path, headers={"if-none-match": first["ETag"]})

    assert len(queries) == 0
    assert again.content == first.content
    assert first["ETag"] == again["ETag"]
    assert set(first["Cache-Control"].split(", ")) == {"public", "max-age=60"}
    assert first["Last-Modified"]
    assert unchanged.status_code == 304
    assert unchanged["Access-Control-Allow-Origin"] == "*"


def test_a_change_reaches_the_api_at_once(api_client, demo_release):
    first = api_client.get("/api/v1/releases/1")
    with time_machine.travel(datetime(2023, 12, 1, 7, 30, tzinfo=UTC), tick=False):
        add_change_note(demo_release)

    changed = api_client.get("/api/v1/releases/1", headers={"if-none-match": first["ETag"]})

    assert changed.status_code == 200
    assert changed.json()["updated_at"] == "2023-12-01T15:30:00+08:00"
    assert changed["Last-Modified"] == "Fri, 01 Dec 2023 07:30:00 GMT"


def test_a_release_is_dated_by_its_last_public_change(api_client, demo_release):
    response = api_client.get("/api/v1/releases/1")

    assert response["Last-Modified"] == "Thu, 30 Nov 2023 02:00:00 GMT"
    again = api_client.get(
        "/api/v1/releases/1", headers={"if-modified-since": response["Last-Modified"]}
    )
    assert again.status_code == 304


def test_refusals_carry_the_open_access_header_too(api_client, demo_release):
    for path in ("/api/v1/releases?since=x", "/api/v1/releases/999", "/api/v1/nope"):
        assert api_client.get(path)["Access-Control-Allow-Origin"] == "*"


def test_site_pages_do_not_carry_the_open_access_header(client, api_client, demo_release):
    page = client.get("/en/")
    api_answer = api_client.get("/api/v1/releases")

    assert page.status_code == api_answer.status_code == 200
    assert "Access-Control-Allow-Origin" not in page
    assert api_answer["Access-Control-Allow-Origin"] == "*"


def test_the_openapi_document_lists_every_endpoint_and_its_refusals(api_client, db):
    document = api_client.get("/api/v1/openapi.json").json()

    assert document["info"]["version"] == "1"
    assert set(document["paths"]) == {
        "/api/v1/releases",
        "/api/v1/releases/{release_id}",
        "/api/v1/topics",
        "/api/v1/contacts",
    }
    releases = document["paths"]["/api/v1/releases"]["get"]
    assert set(releases["responses"]) == {"200", "400"}
    assert set(document["paths"]["/api/v1/releases/{release_id}"]["get"]["responses"]) == {
        "200",
        "400",
        "404",
    }
    assert [parameter["name"] for parameter in releases["parameters"]] == [
        "lang",
        "topic",
        "since",
        "until",
        "updated_since",
        "q",
        "limit",
        "cursor",
    ]


@pytest.mark.parametrize(
    ("language", "heading", "parameters"),
    [("en", "Open data API", "Parameters"), ("zh-hant", "開放數據應用程式介面", "參數")],
)
def test_the_docs_page_describes_every_endpoint_without_script(
    client, db, language, heading, parameters
):
    response = client.get("/api/v1/docs", headers={"accept-language": language})
    page = response.content.decode()

    assert response.status_code == 200
    assert f'<html lang="{"zh-Hant-HK" if language == "zh-hant" else "en"}">' in page
    assert f'<h1 class="page-title">{heading} ' in page
    assert f"<caption>{parameters}</caption>" in page
    for path in ("/api/v1/releases", "/api/v1/releases/{release_id}", "/api/v1/topics"):
        assert f"<code>GET {path}</code>" in page
    assert "<code>updated_since</code>" in page
    assert 'href="/api/v1/openapi.json"' in page
    assert "<script" not in page
    assert " style=" not in page
    # Links may lead elsewhere (the terms); nothing the page loads comes from another site.
    assert re.search(r'<(?:script|link|img)[^>]+="https?://(?!testserver)', page) is None
    assert "Accept-Language" in response["Vary"]
