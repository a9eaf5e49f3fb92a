"""The JSON API's releases: everything a release is, in both languages, filtered and paged."""

from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.utils import timezone

from releases.models import Attachment, Release
from releases.publishing import withdraw
from testing.factories import add_attachment, add_change_note, add_image, committed, make_topic

pytestmark = pytest.mark.django_db

EN_TITLE = "AEO Expert Mission and Symposium for ASEAN and Hong Kong, China"
ZH_TITLE = "海關舉辦「東盟及中國香港AEO專家交流會及論壇」"
SLUG = "aeo-expert-mission-and-symposium-for-asean-and-hong-kong-china"
CORRECTED = datetime(2023, 12, 1, 7, 30, tzinfo=UTC)


@pytest.fixture
def full_release(demo_release) -> Release:
    """The demo release with a topic, an image, an English-only file and a correction."""
    demo_release.topics.add(make_topic("aeo", "認可經濟營運商", "Authorised Economic Operator"))
    add_image(demo_release, caption=("交流會", "The symposium"))
    add_attachment(demo_release, title=("", "Programme"), language=Attachment.Language.ENGLISH)
    with time_machine.travel(CORRECTED, tick=False):
        add_change_note(demo_release)
    return demo_release


def test_a_release_carries_everything_it_is_in_both_languages(api_client, full_release):
    [item] = api_client.get("/api/v1/releases").json()["items"]

    assert item["id"] == 1
    assert item["status"] == "published"
    assert item["urls"] == {
        "zh-hant": f"http://testserver/zh-hant/releases/1/{SLUG}/",
        "en": f"http://testserver/en/releases/1/{SLUG}/",
        "zh-hans": f"http://testserver/zh-hans/releases/1/{SLUG}/",
    }
    assert item["published_at"] == "2023-11-30T10:00:00+08:00"
    assert item["updated_at"] == "2023-12-01T15:30:00+08:00"
    assert item["texts"]["en"]["title"] == EN_TITLE
    assert item["texts"]["zh-hant"]["title"] == ZH_TITLE
    assert item["texts"]["en"]["summary"].startswith("Hong Kong Customs held")
    assert item["texts"]["en"]["body"].count("\n\n") == 1
    assert item["texts"]["en"]["body_html"].startswith("<p>Hong Kong Customs held")
    assert item["topics"] == [
        {
            "slug": "aeo",
            "name": {"zh-hant": "認可經濟營運商", "en": "Authorised Economic Operator"},
            "releases": "http://testserver/api/v1/releases?topic=aeo",
        }
    ]
    assert item["contact"]["office"]["en"] == "Office of Trade Relations and Public Communication"
    assert item["contact"]["department"]["zh-hant"] == "香港海關"
    [image] = item["images"]
    assert image["alt_text"] == {"zh-hant": "海關人員", "en": "Customs officers"}
    assert image["caption"] == {"zh-hant": "交流會", "en": "The symposium"}
    assert image["renditions"][-1]["url"].startswith("http://testserver/media/releases/1/")
    assert [rendition["width"] for rendition in image["renditions"]] == [640, 1280]
    assert image["width"] > 1280
    [attachment] = item["attachments"]
    assert attachment["content_type"] == "application/pdf"
    assert attachment["language"] == "en"
    assert attachment["title"]["en"] == "Programme"
    assert attachment["size"] > 0
    assert item["change_notes"] == [
        {
            "created_at": "2023-12-01T15:30:00+08:00",
            "note": {"zh-hant": "更正日期。", "en": "Date corrected."},
        }
    ]
    assert item["withdrawal"] is None


def test_one_release_is_the_same_as_in_the_list(api_client, full_release):
    listed = api_client.get("/api/v1/releases").json()["items"][0]
    response = api_client.get("/api/v1/releases/1")

    assert response.status_code == 200
    assert response.json() == listed
    # Dated by its last public change, as its page is.
    assert response["Last-Modified"] == "Fri, 01 Dec 2023 07:30:00 GMT"


@pytest.mark.parametrize(
    ("lang", "title", "attachments"),
    [
        ("en", EN_TITLE, 1),
        ("zh-hant", ZH_TITLE, 0),
        ("zh-hans", "海关举办「东盟及中国香港AEO专家交流会及论坛」", 0),
    ],
)
def test_lang_returns_one_language_only(api_client, full_release, lang, title, attachments):
    item = api_client.get("/api/v1/releases", {"lang": lang}).json()["items"][0]
    detail = api_client.get("/api/v1/releases/1", {"lang": lang}).json()

    assert detail == item
    assert list(item["texts"]) == [lang]
    assert item["texts"][lang]["title"] == title
    assert list(item["topics"][0]["name"]) == [lang]
    assert list(item["contact"]["office"]) == [lang]
    assert list(item["images"][0]["alt_text"]) == [lang]
    assert list(item["change_notes"][0]["note"]) == [lang]
    # A file in the other language only is left out, as that language's column leaves it.
    assert len(item["attachments"]) == attachments
    assert len(item["urls"]) == 3


def test_a_withdrawn_release_stays_with_its_withdrawal(api_client, demo_release):
    withdrawn_at = datetime(2023, 12, 2, 1, 0, tzinfo=UTC)
    with time_machine.travel(withdrawn_at, tick=False), committed():
        withdraw(
            demo_release,
            {"zh-hant": "資料有誤。", "en": "Facts were wrong."},
            user=None,
            now=withdrawn_at,
        )

    item = api_client.get("/api/v1/releases").json()["items"][0]

    assert item["status"] == "withdrawn"
    assert item["withdrawal"] == {
        "withdrawn_at": "2023-12-02T09:00:00+08:00",
        "reason": {"zh-hant": "資料有誤。", "en": "Facts were wrong."},
    }
    assert item["updated_at"] == "2023-12-02T09:00:00+08:00"
    assert api_client.get("/api/v1/releases/1").json()["status"] == "withdrawn"


