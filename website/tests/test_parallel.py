"""The release page lets each language flow on its own; comparing is a page of its own."""

import re

import pytest

from releases.models import Release
from testing.factories import make_release
from testing.pages import detail_path

pytestmark = pytest.mark.django_db


def parallel_path(release: Release, language: str) -> str:
    return f"{detail_path(release, language)}parallel/"


def rows_of(page: str) -> list[list[tuple[str, str]]]:
    """Return each row of the parallel view as (lang, text) cells, tags stripped."""
    rows = re.findall(r'<div class="parallel__row">(.*?)\n  </div>', page, re.S)
    return [
        [
            (lang, re.sub(r"<[^>]+>", "", text).strip())
            for lang, text in re.findall(
                r'<div class="parallel__cell" lang="([^"]+)">(.*?)</div>', row, re.S
            )
        ]
        for row in rows
    ]


@pytest.mark.parametrize(
    ("language", "link"),
    [("zh-hant", "逐段對照"), ("en", "Compare paragraph by paragraph")],
)
def test_release_page_keeps_each_language_in_one_column_and_links_the_comparison(
    client, release_factory, language, link
):
    release = release_factory(body_zh="一。\n\n二。\n\n三。", body_en="One.\n\nTwo.\n\nThree.")

    page = client.get(detail_path(release, language)).content.decode()

    assert '<div class="release__columns">' in page
    assert "release__columns--aligned" not in page
    assert f'<a href="{parallel_path(release, language)}">{link}</a>' in page
    assert 'name="robots"' not in page


@pytest.mark.parametrize(
    ("language", "first", "second", "title", "back"),
    [
        ("zh-hant", "zh-Hant-HK", "en", "逐段對照：測試公報", "返回新聞公報"),
        ("en", "en", "zh-Hant-HK", "Compare paragraph by paragraph: Test release", "Back to the"),
    ],
)
def test_parallel_view_pairs_the_blocks_row_by_row_interface_language_first(
    client, release_factory, language, first, second, title, back
):
    release = release_factory(
        body_zh="第一段。\n\n- 甲\n- 乙\n\n第三段。",
        body_en="First.\n\n- A\n- B\n\nThird.",
    )

    response = client.get(parallel_path(release, language))
    page = response.content.decode()

    assert response.status_code == 200
    cells = {
        "zh-Hant-HK": ["測試公報", "第一段。", "甲\n乙", "第三段。"],
        "en": ["Test release", "First.", "A\nB", "Third."],
    }
    assert rows_of(page) == [
        [(first, cells[first][row]), (second, cells[second][row])] for row in range(4)
    ]
    assert f"<title>{title} | " in page
    assert '<meta name="robots" content="noindex, follow">' in page
    assert f'<a href="{detail_path(release, language)}">{back}' in page


def test_a_translation_with_fewer_blocks_leaves_its_side_of_the_last_rows_empty(client):
    release = make_release(body_zh="一。", body_en="One.\n\nTwo.")

    rows = rows_of(client.get(parallel_path(release, "en")).content.decode())

    assert rows[1:] == [
        [("en", "One."), ("zh-Hant-HK", "一。")],
        [("en", "Two."), ("zh-Hant-HK", "")],
    ]


def test_parallel_view_at_a_wrong_or_old_slug_moves_permanently_to_the_right_one(client):
    release = make_release()

    response = client.get(f"/en/releases/{release.pk}/old-title/parallel/")

    assert response.status_code == 301
    assert response["Location"] == parallel_path(release, "en")


@pytest.mark.parametrize("status", [Release.Status.DRAFT])
def test_parallel_view_of_a_release_the_public_may_not_see_is_not_found(client, status):
    release = make_release(status=status)

    response = client.get(parallel_path(release, "en"))

    assert response.status_code == 404
    assert "Test release" not in response.content.decode()
