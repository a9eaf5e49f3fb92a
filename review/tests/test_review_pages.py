"""The pages a review link opens, as an anonymous reviewer sees them.

They keep the reviewer inside what the link opens, never name the release's
public address, say what the release is now, and count only a person's visits.
"""

import re
from datetime import timedelta
from html.parser import HTMLParser
from urllib.parse import urlsplit

import pytest
from django.test import Client
from django.utils import timezone, translation

from releases import publishing
from releases.models import Release
from review.models import ReviewLink
from testing.factories import (
    add_attachment,
    add_image,
    add_review_link,
    committed,
    make_release,
    staff_member,
)

pytestmark = pytest.mark.django_db

BROWSER = (
    "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 "
    "(KHTML, like Gecko) Version/17.5 Safari/605.1.15"
)
LANGUAGES = ["zh-hant", "en", "zh-hans"]
URL_ATTRIBUTES = {"href", "src", "action", "content", "srcset", "poster", "formaction", "data"}


class Addresses(HTMLParser):
    """Every address a page names: in attributes, in srcset lists, in text and scripts."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name not in URL_ATTRIBUTES or not value:
                continue
            if name == "srcset":
                self.found += [part.split()[0] for part in value.split(",") if part.strip()]
            elif name != "content" or value.startswith(("/", "http")):
                self.found.append(value)

    def handle_data(self, data: str) -> None:
        # Addresses written out: print's web address, JSON-LD, anything in text.
        self.found += re.findall(r"https?://[^\s\"'<>]+", data)


def addresses_of(page: str) -> list[str]:
    parser = Addresses()
    parser.feed(page)
    return parser.found


def inside_the_link(address: str, link: ReviewLink) -> bool:
    """An address the link itself opens: its pages in any language, or the page's own files."""
    if address.startswith("#") or address.startswith(("mailto:", "tel:")):
        return True
    parts = urlsplit(address)
    if parts.netloc not in ("", "testserver"):
        return False
    if parts.path.startswith(("/static/", "/media/")):
        return True
    own = rf"/(zh-hant|zh-hans|en)/review/{re.escape(link.token)}/(parallel/)?"
    return re.fullmatch(own, parts.path) is not None and parts.query in ("", "sent=1")


def public_addresses(release: Release) -> list[str]:
    addresses = [f"/{language}/releases/{release.pk}/" for language in LANGUAGES]
    for language in LANGUAGES:
        with translation.override(language):
            addresses += [release.get_absolute_url(), release.get_parallel_url()]
    return addresses


def review_url(link: ReviewLink, language: str = "en", parallel: bool = False) -> str:
    return f"/{language}/review/{link.token}/" + ("parallel/" if parallel else "")


def in_state(state: str) -> Release:
    """A release with a photo and an attachment, in one of the states a reviewer may meet."""
    now = timezone.now()
    publish_at = now + timedelta(days=1) if state == "scheduled" else now - timedelta(hours=1)
    status = {"scheduled": "published", "public": "published"}.get(state, state)
    release = make_release(
        title_zh="海關草稿", title_en="Customs draft", status=status, publish_at=publish_at
    )
    add_image(release)
    add_attachment(release)
    return release


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("state", ["draft", "scheduled", "withdrawn", "public"])
@pytest.mark.parametrize("parallel", [False, True], ids=["release page", "paragraph view"])
def test_every_address_on_a_review_page_stays_inside_the_link(client, state, language, parallel):
    release = in_state(state)
    link = add_review_link(release)

    response = client.get(review_url(link, language, parallel))

    assert response.status_code == 200
    page = response.content.decode()
    addresses = addresses_of(page)
    assert [a for a in addresses if not inside_the_link(a, link)] == []
    for public in public_addresses(release):
        assert public not in page
    # The release's files are kept under its number; no page address is.
    assert re.findall(rf"(?<!/media)/releases/{release.pk}/", page) == []
    # What the page does link to: the other view and each language, through the same link.
    other = review_url(link, language, parallel=not parallel)
    assert other in addresses
    assert {review_url(link, code, parallel) for code in LANGUAGES} <= set(addresses)
    assert parallel or any(a.startswith("/media/") for a in addresses)
    assert '<meta name="robots" content="noindex, nofollow">' in page
    assert 'rel="canonical"' not in page and "og:url" not in page
    assert "application/ld+json" not in page


def test_the_public_release_page_keeps_its_public_addresses(client):
    """The review pages leave these out; the release's own page still has every one."""
    release = in_state("public")

    page = client.get(release.get_absolute_url()).content.decode()

    assert 'rel="canonical"' in page and "application/ld+json" in page
    assert f'href="{release.get_parallel_url()}"' in page
    assert f"http://testserver{release.get_absolute_url()}" in page


def test_the_paragraph_view_of_a_draft_opens_through_its_link_and_leads_back(client):
    release = make_release(
        title_zh="海關草稿",
        title_en="Customs draft",
        body_zh="第一段。\n\n第二段。",
        body_en="First paragraph.\n\nSecond paragraph.",
        status=Release.Status.DRAFT,
    )
    link = add_review_link(release)
    public = client.get(release.get_parallel_url())

    response = client.get(review_url(link, "en", parallel=True))

    assert public.status_code == 404
    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-store"
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    page = re.sub(r"\s+", " ", response.content.decode())
    assert '<div class="parallel__cell" lang="en"><p>Second paragraph.</p>' in page
    assert '<div class="parallel__cell" lang="zh-Hant-HK"><p>第二段。</p>' in page
    assert "Draft for review: not published" in page
    assert f'<a href="{review_url(link)}">Back to the press release</a>' in page


