"""Review links in the desk: each language's address to copy, and comments marked until read."""

import re

import pytest
from django.test import Client
from django.utils import timezone

from releases.models import Release
from review.models import ReviewComment, ReviewLink
from testing.factories import add_review_link, make_release

pytestmark = pytest.mark.django_db

LIST_URL = "/admin/releases/release/"


def change_url(release: Release) -> str:
    return f"/admin/releases/release/{release.pk}/change/"


def panel_of(page: str) -> str:
    return re.search(r'<section class="module desk-review-links".*?</section>', page, re.S).group()


@pytest.fixture
def draft() -> Release:
    return make_release(title_zh="海關草稿", title_en="Customs draft", status=Release.Status.DRAFT)


def test_the_desk_offers_the_link_in_each_language_as_text_with_a_copy_button(
    editor_client, draft
):
    editor_client.post(
        f"/admin/releases/release/{draft.pk}/review-links/",
        {"hours": "72"},
        headers={"Accept-Language": "zh-HK"},
    )
    link = ReviewLink.objects.get()

    response = editor_client.get(change_url(draft))

    panel = re.sub(r"\s+", " ", panel_of(response.content.decode()))
    for language, name in [("zh-hant", "Traditional Chinese"), ("zh-hans", "Simplified Chinese")]:
        url = f"http://testserver/{language}/review/{link.token}/"
        assert f'<span class="desk-review-link__language">{name}</span>' in panel
        assert f'<code class="desk-review-link" translate="no">{url}</code>' in panel
        assert f'data-copy="{url}"' in panel
        assert f'aria-label="Copy the link in {name}"' in panel
    assert f'data-copy="http://testserver/en/review/{link.token}/"' in panel
    # Without JavaScript the buttons stay hidden and the address is text to select.
    assert panel.count('<button type="button" class="button desk-copy" hidden') == 3
    assert '<input type="text" readonly' not in panel
    page = response.content.decode()
    assert '<script src="/static/js/copy_links.js"></script>' in page
    assert "<script>" not in panel
    assert "script-src 'self'" in response["Content-Security-Policy"]
    # Made in the Chinese desk, so its creator hears of comments in Chinese.
    assert link.language == "zh-hant"


def test_an_expired_or_revoked_link_offers_nothing_to_copy(editor_client, draft):
    link = add_review_link(draft)
    link.revoked_at = timezone.now()
    link.save()
    live = add_review_link(draft)

    panel = panel_of(editor_client.get(change_url(draft)).content.decode())

    assert link.token not in panel
    assert panel.count(live.token) == 6  # three addresses, each shown and copied


def test_the_copy_script_uses_the_clipboard_and_only_where_it_is_offered(settings):
    source = (settings.BASE_DIR / "static" / "js" / "copy_links.js").read_text(encoding="utf-8")

    assert "navigator.clipboard.writeText(button.dataset.copy)" in source
    assert "if (!navigator.clipboard || !window.isSecureContext)" in source
    assert "button.hidden = false" in source


def comment_on(release: Release, name: str = "Commissioner's office") -> None:
    link = add_review_link(release)
    response = Client().post(
        f"/en/review/{link.token}/", {"name": name, "text": "第二段日期應為11月30日。"}
    )
    assert response.status_code == 302


def list_row(page: str, title: str) -> str:
    rows = re.findall(r"<tr>.*?</tr>", page, re.S)
    return next(row for row in rows if title in row)


def test_a_comment_marks_the_release_in_the_list_until_it_is_read(editor_client, draft):
    quiet = make_release(title_zh="無意見", title_en="No comments", status=Release.Status.DRAFT)
    comment_on(draft)
    comment_on(draft, "Legal adviser")

    listed = editor_client.get(LIST_URL).content.decode()
    filtered = editor_client.get(LIST_URL, {"comments": "new"}).content.decode()
    change_page = editor_client.get(change_url(draft)).content.decode()
    done = editor_client.post(
        f"/admin/releases/release/{draft.pk}/review-comments/read/", follow=True
    )
    after = editor_client.get(LIST_URL).content.decode()
    filtered_after = editor_client.get(LIST_URL, {"comments": "new"}).content.decode()

    assert "Reviewer comments" in listed
    assert '<span class="desk-new-comments">2 new</span>' in list_row(listed, "Customs draft")
    assert "desk-new-comments" not in list_row(listed, quiet.safe_translation_getter("title"))
    assert "Customs draft" in filtered and "No comments" not in filtered
    panel = panel_of(change_page)
    assert panel.count('<span class="desk-new-comments">New</span>') == 2
    assert "Mark comments as read" in panel
    assert "The reviewer comments were marked as read." in done.content.decode()
    assert done.redirect_chain[-1][0].endswith("#review-comments")
    assert "desk-new-comments" not in list_row(after, "Customs draft")
    assert "Customs draft" not in filtered_after
    assert not ReviewComment.objects.filter(seen_at__isnull=True).exists()
    # Read, the comments are still there to see.
    assert "Legal adviser" in panel_of(done.content.decode())


def test_the_list_marks_new_comments_in_chinese(editor_client, draft):
    comment_on(draft)

    page = editor_client.get(LIST_URL, headers={"Accept-Language": "zh-HK"}).content.decode()

    assert "審閱意見" in page
    assert '<span class="desk-new-comments">1則新意見</span>' in list_row(page, "海關草稿")


def test_marking_comments_read_needs_the_change_permission(editor_client):
    published = make_release()
    comment_on(published)
    url = f"/admin/releases/release/{published.pk}/review-comments/read/"

    refused = editor_client.post(url)
    anonymous = Client().post(url)
    wrong_method = editor_client.get(url)

    assert refused.status_code == 403
    assert anonymous.status_code == 302 and "/admin/login/" in anonymous["Location"]
    assert wrong_method.status_code == 405
    assert ReviewComment.objects.filter(seen_at__isnull=True).count() == 1
