"""Bad input to the API gets a 400 or 404 in JSON that says what is wrong, never HTML or a 500."""

from unittest import mock

import pytest
from django.db import OperationalError

from api.cursor import encode

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("path", "parameter", "message"),
    [
        ("/api/v1/releases?topic=nope", "topic", "there is no topic 'nope'"),
        ("/api/v1/releases?topic=" + "x" * 51, "topic", "at most 50 characters"),
        ("/api/v1/releases?since=yesterday", "since", "not a date (2023-11-30)"),
        ("/api/v1/releases?until=2023-13-01", "until", "not a date"),
        ("/api/v1/releases?since=0001-01-01", "since", "out of range"),
        ("/api/v1/releases?until=9999-12-31T23:59:59-10:00", "until", "out of range"),
        ("/api/v1/releases?updated_since=2023-11-30T25:00", "updated_since", "not a date"),
        ("/api/v1/releases?q=" + "海" * 10_000, "q", "at most 200 characters"),
        ("/api/v1/releases?limit=0", "limit", "greater than or equal to 1"),
        ("/api/v1/releases?limit=101", "limit", "less than or equal to 100"),
        ("/api/v1/releases?limit=many", "limit", "valid integer"),
        ("/api/v1/releases?lang=fr", "lang", "'zh-hant', 'en' or 'zh-hans'"),
        ("/api/v1/releases?cursor=not-a-cursor", "cursor", "not a cursor this API gave"),
        ("/api/v1/releases?cursor=WyJ4IiwxXQ", "cursor", "not a cursor"),  # ["x",1]
        ("/api/v1/releases?cursor=" + "%FF" * 10, "cursor", "not a cursor"),
        ("/api/v1/releases/1?lang=xx", "lang", "'zh-hant', 'en' or 'zh-hans'"),
        ("/api/v1/releases/abc", "release_id", "valid integer"),
        ("/api/v1/topics?lang=de", "lang", "'zh-hant', 'en' or 'zh-hans'"),
        ("/api/v1/contacts?lang=de", "lang", "'zh-hant', 'en' or 'zh-hans'"),
    ],
)
def test_bad_parameters_get_a_400_naming_the_parameter(
    api_client, demo_release, path, parameter, message
):
    response = api_client.get(path)

    assert response.status_code == 400
    body = response.json()
    assert [error["parameter"] for error in body["errors"]] == [parameter]
    assert message in body["errors"][0]["message"]
    assert body["detail"].startswith(f"{parameter}: ")


def test_cursors_out_of_the_database_range_are_refused(api_client, demo_release):
    too_large = encode(demo_release.publish_at, 2**63)

    response = api_client.get("/api/v1/releases", {"cursor": too_large})

    assert response.status_code == 400
    assert response.json()["errors"][0]["parameter"] == "cursor"


@pytest.mark.parametrize(
    ("path", "detail"),
    [
        ("/api/v1/releases/999", "there is no public release 999"),
        ("/api/v1/releases/0", "there is no public release 0"),
        ("/api/v1/releases/99999999999999999999999", "there is no public release"),
        ("/api/v1/releases/", "there is no endpoint at /api/v1/releases/"),
        ("/api/v1/nope", "there is no endpoint at /api/v1/nope"),
        ("/api/v1/", "there is no endpoint at /api/v1/"),
    ],
)
def test_what_does_not_exist_gets_a_json_404(api_client, demo_release, path, detail):
    response = api_client.get(path)

    assert response.status_code == 404
    assert response.json()["detail"].startswith(detail)


def test_the_refusal_of_a_good_request_is_beside_its_success(api_client, demo_release):
    assert api_client.get("/api/v1/releases?topic=&since=2023-11-30&lang=en").status_code == 200
    assert api_client.get("/api/v1/releases/1").status_code == 200


def test_without_the_database_the_api_answers_a_json_503(api_client, demo_release):
    with mock.patch("api.releases.filtered", side_effect=OperationalError("gone")):
        response = api_client.client.get("/api/v1/releases?fresh=1")

    assert response.status_code == 503
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert response["Retry-After"] == "30"
    assert "no-cache" in response["Cache-Control"]
    assert response.json()["detail"] == "the database is unavailable; try again shortly"