def test_the_paragraph_view_refuses_what_the_page_refuses(client):
    release = make_release(status=Release.Status.DRAFT)
    link = add_review_link(release)
    revoked = add_review_link(release)
    revoked.revoked_at = timezone.now()
    revoked.save()

    forged = client.get(f"/en/review/{link.token}x/parallel/")
    withdrawn = client.get(review_url(revoked, "zh-hant", parallel=True))
    posted = client.post(review_url(link, parallel=True), {"name": "R", "text": "Hi"})
    head = client.head(review_url(link, parallel=True))

    for refused in (forged, withdrawn):
        assert refused.status_code == 404
        assert "This link is no longer valid" in refused.content.decode()
        assert "此連結已失效" in refused.content.decode()
    assert posted.status_code == 405
    assert head.status_code == 200


def banner(client: Client, link: ReviewLink, language: str = "en") -> str:
    page = client.get(review_url(link, language)).content.decode()
    return re.search(r'<div class="notice[^"]*notice--review".*?</div>', page, re.S).group()


def test_the_banner_says_what_the_release_is_now_in_both_languages(client):
    draft = make_release(status=Release.Status.DRAFT)
    scheduled = make_release(publish_at=timezone.now() + timedelta(days=1))
    public = make_release()
    links = {release: add_review_link(release) for release in (draft, scheduled, public)}

    drafted = banner(client, links[draft])
    planned = banner(client, links[scheduled])
    published = banner(client, links[public], "zh-hant")

    assert "Draft for review: not published" in drafted and "審閱稿：尚未發布" in drafted
    assert "Scheduled for 16 June 2026, 12:00: not published yet" in planned
    assert "已排定於2026年6月16日 12:00發出：尚未公開" in planned
    assert "Draft for review" not in planned
    assert "Published on 15 June 2026, 11:00: readers see this text" in published
    assert "已於2026年6月15日 11:00發布：讀者現可閱覽此文本" in published
    assert "Draft for review" not in published and "審閱稿" not in published


def test_after_a_withdrawal_the_banner_says_withdrawn(client):
    release = make_release()
    link = add_review_link(release)
    before = banner(client, link)
    with committed():
        publishing.withdraw(
            release,
            {"zh-hant": "數字有誤", "en": "The figures were wrong"},
            user=None,
            now=timezone.now(),
        )

    after = banner(client, link, "zh-hans")

    assert "Published on" in before
    assert "Withdrawn: readers cannot see it" in after
    assert "已撤回：读者无法阅览" in after
    assert "Published on" not in after and "Draft for review" not in after


def opens(link: ReviewLink) -> int:
    link.refresh_from_db()
    return link.open_count


@pytest.mark.parametrize(
    ("method", "headers"),
    [
        pytest.param("head", {"User-Agent": BROWSER}, id="HEAD from a link checker"),
        pytest.param("get", {}, id="no user agent"),
        pytest.param("get", {"User-Agent": "curl/8.5.0"}, id="a script"),
        pytest.param(
            "get",
            {"User-Agent": "Slackbot-LinkExpanding 1.0 (+https://api.slack.com/robots)"},
            id="a chat preview",
        ),
        pytest.param(
            "get",
            {
                "User-Agent": "Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)"
            },
            id="a crawler",
        ),
        pytest.param(
            "get",
            {"User-Agent": f"{BROWSER} HeadlessChrome/131.0.0.0"},
            id="a headless scanner",
        ),
        pytest.param(
            "get", {"User-Agent": BROWSER, "Sec-Purpose": "prefetch"}, id="a browser's prefetch"
        ),
    ],
)
def test_only_a_persons_page_load_counts_as_opening_the_link(client, method, headers):
    link = add_review_link(make_release(status=Release.Status.DRAFT))

    answered = getattr(client, method)(review_url(link), headers=headers)
    not_counted = opens(link)
    client.get(review_url(link), headers={"User-Agent": BROWSER})

    assert answered.status_code == 200
    assert not_counted == 0
    assert opens(link) == 1


def test_the_page_shown_again_after_a_comment_is_not_another_opening(client):
    link = add_review_link(make_release(status=Release.Status.DRAFT))
    client.get(review_url(link), headers={"User-Agent": BROWSER})

    client.post(
        review_url(link),
        {"name": "R", "text": "Fine."},
        headers={"User-Agent": BROWSER},
        follow=True,
    )
    client.get(review_url(link, parallel=True), headers={"User-Agent": BROWSER})

    assert opens(link) == 1


def test_the_desk_shows_the_opens_a_person_made(client):
    editor = staff_member("eddie", "Editors")
    release = make_release(status=Release.Status.DRAFT)
    link = add_review_link(release, created_by=editor)
    client.head(review_url(link))
    client.get(review_url(link), headers={"User-Agent": BROWSER})
    client.get(review_url(link), headers={"User-Agent": BROWSER})
    desk = Client()
    desk.force_login(editor)

    page = desk.get(
        f"/admin/releases/release/{release.pk}/change/", headers={"Accept-Language": "en"}
    ).content.decode()

    assert re.search(r"<td>2</td>\s*<td>15 June 2026", page)
