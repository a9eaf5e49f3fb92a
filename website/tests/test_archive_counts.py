"""The archive's count: exact up to a limit, then an estimate worded as one; every page reached."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone

from testing.factories import make_topic

pytestmark = pytest.mark.django_db

FILTERS = [pytest.param({}, id="all"), pytest.param({"topic": "drug-enforcement"}, id="topic")]


@pytest.fixture
def daily(release_factory):
    """25 releases on the drug enforcement topic, one a day for the 25 days before today."""
    drugs = make_topic("drug-enforcement", "緝毒", "Drug enforcement")
    now = timezone.now()
    for day in range(25):
        release = release_factory(
            title_en=f"Release {day:02d}", publish_at=now - timedelta(days=day + 1)
        )
        release.topics.add(drugs)


def page(client, number: int = 1, language: str = "en", **filters):
    return client.get(f"/{language}/releases/", {"page": number, **filters})


def titles(response) -> list[str]:
    return re.findall(r">(Release \d\d)<", response.content.decode())


@pytest.mark.parametrize("filters", FILTERS)
def test_up_to_the_limit_a_list_is_counted_exactly(client, daily, settings, filters):
    settings.LIST_EXACT_COUNT_LIMIT = 25

    english = page(client, **filters).content.decode()
    chinese = page(client, language="zh-hant", **filters).content.decode()

    assert "25 press releases" in english
    assert "Page 1 of 2" in english
    assert "about" not in english
    assert "共 25 篇新聞公報" in chinese
    assert "第 1 頁，共 2 頁" in chinese
    assert "約" not in chinese
    assert page(client, 3, **filters).status_code == 404


@pytest.mark.parametrize("filters", FILTERS)
def test_above_the_limit_a_list_is_estimated_and_says_so(client, daily, settings, filters):
    settings.LIST_EXACT_COUNT_LIMIT = 10

    english = page(client, **filters).content.decode()
    chinese = page(client, language="zh-hant", **filters).content.decode()
    simplified = page(client, language="zh-hans", **filters).content.decode()

    # The newest 11 came in 10 days; at that pace the 24 days back to the oldest hold 26.
    assert "about 26 press releases" in english
    assert "Page 1 of about 2" in english
    assert "約 26 篇新聞公報" in chinese
    assert "第 1 頁，共約 2 頁" in chinese
    assert "约 26 篇新闻公报" in simplified
    last = page(client, 2, **filters)
    assert titles(last) == [f"Release {day}" for day in range(20, 25)]
    assert 'rel="next"' not in last.content.decode()
    assert page(client, 3, **filters).status_code == 404


@pytest.mark.parametrize("filters", FILTERS)
def test_an_estimate_takes_its_pace_from_the_newest_of_the_sample(
    client, daily, settings, filters
):
    settings.LIST_EXACT_COUNT_LIMIT = 10
    settings.LIST_PACE_SAMPLE = 5

    english = page(client, **filters).content.decode()
    chinese = page(client, language="zh-hant", **filters).content.decode()

    # The newest 5 came in 4 days; at that pace the 24 days back to the oldest hold 30.
    assert "about 30 press releases" in english
    assert "約 30 篇新聞公報" in chinese
    assert titles(page(client, 2, **filters)) == [f"Release {day}" for day in range(20, 25)]
    assert page(client, 3, **filters).status_code == 404


def test_a_topic_under_the_limit_is_counted_exactly_among_many_others(
    client, daily, release_factory, settings
):
    settings.LIST_EXACT_COUNT_LIMIT = 10
    trade = make_topic("trade-facilitation", "貿易便利", "Trade facilitation")
    now = timezone.now()
    # Eight trade releases, each a day before a day of the 25 on drugs, the oldest 24 days
    # back: far more releases of other topics lie between them than the limit.
    for n in range(8):
        release = release_factory(
            title_en=f"Trade {n}", publish_at=now - timedelta(days=3 * n + 1, hours=1)
        )
        release.topics.add(trade)

    english = page(client, topic="trade-facilitation").content.decode()
    chinese = page(client, language="zh-hant", topic="trade-facilitation").content.decode()

    assert "8 press releases" in english
    assert "about" not in english
    assert "共 8 篇新聞公報" in chinese
    assert "約" not in chinese


def test_a_count_above_the_limit_is_one_query(client, daily, settings, django_assert_num_queries):
    settings.LIST_EXACT_COUNT_LIMIT = 10

    # Topics with their names; the years; the count; the page; its translations.
    with django_assert_num_queries(5):
        response = page(client, topic="drug-enforcement")

    assert "about 26 press releases" in response.content.decode()


def test_every_page_is_reached_however_far_below_the_estimate(client, release_factory, settings):
    settings.LIST_EXACT_COUNT_LIMIT = 10
    now = timezone.now()
    # Eleven releases a day apart, then thirty more in the hours before the oldest of them.
    for n in range(41):
        moment = now - timedelta(days=n + 1) if n < 11 else now - timedelta(days=12, hours=n)
        release_factory(title_en=f"Release {n:02d}", publish_at=moment)

    first = page(client).content.decode()
    pages = [titles(page(client, number)) for number in (1, 2, 3)]
    third = page(client, 3).content.decode()

    # The newest 11 came in 10 days: at that pace, 14 back to the oldest, 13 days and 16 hours.
    assert "about 14 press releases" in first
    assert 'rel="next"' in first  # more than the estimate's one page
    assert pages[0] + pages[1] + pages[2] == [f"Release {n:02d}" for n in range(41)]
    assert "Page 3 of about 3" in third
    assert 'rel="next"' not in third
    past_the_end = page(client, 4)
    assert past_the_end.status_code == 404
    assert "There is no page 4 of these results." in past_the_end.content.decode()


def test_a_page_far_past_an_estimate_is_a_404_in_both_languages(client, daily, settings):
    settings.LIST_EXACT_COUNT_LIMIT = 10

    english = page(client, 10**12)
    chinese = page(client, 5_000, language="zh-hant")

    assert english.status_code == 404
    assert "There is no page 1000000000000 of these results." in english.content.decode()
    assert chinese.status_code == 404
    assert "這些結果沒有第 5000 頁。" in chinese.content.decode()


def test_an_estimate_above_the_releases_there_are_ends_at_the_last_page(
    client, release_factory, settings
):
    settings.LIST_EXACT_COUNT_LIMIT = 10
    now = timezone.now()
    # Eleven releases in the last eleven hours, then ten more a hundred days apart.
    for n in range(21):
        moment = now - timedelta(hours=n + 1) if n < 11 else now - timedelta(days=100 * (n - 10))
        release_factory(title_en=f"Release {n:02d}", publish_at=moment)

    first = page(client)

    assert re.search(r"about [\d,]{6,} press releases", first.content.decode())
    assert titles(first) == [f"Release {n:02d}" for n in range(20)]
    second = page(client, 2)
    assert titles(second) == ["Release 20"]
    assert 'rel="next"' not in second.content.decode()
    assert page(client, 3).status_code == 404
