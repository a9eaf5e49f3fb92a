"""Editors write drafts; only publishers publish, schedule, withdraw or restore, by any route."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.contrib.auth.models import Group
from django.test import Client
from django.utils import timezone

from releases.models import Release
from testing.admin_forms import release_form
from testing.factories import signed_in

pytestmark = pytest.mark.django_db

HONG_KONG = ZoneInfo("Asia/Hong_Kong")
REASONS = {"reason_zh_hant": "理由。", "reason_en": "Reason."}


def test_the_groups_exist_and_only_publishers_may_publish(editor, publisher):
    assert set(Group.objects.values_list("name", flat=True)) >= {"Editors", "Publishers"}
    assert publisher.has_perm("releases.publish_release")
    assert not editor.has_perm("releases.publish_release")
    for permission in ["add_release", "change_release", "add_releaseimage", "add_attachment"]:
        assert editor.has_perm(f"releases.{permission}")
    assert not editor.has_perm("releases.delete_release")


def test_an_editor_writes_a_draft(editor_client, editor):
    response = editor_client.post(
        "/admin/releases/release/add/?language=zh-hant",
        release_form(title="草稿標題", body="草稿正文。"),
    )

    assert response.status_code == 302
    draft = Release.objects.get()
    assert draft.status == Release.Status.DRAFT
    assert draft.created_by == editor


def test_an_editor_sees_the_status_but_has_no_field_to_change_it(editor_client, release_factory):
    draft = release_factory(status=Release.Status.DRAFT)

    page = editor_client.get(f"/admin/releases/release/{draft.pk}/change/").content.decode()

    assert 'name="status"' not in page
    assert "Draft" in page


def test_an_editor_crafting_a_status_field_on_add_still_saves_a_draft(editor_client):
    editor_client.post(
        "/admin/releases/release/add/?language=zh-hant",
        release_form(title="標題", body="正文。", status=Release.Status.PUBLISHED),
    )

    assert Release.objects.get().status == Release.Status.DRAFT


def test_an_editor_crafting_a_status_field_on_change_still_saves_a_draft(
    editor_client, release_factory
):
    draft = release_factory(status=Release.Status.DRAFT)

    response = editor_client.post(
        f"/admin/releases/release/{draft.pk}/change/?language=en",
        release_form(draft, "en", title="Edited", status=Release.Status.PUBLISHED),
    )

    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.status == Release.Status.DRAFT
    assert draft.safe_translation_getter("title", language_code="en") == "Edited"


def test_an_editor_is_not_offered_the_publishing_actions(
    editor_client, publisher, release_factory
):
    release_factory(status=Release.Status.DRAFT)

    response = editor_client.get("/admin/releases/release/")
    offered = signed_in(Client(), publisher).get("/admin/releases/release/").content.decode()

    assert response.status_code == 200
    page = response.content.decode()
    assert "Test release" in page, "the editor sees the list itself"
    assert "publish_selected" not in page
    assert "withdraw_selected" not in page
    # A publisher is offered both on the same list.
    assert "publish_selected" in offered
    assert "withdraw_selected" in offered


@pytest.mark.parametrize(
    ("action", "status", "extra"),
    [
        ("publish_selected", Release.Status.DRAFT, {}),
        ("withdraw_selected", Release.Status.PUBLISHED, {"confirm": "yes", **REASONS}),
    ],
)
def test_an_editor_crafting_a_publishing_action_changes_nothing(
    editor_client, release_factory, action, status, extra
):
    release = release_factory(status=status)

    editor_client.post(
        "/admin/releases/release/",
        {"action": action, "_selected_action": [str(release.pk)], **extra},
    )

    release.refresh_from_db()
    assert release.status == status
    assert release.version == 1


def test_an_editor_cannot_change_a_published_release(editor_client, release_factory):
    release = release_factory()

    page = editor_client.get(f"/admin/releases/release/{release.pk}/change/")
    response = editor_client.post(
        f"/admin/releases/release/{release.pk}/change/?language=en",
        release_form(release, "en", title="Changed by an editor"),
    )

    assert page.status_code == 200
    assert 'name="_save"' not in page.content.decode()
    assert response.status_code == 403
    release.refresh_from_db()
    assert release.safe_translation_getter("title", language_code="en") == "Test release"


def test_an_editor_cannot_delete_a_release(editor_client, release_factory):
    draft = release_factory(status=Release.Status.DRAFT)

    response = editor_client.post(f"/admin/releases/release/{draft.pk}/delete/", {"post": "yes"})

    assert response.status_code == 403
    assert Release.objects.filter(pk=draft.pk).exists()


def test_a_publisher_schedules_from_the_change_form(publisher_client, release_factory):
    draft = release_factory(status=Release.Status.DRAFT)

    response = publisher_client.post(
        f"/admin/releases/release/{draft.pk}/change/?language=en",
        release_form(
            draft,
            "en",
            status=Release.Status.PUBLISHED,
            publish_at_0="2099-01-01",
            publish_at_1="07:30:00",
        ),
    )

    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.status == Release.Status.PUBLISHED
    # The form's time is Hong Kong time: 07:30 on 1 January there is still 2098's last day in UTC.
    assert timezone.localtime(draft.publish_at) == datetime(2099, 1, 1, 7, 30, tzinfo=HONG_KONG)
    assert not Release.objects.public().exists()