@pytest.fixture
def dated(release_factory) -> dict[str, Release]:
    """Four releases across two months, the newest on topic "drugs"."""
    drugs = make_topic("drugs", "緝毒", "Drug enforcement")
    moments = {
        "october": datetime(2023, 10, 31, 15, 59, tzinfo=UTC),  # 23:59 on 31 October, HKT
        "november": datetime(2023, 10, 31, 16, 0, tzinfo=UTC),  # 00:00 on 1 November, HKT
        "late november": datetime(2023, 11, 30, 2, 0, tzinfo=UTC),
        "december": datetime(2023, 12, 5, 2, 0, tzinfo=UTC),
    }
    releases = {
        name: release_factory(title_en=name, title_zh=f"{name}公報", publish_at=moment)
        for name, moment in moments.items()
    }
    releases["december"].topics.add(drugs)
    return releases


def titles(api_client, **parameters) -> list[str]:
    response = api_client.get("/api/v1/releases", parameters)
    assert response.status_code == 200, response.json()
    return [item["texts"]["en"]["title"] for item in response.json()["items"]]


@pytest.mark.parametrize(
    ("parameters", "expected"),
    [
        ({}, ["december", "late november", "november", "october"]),
        ({"topic": "drugs"}, ["december"]),
        ({"since": "2023-11-01"}, ["december", "late november", "november"]),
        ({"until": "2023-10-31"}, ["october"]),
        ({"since": "2023-11-01", "until": "2023-11-30"}, ["late november", "november"]),
        ({"since": "2023-11-30T10:00:00+08:00"}, ["december", "late november"]),
        ({"since": "2023-11-30T10:00:01+08:00"}, ["december"]),
        ({"until": "2023-11-30T02:00:00Z"}, ["late november", "november", "october"]),
        ({"q": "december"}, ["december"]),
        ({"q": "公報", "since": "2023-11-01"}, ["december", "late november", "november"]),
        ({"q": "december", "topic": "drugs"}, ["december"]),
        ({"q": "october", "topic": "drugs"}, []),
        ({"limit": "2"}, ["december", "late november"]),
        (
            {"nocache": "123", "utm_source": "x"},
            ["december", "late november", "november", "october"],
        ),
    ],
)
def test_filters_combine(api_client, dated, parameters, expected):
    assert titles(api_client, **parameters) == expected


def test_q_finds_what_the_site_search_finds(client, api_client, dated):
    for query in ("november", "公報", "公报", "nothinglikethis"):
        page = client.get("/en/releases/", {"q": query}).content.decode()
        site = {title for title in dated if f">{title}</" in page or f">{title}公報</" in page}

        assert set(titles(api_client, q=query)) == site, query


def test_updated_since_finds_releases_published_corrected_or_withdrawn_since(api_client, dated):
    since = datetime(2024, 1, 1, tzinfo=UTC)
    with time_machine.travel(since + timedelta(hours=1), tick=False):
        add_change_note(dated["october"])
        with committed():
            withdraw(
                dated["november"],
                {"zh-hant": "撤回。", "en": "Withdrawn."},
                user=None,
                now=timezone.now(),
            )
        dated["late november"].slug = "edited-without-a-note"
        dated["late november"].save()

        found = titles(api_client, updated_since=since.isoformat())

    assert found == ["november", "october"]


def test_pages_follow_each_other_through_next_links(api_client, dated):
    first = api_client.get("/api/v1/releases", {"limit": 3, "topic": "", "junk": "1"}).json()

    assert [item["texts"]["en"]["title"] for item in first["items"]] == [
        "december",
        "late november",
        "november",
    ]
    # The page cache drops the blank topic and the unknown parameter before the API reads them.
    assert first["next"].startswith("http://testserver/api/v1/releases?limit=3&cursor=")
    second = api_client.get(first["next"]).json()
    assert [item["texts"]["en"]["title"] for item in second["items"]] == ["october"]
    assert second["next"] is None


def test_a_cursor_holds_while_releases_are_published(api_client, release_factory, dated):
    first = api_client.get("/api/v1/releases", {"limit": 2}).json()
    release_factory(title_en="published meanwhile")

    second = api_client.get(first["next"]).json()

    assert [item["texts"]["en"]["title"] for item in second["items"]] == ["november", "october"]


def test_topics_list_every_topic_with_its_names(api_client, dated):
    make_topic("aeo", "認可經濟營運商", "AEO")

    topics = api_client.get("/api/v1/topics").json()
    english = api_client.get("/api/v1/topics", {"lang": "en"}).json()

    assert [topic["slug"] for topic in topics] == ["aeo", "drugs"]
    assert topics[1]["name"] == {"zh-hant": "緝毒", "en": "Drug enforcement"}
    assert english[1]["name"] == {"en": "Drug enforcement"}
    assert api_client.get(topics[1]["releases"]).json()["items"][0]["id"] == dated["december"].pk


def test_contacts_list_every_office_in_both_languages(api_client, demo_release):
    [contact] = api_client.get("/api/v1/contacts").json()

    assert contact["email"] == "aeo@customs.gov.hk"
    assert contact["office"] == {
        "zh-hant": "貿易關係及公共傳訊科",
        "en": "Office of Trade Relations and Public Communication",
    }
