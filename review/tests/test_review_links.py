"""Review links: a draft shown to reviewers without an account, and their comments."""

import re
from datetime import timedelta

import pytest
import time_machine
from django.test import Client
from django.utils import timezone

from releases.models import Release
from review.models import ReviewComment, ReviewLink
from review.views import COMMENTS_PER_HOUR
from testing.factories import add_review_link, make_release

pytestmark = pytest.mark.django_db

# A person's browser: only its page loads count as the link being opened (website/visits.py).
BROWSER = (
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/131.0.0.0 Safari/537.36"
)
INVALID = "This link is no longer valid"
INVALID_ZH = "此連結已失效"


def change_url(release: Release) -> str:
    return f"/admin/releases/release/{release.pk}/change/"


@pytest.fixture
def draft() -> Release:
    return make_release(title_zh="草稿標題", title_en="Draft title", status=Release.Status.DRAFT)


def review_url(link: ReviewLink, language: str = "en") -> str:
    return f"/{language}/review/{link.token}/"


def test_staff_create_a_link_that_expires_after_72_hours_by_default(editor_client, draft):
    with time_machine.travel("2026-06-15 13:00+08:00", tick=False):
        response = editor_client.post(
            f"/admin/releases/release/{draft.pk}/review-links/", {"hours": "72"}, follow=True
        )

    link = ReviewLink.objects.get()
    assert link.release == draft
    assert link.created_by.username == "eddie"
    assert timezone.localtime(link.expires_at).isoformat() == "2026-06-18T13:00:00+08:00"
    page = response.content.decode()
    assert "Review link created: send the reviewer its address below" in page
    assert page.count(f"http://testserver/en/review/{link.token}/") == 2  # shown and copied
    assert f"http://testserver/zh-hant/review/{link.token}/" in page
    assert link.key not in link.token.split(":")[-1]


@pytest.mark.parametrize("hours", ["0", "337", "abc"])
def test_a_link_lasts_at_least_an_hour_and_at_most_14_days(editor_client, draft, hours):
    response = editor_client.post(
        f"/admin/releases/release/{draft.pk}/review-links/", {"hours": hours}, follow=True
    )

    assert "The review link was not created" in response.content.decode()
    assert not ReviewLink.objects.exists()


def test_creating_a_link_needs_the_change_permission(editor_client):
    published = make_release()
    client = Client()

    # Editors may not change a published release, so they may not share it either.
    refused = editor_client.post(
        f"/admin/releases/release/{published.pk}/review-links/", {"hours": "72"}
    )
    anonymous = client.post(
        f"/admin/releases/release/{published.pk}/review-links/", {"hours": "72"}
    )

    assert refused.status_code == 403
    assert anonymous.status_code == 302
    assert "/admin/login/" in anonymous["Location"]
    assert not ReviewLink.objects.exists()


def test_creating_a_link_answers_only_post(editor_client, draft):
    response = editor_client.get(f"/admin/releases/release/{draft.pk}/review-links/")

    assert response.status_code == 405


def test_a_reviewer_sees_the_draft_as_readers_will_with_a_bilingual_banner(client, draft):
    link = add_review_link(draft)

    response = client.get(review_url(link))

    assert response.status_code == 200
    page = response.content.decode()
    assert '<p lang="zh-Hant-HK"><strong>審閱稿：尚未發布</strong>' in page
    assert '<p lang="en"><strong>Draft for review: not published</strong>' in page
    assert f"Version {draft.version}, saved" in page
    assert '<section class="release__column" lang="zh-Hant-HK"' in page
    assert "草稿標題" in page
    assert "Draft title" in page
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    assert response["Cache-Control"] == "private, no-store"
    assert '<meta name="robots" content="noindex, nofollow">' in page


def test_the_review_page_shows_the_current_saved_text_and_counts_opens(client, draft):
    link = add_review_link(draft)
    client.get(review_url(link), headers={"User-Agent": BROWSER})
    draft.set_current_language("en")
    draft.title = "Draft title, revised"
    draft.save()

    with time_machine.travel("2026-06-16 09:15+08:00", tick=False):
        page = client.get(review_url(link), headers={"User-Agent": BROWSER}).content.decode()

    assert "Draft title, revised" in page
    link.refresh_from_db()
    assert link.open_count == 2
    assert timezone.localtime(link.last_opened_at).isoformat() == "2026-06-16T09:15:00+08:00"


def test_the_review_page_never_enters_the_page_cache(client, draft, django_assert_num_queries):
    link = add_review_link(draft)
    client.get(review_url(link))
    draft.set_current_language("en")
    draft.title = "Changed since"
    draft.save()
    # A save in another app bumps nothing; the page must still be fresh.
    first = client.get(review_url(link))

    assert "Changed since" in first.content.decode()
    assert "ETag" not in first


@pytest.mark.parametrize(
    "spoil",
    [
        pytest.param(
            lambda link: link.token[:-1] + ("A" if link.token[-1] != "A" else "B"), id="tampered"
        ),
        pytest.param(lambda link: "nothing-at-all", id="unknown"),
        pytest.param(lambda link: link.key, id="unsigned"),
    ],
)
def test_a_tampered_or_unknown_token_gets_the_invalid_page(client, draft, spoil):
    link = add_review_link(draft)

    response = client.get(f"/en/review/{spoil(link)}/")

    assert response.status_code == 404
    page = response.content.decode()
    assert INVALID in page
    assert INVALID_ZH in page
    assert "Draft title" not in page
    assert "草稿標題" not in page


