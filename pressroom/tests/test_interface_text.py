"""Interface text reads as each language writes it."""

import re

import pytest

from testing.pages import detail_path

pytestmark = pytest.mark.django_db

# Each page as a path under its language prefix, given the demo release's page.
PAGES = {
    "home": lambda release: "",
    "archive": lambda release: "releases/",
    "search": lambda release: "releases/?q=海關",
    "bad-filter": lambda release: "releases/?year=abc",
    "not-found": lambda release: "no-such-page/",
    "release": lambda release: release,
    "parallel": lambda release: f"{release}parallel/",
    "topics": lambda release: "topics/",
    "feeds": lambda release: "feeds/",
    "day": lambda release: "releases/2023/11/30/",
}


def text_of(html: str) -> str:
    return re.sub(r"<[^>]+>", "", html)


@pytest.mark.parametrize("language", ["zh-hant", "zh-hans"])
@pytest.mark.parametrize("page_of", PAGES.values(), ids=PAGES.keys())
def test_chinese_pages_put_no_ascii_space_after_a_full_width_colon(
    client, demo_release, language, page_of
):
    release_path = detail_path(demo_release, language).removeprefix(f"/{language}/")

    text = text_of(client.get(f"/{language}/{page_of(release_path)}").content.decode())

    assert "：" in text
    assert not re.search(r"：[ \t]", text), re.findall(r".{0,12}：[ \t].{0,12}", text)
