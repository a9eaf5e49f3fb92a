"""The archive: every public release, 20 a page, filtered by topic, year, month and words."""

import re
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from releases.models import Topic
from testing.factories import make_release, make_topic

pytestmark = pytest.mark.django_db


@pytest.fixture
def drugs(db) -> Topic:
    return make_topic("drug-enforcement", "緝毒", "Drug enforcement")


@pytest.fixture
def dated(release_factory, drugs):
    """Releases in November and December 2023 and January 2024, Hong Kong time."""
    made = {}
    for name, moment, on_drugs in [
        ("November drugs", datetime(2023, 11, 10, 2, tzinfo=UTC), True),
        ("November trade", datetime(2023, 11, 20, 2, tzinfo=UTC), False),
        # 20:00 UTC on 31 December is 04:00 on 1 January in Hong Kong.
        ("New Year drugs", datetime(2023, 12, 31, 20, tzinfo=UTC), True),
        ("December trade", datetime(2023, 12, 5, 2, tzinfo=UTC), False),
    ]:
        release = release_factory(title_en=name, title_zh=f"{name}中文", publish_at=moment)
        if on_drugs:
            release.topics.add(drugs)
        made[name] = release
    return made


def titles(response) -> list[str]:
    page = re.sub(r"</?mark>", "", response.content.decode())
    return [
        name
        for name in ("November drugs", "November trade", "New Year drugs", "December trade")
        if f">{name}<" in page
    ]


def test_archive_lists_twenty_a_page_newest_first(client, release_factory):
    now = timezone.now()
    for day in range(25):
        release_factory(title_en=f"Release {day:02d}", publish_at=now - timedelta(days=day + 1))

    first = client.get("/en/releases/").content.decode()
    second = client.get("/en/releases/?page=2").content.decode()

    assert first.count('class="release-card"') == 20
    assert first.index("Release 00") < first.index("Release 19")
    assert "Release 20" not in first
    assert second.count('class="release-card"') == 5
    assert "Release 24" in second
    assert "25 press releases" in first
    assert "Page 1 of 2" in first
    assert 'href="?page=2" rel="next"' in first
    assert 'href="?page=1" rel="prev"' in second


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("topic=drug-enforcement", ["November drugs", "New Year drugs"]),
        ("year=2023", ["November drugs", "November trade", "December trade"]),
        ("year=2024", ["New Year drugs"]),
        ("year=2023&month=11", ["November drugs", "November trade"]),
        ("month=12", ["December trade"]),
        ("topic=drug-enforcement&year=2023", ["November drugs"]),
        ("topic=drug-enforcement&year=2023&month=11", ["November drugs"]),
        ("q=trade&year=2023&month=12", ["December trade"]),
        ("q=drugs&topic=drug-enforcement", ["November drugs", "New Year drugs"]),
    ],
)
def test_filters_combine_with_each_other_and_with_search(client, dated, query, expected):
    response = client.get(f"/en/releases/?{query}")

    assert response.status_code == 200
    assert titles(response) == expected


def test_page_links_keep_the_filters_and_the_search(client, release_factory, drugs):
    now = timezone.now()
    for day in range(22):
        release = release_factory(title_en=f"Cocaine {day}", publish_at=now - timedelta(days=day))
        release.topics.add(drugs)

    page = client.get("/en/releases/?q=cocaine&topic=drug-enforcement&junk=1").content.decode()

    assert 'href="?q=cocaine&amp;topic=drug-enforcement&amp;page=2" rel="next"' in page
    # The header's search box keeps the filters too, so a new search stays in the topic.
    assert '<input type="hidden" name="topic" value="drug-enforcement">' in page
    assert '<option value="drug-enforcement" selected>Drug enforcement</option>' in page


@pytest.mark.parametrize(
    ("query", "english", "chinese"),
    [
        ("page=abc", "The page must be a whole number", "頁數必須是整數"),
        ("page=0", "The page must be a whole number", "頁數必須是整數"),
        ("page=99", "There is no page 99 of these results.", "這些結果沒有第 99 頁。"),
        ("year=99999", "The year must be between 1900 and 9999.", "年份必須介乎 1900 至 9999。"),
        ("year=abc", "The year must be a number", "年份必須是數字"),
        ("month=13", "The month must be a number from 1 to 12.", "月份必須是 1 至 12 的數字。"),
        ("topic=nope", "There is no topic called “nope”.", "沒有名為「nope」的主題。"),
        ("topic=%3Cscript%3E", "There is no topic called “&lt;script&gt;”.", "&lt;script&gt;"),
    ],
)
def test_invalid_filters_get_a_404_saying_what_is_wrong(client, dated, query, english, chinese):
    response_en = client.get(f"/en/releases/?{query}")
    response_zh = client.get(f"/zh-hant/releases/?{query}")

    assert response_en.status_code == response_zh.status_code == 404
    assert english in response_en.content.decode()
    assert chinese in response_zh.content.decode()
    assert "See all press releases" in response_en.content.decode()
    assert titles(response_en) == []


