"""Releases by the Hong Kong day they were issued: the home page's groups and a page per day."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from testing.factories import make_release

pytestmark = pytest.mark.django_db

HONG_KONG = ZoneInfo("Asia/Hong_Kong")


def at(day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2026, 6, day, hour, minute, tzinfo=HONG_KONG)


@pytest.fixture
def week(db):
    """Two releases this morning, one yesterday at 23:30 (15:30 UTC, still yesterday in HK)."""
    return {
        "early": make_release(
            title_en="Morning seizure", title_zh="早上檢獲", publish_at=at(15, 8, 5)
        ),
        "late": make_release(
            title_en="Midday arrest", title_zh="中午拘捕", publish_at=at(15, 11, 40)
        ),
        "yesterday": make_release(
            title_en="Late-night raid", title_zh="深夜搜查", publish_at=at(14, 23, 30)
        ),
        "tomorrow": make_release(
            title_en="Scheduled notice", title_zh="預定通告", publish_at=at(16, 9)
        ),
    }


def test_day_page_lists_that_hong_kong_day_with_issue_times(client, week):
    response = client.get("/en/releases/2026/06/14/")

    page = response.content.decode()
    assert response.status_code == 200
    assert "<title>14 June 2026 | Customs and Excise Department</title>" in page
    assert "Press releases of Sunday, 14 June 2026" in page
    assert "Late-night raid" in page
    assert "23:30 HKT" in page
    assert "Morning seizure" not in page
    assert '<a href="/en/releases/2026/06/13/" rel="prev">Previous day</a>' in page
    assert '<a href="/en/releases/2026/06/15/" rel="next">Next day</a>' in page


def test_today_page_is_headed_today_and_offers_no_day_still_to_come(client, week):
    page = client.get("/en/releases/2026/06/15/").content.decode()

    assert "Today's press releases" in page
    assert page.index("Midday arrest") < page.index("Morning seizure")
    assert "11:40 HKT" in page
    assert "08:05 HKT" in page
    assert "Late-night raid" not in page
    assert "Scheduled notice" not in page
    assert 'rel="next"' not in page
    assert 'rel="prev"' in page


def test_chinese_today_page_says_today_in_chinese(client, week):
    page = client.get("/zh-hant/releases/2026/06/15/").content.decode()

    assert "今日新聞公報" in page
    assert "2026年6月15日（星期一）" in page
    assert "香港時間11:40" in page
    assert "Today" not in page
    assert "HKT" not in page


def test_header_link_to_today_leads_to_the_hong_kong_date(client, clock):
    # 00:30 in Hong Kong is still the day before in UTC.
    clock.move_to(at(16, 0, 30))

    response = client.get("/zh-hant/releases/today/")

    assert response.status_code == 302
    assert response["Location"] == "/zh-hant/releases/2026/06/16/"
    assert "no-cache" in response["Cache-Control"]


def test_a_day_without_releases_says_so(client, week):
    response = client.get("/en/releases/2020/02/29/")

    assert response.status_code == 200
    assert "No press releases were issued on this day." in response.content.decode()


@pytest.mark.parametrize("path", ["2026/02/30", "2026/13/01", "2026/00/10"])
def test_a_date_that_does_not_exist_is_not_found(client, db, path):
    assert client.get(f"/en/releases/{path}/").status_code == 404


def day_heading(path: str, iso: str, label: str) -> str:
    return f'<a href="{path}"><time datetime="{iso}">{label}</time></a>'


def test_home_groups_releases_under_their_day_linked_to_its_page(client, week):
    page = client.get("/en/").content.decode()

    today = page.index(
        day_heading("/en/releases/2026/06/15/", "2026-06-15", "Monday, 15 June 2026")
    )
    yesterday = page.index(
        day_heading("/en/releases/2026/06/14/", "2026-06-14", "Sunday, 14 June 2026")
    )
    assert today < page.index("Midday arrest") < page.index("Morning seizure") < yesterday
    assert yesterday < page.index("Late-night raid")
    assert "11:40 HKT" in page


def test_archive_lists_show_the_issue_time_beside_the_date(client, week):
    english = client.get("/en/releases/").content.decode()
    chinese = client.get("/zh-hant/releases/").content.decode()

    assert "15 June 2026, 11:40 HKT" in english
    assert "2026年6月15日，香港時間11:40" in chinese


def test_search_results_show_the_issue_time(client, week):
    page = client.get("/en/releases/?q=raid").content.decode()

    assert "14 June 2026, 23:30 HKT" in page
