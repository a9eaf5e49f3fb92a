"""Each language's text ends with when the release was issued, in Hong Kong time."""

from datetime import UTC, datetime

import pytest
import time_machine

from testing.factories import add_change_note
from testing.pages import column_of, detail_path

pytestmark = pytest.mark.django_db

ISSUED_EN = "Ends/Thursday, 30 November 2023 / Issued at HKT 10:00"
ISSUED_ZH = "完 / 2023年11月30日（星期四）/ 香港時間10時00分發出"


@pytest.mark.parametrize("language", ["zh-hant", "en"])
def test_each_column_ends_with_the_issuing_record_in_its_own_language(
    client, demo_release, language
):
    page = client.get(detail_path(demo_release, language)).content.decode()

    english, chinese = column_of(page, "en"), column_of(page, "zh-Hant-HK")
    assert ISSUED_EN in english
    assert ISSUED_ZH in chinese
    assert "完 /" not in english
    assert "Ends/" not in chinese
    assert '<time datetime="2023-11-30T10:00:00+08:00">' in english
    assert "Updated at HKT" not in page


def test_a_simplified_page_converts_the_chinese_record(client, demo_release):
    page = client.get(detail_path(demo_release, "zh-hans")).content.decode()

    assert "完 / 2023年11月30日（星期四）/ 香港时间10时00分发出" in column_of(page, "zh-Hans")
    assert ISSUED_EN in column_of(page, "en")


def test_a_correction_adds_when_it_was_made(client, demo_release):
    with time_machine.travel(datetime(2023, 12, 1, 7, 30, tzinfo=UTC), tick=False):
        add_change_note(demo_release)

    page = client.get(detail_path(demo_release, "en")).content.decode()

    assert "Updated at HKT 15:30 on Friday, 1 December 2023" in column_of(page, "en")
    assert "2023年12月1日（星期五）香港時間15時30分更新" in column_of(page, "zh-Hant-HK")
    assert ISSUED_EN in column_of(page, "en")


def test_a_scheduled_release_is_issued_when_it_came_due(client, release_factory):
    with time_machine.travel(datetime(2024, 2, 29, 0, 0, tzinfo=UTC), tick=False) as traveller:
        release = release_factory(publish_at=datetime(2024, 2, 29, 0, 45, tzinfo=UTC))
        assert client.get(detail_path(release, "en")).status_code == 404
        traveller.move_to(datetime(2024, 2, 29, 1, 0, tzinfo=UTC))

        page = client.get(detail_path(release, "en")).content.decode()

    assert "Ends/Thursday, 29 February 2024 / Issued at HKT 08:45" in page
    assert "完 / 2024年2月29日（星期四）/ 香港時間8時45分發出" in page