@pytest.mark.parametrize(
    ("query", "invalid"),
    [
        ("topic=nope", {"id_topic"}),
        ("year=abc&month=13", {"filter-year", "id_month"}),
        ("year=99999&topic=nope&month=0", {"filter-year", "id_topic", "id_month"}),
    ],
)
def test_every_invalid_field_is_marked_and_points_at_a_message_that_exists(
    client, dated, query, invalid
):
    page = client.get(f"/en/releases/?{query}").content.decode()

    marked = re.findall(r'<select[^>]*\bid="([^"]+)"[^>]*>', page)
    fields = {
        id_: tag for id_, tag in zip(marked, re.findall(r"<select[^>]*>", page), strict=True)
    }
    assert {id_ for id_, tag in fields.items() if 'aria-invalid="true"' in tag} == invalid
    for id_ in invalid:
        described_by = re.search(r'aria-describedby="([^"]+)"', fields[id_]).group(1)
        message = re.search(rf'<p id="{described_by}">([^<]+)</p>', page)
        assert message, f"{id_} points at {described_by}, which is not on the page"
        assert message.group(1).strip()


def test_a_valid_filter_with_nothing_in_it_says_so(client, dated):
    response = client.get("/zh-hant/releases/?year=1990")

    assert response.status_code == 200
    assert "沒有符合篩選條件的新聞公報。" in response.content.decode()


def test_a_search_with_no_results_says_so(client, dated):
    response = client.get("/en/releases/?q=nothinglikethis")

    assert response.status_code == 200
    assert "No press releases match your search." in response.content.decode()


def test_archive_filters_are_in_the_interface_language(client, dated):
    chinese = client.get("/zh-hant/releases/").content.decode()
    english = client.get("/en/releases/").content.decode()

    assert '<option value="drug-enforcement">緝毒</option>' in chinese
    assert '<option value="11">十一月</option>' in chinese
    assert "所有新聞公報" in chinese
    assert "All press releases" not in chinese
    assert '<option value="drug-enforcement">Drug enforcement</option>' in english
    assert '<option value="2024">2024</option>' in english
    assert '<option value="11">November</option>' in english


def test_home_links_to_the_archive(client, demo_release):
    chinese = client.get("/zh-hant/").content.decode()
    english = client.get("/en/").content.decode()

    assert '<a href="/zh-hant/releases/">所有新聞公報（按日期及主題瀏覽）</a>' in chinese
    assert '<a href="/en/releases/">All press releases, by date and topic</a>' in english


@pytest.mark.parametrize("path", ["", "releases/", "releases/1/x/", "no-such-page/"])
def test_every_page_has_the_search_box(client, demo_release, path):
    page = client.get(f"/en/{path}", follow=True).content.decode()

    assert '<form class="site-search" role="search" action="/en/releases/" method="get">' in page
    assert '<label class="site-search__label" for="site-search-query">Search press releases' in (
        page
    )
    assert 'id="site-search-query" type="search" name="q"' in page


def test_search_results_are_not_indexed_but_the_archive_is(client, dated):
    assert 'content="noindex' in client.get("/en/releases/?q=drugs").content.decode()
    assert 'content="noindex' not in client.get("/en/releases/").content.decode()


# Queries: the same count with 1 or 30 releases, and with 1 or 6 topics.


@pytest.fixture
def drug_releases(drugs):
    for number in range(25):
        release = make_release(
            title_en=f"Seizure {number}",
            title_zh=f"檢獲{number}",
            publish_at=datetime(2025, 3, 1 + number, 10, tzinfo=ZoneInfo("Asia/Hong_Kong")),
        )
        release.topics.add(drugs)
    return drugs


@pytest.mark.parametrize(
    ("path", "heading"),
    [
        (
            "/en/releases/?topic=drug-enforcement&year=2025&page=2",
            "Drug enforcement · 2025 · page 2",
        ),
        ("/en/releases/?topic=drug-enforcement", "Drug enforcement"),
        ("/en/releases/?year=2025&month=3", "March 2025"),
        ("/en/releases/?page=2", "All press releases · page 2"),
        (
            "/en/releases/?q=seizure&topic=drug-enforcement&page=2",
            "Search results for “seizure” · Drug enforcement · page 2",
        ),
        ("/zh-hant/releases/?topic=drug-enforcement&year=2025&page=2", "緝毒，2025年，第2頁"),
        ("/zh-hant/releases/?year=2025&month=3", "2025年3月"),
        ("/zh-hant/releases/", "所有新聞公報"),
    ],
)
def test_archive_page_is_titled_and_headed_by_what_it_holds(client, drug_releases, path, heading):
    page = client.get(path).content.decode()

    assert f'<h1 class="page-title">{heading}</h1>' in page
    assert f"<title>{heading} | " in page
    assert f'<meta property="og:title" content="{heading}">' in page
