"""A release page says where readers and previews look first that it was withdrawn or updated."""

from datetime import timedelta

import pytest
from django.utils import timezone

from releases.publishing import withdraw
from testing.factories import add_change_note, committed, make_release
from testing.pages import detail_path

pytestmark = pytest.mark.django_db


@pytest.fixture
def withdrawn(db):
    release = make_release(title_zh="撤回的公報", title_en="Seizure figures")
    reasons = {
        "zh-hant": "數字有誤，稍後重發。",
        "en": "The figures were wrong; a new release follows.",
    }
    with committed():
        withdraw(release, reasons, user=None, now=timezone.now())
    return release


@pytest.mark.parametrize(
    ("language", "title", "reason"),
    [
        ("en", "Withdrawn: Seizure figures", "The figures were wrong; a new release follows."),
        ("zh-hant", "已撤回：撤回的公報", "數字有誤，稍後重發。"),
    ],
)
def test_withdrawn_release_says_so_in_its_title_and_preview(
    client, withdrawn, language, title, reason
):
    page = client.get(detail_path(withdrawn, language)).content.decode()

    assert f"<title>{title} | " in page
    assert f'<meta property="og:title" content="{title}">' in page
    assert f'<meta name="twitter:title" content="{title}">' in page
    assert f'<meta property="og:description" content="{reason}">' in page
    assert f'<meta name="description" content="{reason}">' in page


def test_release_still_public_keeps_its_plain_title(client, db):
    release = make_release(title_en="Seizure figures")

    page = client.get(detail_path(release, "en")).content.decode()

    assert '<meta property="og:title" content="Seizure figures">' in page
    assert "Withdrawn" not in page


@pytest.mark.parametrize(
    ("language", "line"),
    [
        (
            "en",
            'Updated 16 June 2026</time> – <a href="#change-history-heading">see what changed</a>',
        ),
        (
            "zh-hant",
            '2026年6月16日更新</time>——<a href="#change-history-heading">查看修訂內容</a>',
        ),
    ],
)
def test_corrected_release_says_it_was_updated_under_its_title(client, db, clock, language, line):
    release = make_release()
    clock.move_to(timezone.now() + timedelta(days=1))
    add_change_note(release)

    page = client.get(detail_path(release, language)).content.decode()

    assert line in page
    assert page.index('class="release__updated"') < page.index('id="change-history-heading"')


def test_release_never_corrected_has_no_updated_line(client, db):
    page = client.get(detail_path(make_release(), "en")).content.decode()

    assert "release__updated" not in page
    assert "Ends/" in page
