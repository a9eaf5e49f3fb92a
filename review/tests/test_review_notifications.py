"""A reviewer's comment is emailed to the link's creator, in the language they made it in."""

import pytest
from django.test import Client

from releases.models import Release
from review.models import ReviewLink
from testing.factories import make_release, staff_member
from testing.mailbox import header, run_worker, text_of

pytestmark = pytest.mark.django_db(transaction=True)


def link_made_in(client: Client, release: Release, accept_language: str) -> ReviewLink:
    """A link made through the desk by a client reading it in one language."""
    client.post(
        f"/admin/releases/release/{release.pk}/review-links/",
        {"hours": "72"},
        headers={"Accept-Language": accept_language},
    )
    return ReviewLink.objects.filter(release=release).first()


def comment(link: ReviewLink, name: str, text: str) -> int:
    return (
        Client().post(f"/zh-hant/review/{link.token}/", {"name": name, "text": text}).status_code
    )


@pytest.fixture
def draft() -> Release:
    return make_release(title_zh="海關草稿", title_en="Customs draft", status=Release.Status.DRAFT)


def test_the_links_creator_is_emailed_each_comment_in_their_desk_language(mailbox, draft, client):
    chinese_desk = Client()
    chinese_desk.force_login(staff_member("mei", "Editors"))
    english_desk = Client()
    english_desk.force_login(staff_member("eddie", "Editors"))
    chinese_link = link_made_in(chinese_desk, draft, "zh-HK")
    english_link = link_made_in(english_desk, make_release(status="draft"), "en")

    assert comment(chinese_link, "律政司", "第二段日期應為11月30日。") == 302
    assert comment(english_link, "Legal & Co", "Please add the date.") == 302
    run_worker()

    chinese = mailbox.to("mei@example.org")
    english = mailbox.to("eddie@example.org")
    assert len(chinese) == len(english) == 1
    assert header(chinese[0], "Subject") == "審閱者就「海關草稿」提出意見"
    assert header(chinese[0], "Content-Language") == "zh-Hant-HK"
    body = text_of(chinese[0])
    assert "律政司於2026年6月15日 12:00透過你建立的審閱連結，就「海關草稿」提出意見：" in body
    assert "第二段日期應為11月30日。" in body
    assert (
        f"https://press.example.org/admin/releases/release/{draft.pk}/change/#review-comments"
        in body
    )
    assert header(english[0], "Subject") == "Reviewer comment on “Test release”"
    assert header(english[0], "Content-Language") == "en"
    assert "Legal & Co sent a comment on “Test release”" in text_of(english[0])
    assert "Please add the date." in text_of(english[0])
    assert "海關" not in text_of(english[0])


def test_no_email_for_a_refused_comment_or_a_link_nobody_made(mailbox, draft):
    staff = Client()
    staff.force_login(staff_member("mei", "Editors"))
    link = link_made_in(staff, draft, "zh-HK")
    orphan = link_made_in(staff, make_release(status="draft"), "zh-HK")
    orphan.created_by = None
    orphan.save()

    assert comment(link, "", "No name given") == 400
    assert comment(orphan, "Someone", "Seen it.") == 302
    assert comment(link, "律政司", "沒有問題。") == 302
    run_worker()

    assert len(mailbox.messages) == 1
    assert "沒有問題。" in text_of(mailbox.messages[0])