def invalid_page_of(client, link: ReviewLink) -> str:
    response = client.get(review_url(link, "zh-hant"))
    assert response.status_code == 404
    assert {"private", "no-store"} <= set(response["Cache-Control"].split(", "))
    return response.content.decode()


def test_an_expired_link_gets_the_invalid_page(client, draft):
    link = add_review_link(draft, hours=1)

    with time_machine.travel(timezone.now() + timedelta(hours=1, seconds=1)):
        page = invalid_page_of(client, link)

    assert INVALID in page and INVALID_ZH in page
    assert "草稿標題" not in page


def test_a_revoked_link_gets_the_invalid_page_at_once(editor_client, client, draft):
    link = add_review_link(draft)
    assert client.get(review_url(link)).status_code == 200

    editor_client.post(f"/admin/releases/release/{draft.pk}/review-links/{link.pk}/revoke/")

    page = invalid_page_of(client, link)
    assert INVALID in page and "Draft title" not in page
    link.refresh_from_db()
    assert link.revoked_at is not None


def test_a_link_to_a_deleted_release_gets_the_same_invalid_page(client, draft):
    link = add_review_link(draft)
    token_page = review_url(link, "zh-hant")
    expired = add_review_link(make_release(status=Release.Status.DRAFT), hours=1)
    with time_machine.travel(timezone.now() + timedelta(hours=2)):
        expired_page = client.get(review_url(expired, "zh-hant")).content.decode()
    draft.delete()

    response = client.get(token_page)

    assert response.status_code == 404

    # Deleted, expired, revoked, unknown: one page, nothing to tell them apart.
    def main(page: str) -> str:
        return re.search(r"<main.*</main>", page, re.S).group()

    assert main(response.content.decode()) == main(expired_page)


def test_a_published_release_keeps_its_link_until_it_expires(client, draft):
    link = add_review_link(draft, hours=2)
    draft.status = Release.Status.PUBLISHED
    draft.save()

    page = client.get(review_url(link)).content.decode()
    with time_machine.travel(timezone.now() + timedelta(hours=3)):
        later = client.get(review_url(link))

    assert "Published on 15 June 2026, 11:00: readers see this text" in page
    assert "Draft for review: not published" not in page
    assert later.status_code == 404


def test_a_reviewer_comments_and_the_editor_sees_it_on_the_change_page_and_history(
    editor_client, draft
):
    reviewer = Client(enforce_csrf_checks=True)
    link = add_review_link(draft)
    form_page = reviewer.get(review_url(link)).content.decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form_page).group(1)

    response = reviewer.post(
        review_url(link),
        {
            "csrfmiddlewaretoken": token,
            "name": "Commissioner's office",
            "text": "第二段日期應為11月30日。",
        },
        follow=True,
    )

    assert (
        "Thank you: your comment has been sent to the press office." in response.content.decode()
    )
    change_page = editor_client.get(change_url(draft)).content.decode()
    history = editor_client.get(f"/admin/releases/release/{draft.pk}/history/").content.decode()
    for page in (change_page, history):
        assert "Commissioner&#x27;s office" in page
        assert "第二段日期應為11月30日。" in page


def test_a_comment_without_the_csrf_token_is_refused(draft):
    link = add_review_link(draft)

    response = Client(enforce_csrf_checks=True).post(
        review_url(link), {"name": "Someone", "text": "Hello"}
    )

    assert response.status_code == 403
    assert not ReviewComment.objects.exists()


@pytest.mark.parametrize(
    ("name", "text", "error"),
    [
        ("", "A comment", "This field is required."),
        ("Someone", "", "This field is required."),
        ("N" * 101, "A comment", "at most 100 characters"),
        ("Someone", "x" * 2001, "at most 2000 characters"),
    ],
)
def test_a_comment_needs_a_name_and_text_within_limits(client, draft, name, text, error):
    link = add_review_link(draft)

    response = client.post(review_url(link), {"name": name, "text": text})

    assert response.status_code == 400
    assert error in response.content.decode()
    assert not ReviewComment.objects.exists()


def test_comments_are_rate_limited_per_link(client, draft):
    link, other = add_review_link(draft), add_review_link(draft)
    for number in range(COMMENTS_PER_HOUR):
        assert client.post(review_url(link), {"name": "R", "text": f"{number}"}).status_code == 302

    refused = client.post(review_url(link), {"name": "R", "text": "one more"})
    elsewhere = client.post(review_url(other), {"name": "R", "text": "another link"})

    assert refused.status_code == 429
    assert "Too many comments were sent through this link" in refused.content.decode()
    assert elsewhere.status_code == 302
    assert ReviewComment.objects.count() == COMMENTS_PER_HOUR + 1


def test_the_change_page_lists_links_with_creator_expiry_and_opens(
    editor_client, editor, client, draft
):
    link = add_review_link(draft, created_by=editor)
    client.get(review_url(link), headers={"User-Agent": BROWSER})
    revoked = add_review_link(draft, created_by=editor)
    revoked.revoked_at = timezone.now()
    revoked.save()

    page = re.sub(r"\s+", " ", editor_client.get(change_url(draft)).content.decode())

    assert f">http://testserver/en/review/{link.token}/</code>" in page
    assert revoked.token not in page
    assert "Revoked" in page
    assert "<td>1</td>" in page
    assert "eddie," in page


def test_the_simplified_review_page_marks_its_converted_chinese(client, draft):
    link = add_review_link(draft)

    page = client.get(review_url(link, "zh-hans")).content.decode()

    assert '<p lang="zh-Hans"><strong>审阅稿：尚未发布</strong>' in page
