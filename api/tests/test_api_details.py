"""Details a developer meets: links that keep the language, nulls for what is missing,
Chinese as characters, and an OpenAPI document that says where, whose and how."""

import pytest

from releases.models import Contact
from testing.factories import make_release, make_topic

pytestmark = pytest.mark.django_db


@pytest.fixture
def filed(db):
    topic = make_topic("drugs", "緝毒", "Drug enforcement")
    make_release(title_zh="緝毒公報", title_en="Drug seizure").topics.add(topic)
    return topic


@pytest.mark.parametrize("lang", ["en", "zh-hans"])
def test_a_topics_releases_link_keeps_the_language_asked_for(api_client, filed, lang):
    [topic] = api_client.get("/api/v1/topics", {"lang": lang}).json()

    assert topic["releases"] == f"http://testserver/api/v1/releases?topic=drugs&lang={lang}"
    [release] = api_client.get(topic["releases"]).json()["items"]
    assert list(release["texts"]) == [lang]


def test_a_topics_releases_link_asked_in_no_language_gives_both(api_client, filed):
    [topic] = api_client.get("/api/v1/topics").json()

    assert topic["releases"] == "http://testserver/api/v1/releases?topic=drugs"


def test_an_office_without_a_phone_number_gives_null(api_client, demo_release):
    contact = Contact.default()
    contact.phone = ""
    contact.save()

    [answer] = api_client.get("/api/v1/contacts").json()

    assert answer["phone"] is None
    assert answer["email"] == contact.email


def test_an_office_with_a_phone_number_gives_it(api_client, demo_release):
    contact = Contact.default()
    contact.phone = "2852 1234"
    contact.save()

    [answer] = api_client.get("/api/v1/contacts").json()

    assert answer["phone"] == "2852 1234"


def test_json_carries_chinese_as_characters_not_escapes(client, filed):
    releases = client.get("/api/v1/releases").content.decode()
    document = client.get("/api/v1/openapi.json").content.decode()

    assert "緝毒公報" in releases
    assert "\\u" not in releases
    assert "香港海關" in document
    assert "\\u" not in document


def test_openapi_document_names_the_department_its_server_licence_and_examples(client, db):
    document = client.get("/api/v1/openapi.json").json()

    assert (
        document["info"]["title"] == "香港海關 Customs and Excise Department: press releases API"
    )
    assert document["info"]["license"]["name"]
    assert document["info"]["license"]["url"].startswith("https://")
    assert document["info"]["termsOfService"].startswith("https://")
    assert document["servers"] == [{"url": "/", "description": "This site"}]
    schemas = document["components"]["schemas"]
    for name in ("Release", "Topic", "Contact", "Error"):
        assert schemas[name]["examples"], name
    assert schemas["Topic"]["examples"][0]["releases"].endswith("?topic=drug-enforcement")
