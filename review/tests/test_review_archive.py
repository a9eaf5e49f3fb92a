"""Review links sent before a move open on the new site, with their comments and maker."""

import pytest
from django.contrib.auth.models import User
from django_tasks_db.models import DBTaskResult

from releases.models import Release
from review.models import ReviewComment, ReviewLink
from review.notifications import email_link_creator
from testing.factories import add_review_link, make_release
from testing.mailbox import run_worker
from testing.moving import empty_kept_tables, export, import_, move

pytestmark = pytest.mark.django_db


@pytest.fixture
def reviewed(tmp_path) -> ReviewLink:
    draft = make_release(title_zh="草稿標題", title_en="Draft title", status=Release.Status.DRAFT)
    link = add_review_link(draft, created_by=User.objects.create_user("eddie"))
    ReviewComment.objects.create(link=link, name="陳大文", text="第二段要改。")
    return link


def test_a_link_sent_before_a_move_opens_the_draft_after_it(client, reviewed, tmp_path):
    report = move(tmp_path / "a.zip")

    page = client.get(f"/en/review/{reviewed.token}/")

    assert page.status_code == 200
    assert "Draft title" in page.content.decode()
    assert "草稿標題" in page.content.decode()
    assert "  review.ReviewLink (review_reviewlink): 1\n" in report
    assert "  review.ReviewComment (review_reviewcomment): 1\n" in report
    moved = ReviewLink.objects.get()
    assert (moved.pk, moved.key, moved.expires_at) == (
        reviewed.pk,
        reviewed.key,
        reviewed.expires_at,
    )
    assert moved.created_by.username == "eddie"
    assert list(moved.comments.values_list("name", "text")) == [("陳大文", "第二段要改。")]
    assert client.get(f"/en/review/{reviewed.token}x/").status_code == 404


def test_a_link_whose_maker_has_no_account_on_the_new_site_keeps_working(
    client, reviewed, tmp_path
):
    export(tmp_path / "a.zip")
    ReviewLink.objects.all().delete()
    Release.objects.all().delete()
    User.objects.filter(username="eddie").delete()

    report = import_(tmp_path / "a.zip")

    assert "Cleared 1 references to users this site does not have" in report
    assert "  review.ReviewLink.created_by: 1\n" in report
    assert ReviewLink.objects.get().created_by is None
    assert client.get(f"/en/review/{reviewed.token}/").status_code == 200


@pytest.mark.django_db(transaction=True)
def test_a_comment_whose_creator_was_not_yet_emailed_is_emailed_after_the_move(
    tmp_path, mailoutbox
):
    draft = make_release(title_zh="草稿標題", title_en="Draft title", status=Release.Status.DRAFT)
    creator = User.objects.create_user("eddie", email="eddie@customs.gov.hk")
    link = add_review_link(draft, created_by=creator)
    told = ReviewComment.objects.create(link=link, name="陳大文", text="已經通知。")
    email_link_creator(told.pk)
    # The old site's queue still held this one when the archive was written.
    ReviewComment.objects.create(link=link, name="李小明", text="標題要改。")
    mailoutbox.clear()
    export(tmp_path / "a.zip")
    empty_kept_tables()
    DBTaskResult.objects.all().delete()

    report = import_(tmp_path / "a.zip")
    run_worker()
    run_worker()

    assert "Review comments queued again for their creators' emails: 1." in report
    assert [message.to for message in mailoutbox] == [["eddie@customs.gov.hk"]]
    assert "李小明" in mailoutbox[0].body
    assert ReviewComment.objects.filter(creator_told_at__isnull=True).count() == 0
