"""A release's files: everyone gets a public release's; a hidden release's only who may see it."""

import re
from datetime import timedelta

import pytest
import time_machine
from django.core.files.storage import default_storage
from django.test import Client
from django.utils import timezone

from releases import publishing
from releases.models import Attachment, MovedFile, Release
from testing.factories import (
    add_attachment,
    add_image,
    add_review_link,
    committed,
    make_release,
    signed_in,
    staff_member,
)
from testing.files import office_bytes, pdf_bytes

pytestmark = pytest.mark.django_db

NOT_FOUND = "Page not found"


@pytest.fixture
def draft() -> Release:
    return make_release(status=Release.Status.DRAFT)


def file_address(attachment: Attachment) -> str:
    return attachment.file.url


def links_on(page: bytes) -> list[str]:
    """The attachment and image addresses a page links, as a browser would request them."""
    html = page.decode()
    return [
        address.replace("&amp;", "&")
        for address in re.findall(r'(?:href|src)="(/media/[^"]+)"', html)
    ]


def test_a_public_release_file_is_served_to_anyone_and_cached_publicly(client, release_factory):
    release = release_factory()
    attachment = add_attachment(release, pdf_bytes())

    response = client.get(file_address(attachment))

    assert response.status_code == 200
    assert b"".join(response.streaming_content) == pdf_bytes()
    assert response["Content-Type"] == "application/pdf"
    assert response["Cache-Control"] == "public, max-age=3600"
    assert response["Content-Security-Policy"] == "sandbox"
    assert response["X-Content-Type-Options"] == "nosniff"


def test_a_file_is_stored_under_a_name_nobody_can_guess_and_offered_under_its_own(
    client, release_factory
):
    release = release_factory()
    attachment = add_attachment(release)

    name = attachment.file.name

    assert re.fullmatch(rf"releases/{release.pk}/attachments/[0-9a-f]{{32}}\.pdf", name)
    assert "report" not in name
    response = client.get(file_address(attachment))
    assert response["Content-Disposition"] == 'inline; filename="report.pdf"'


def test_an_image_and_its_renditions_are_stored_under_names_nobody_can_guess(release_factory):
    image = add_image(release_factory())

    names = image.stored_names

    assert len(names) == 3
    assert len({name.rsplit("/", 1)[1][:32] for name in names}) == 3
    for name in names:
        assert re.fullmatch(rf"releases/{image.release_id}/images/[0-9a-f]{{32}}\.jpg", name)


def test_a_word_file_is_downloaded_sandboxed_never_opened(client, release_factory):
    release = release_factory()
    attachment = add_attachment(release, office_bytes("word/document.xml"), name="年報.docx")

    response = client.get(file_address(attachment))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/octet-stream"
    assert (
        response["Content-Disposition"] == "attachment; filename*=utf-8''%E5%B9%B4%E5%A0%B1.docx"
    )
    assert response["Content-Security-Policy"] == "default-src 'none'; sandbox"
    assert response["X-Content-Type-Options"] == "nosniff"


def test_a_drafts_file_is_the_same_404_as_a_missing_file_for_an_outsider(client, draft):
    attachment = add_attachment(draft)
    missing = file_address(attachment).replace(attachment.file.name[-10:], "0123456789")

    hidden = client.get(file_address(attachment))
    absent = client.get(missing)

    assert hidden.status_code == absent.status_code == 404
    assert hidden.content == absent.content
    assert NOT_FOUND in hidden.content.decode()
    # The same file, once the release is published, is there.
    with committed():
        publishing.publish(draft, user=None, now=timezone.now())
    assert client.get(file_address(attachment)).status_code == 200


@pytest.mark.parametrize(
    "state",
    ["draft", "scheduled", "withdrawn before its time"],
)
def test_no_hidden_release_gives_its_files_to_an_outsider(client, state):
    now = timezone.now()
    fields = {
        "draft": {"status": Release.Status.DRAFT},
        "scheduled": {"status": Release.Status.PUBLISHED, "publish_at": now + timedelta(hours=2)},
        "withdrawn before its time": {
            "status": Release.Status.WITHDRAWN,
            "publish_at": now + timedelta(hours=2),
            "withdrawn_at": now - timedelta(hours=1),
        },
    }[state]
    release = make_release(**fields)
    attachment, image = add_attachment(release), add_image(release)

    for name in [attachment.file.name, *image.stored_names]:
        assert client.get(default_storage.url(name)).status_code == 404


def test_a_scheduled_releases_files_open_to_everyone_when_it_comes_due_with_no_save(client):
    release = make_release(publish_at=timezone.now() + timedelta(hours=2))
    attachment = add_attachment(release)

    assert client.get(file_address(attachment)).status_code == 404
    with time_machine.travel(release.publish_at + timedelta(seconds=1)):
        response = client.get(file_address(attachment))
    assert response.status_code == 200
    assert response["Cache-Control"] == "public, max-age=3600"


def test_a_withdrawn_release_readers_had_seen_keeps_its_files(client, release_factory):
    release = release_factory()
    attachment = add_attachment(release)
    with committed():
        publishing.withdraw(
            release, {"zh-hant": "撤回。", "en": "Withdrawn."}, user=None, now=timezone.now()
        )

    assert client.get(file_address(attachment)).status_code == 200


def test_staff_who_may_preview_get_a_drafts_file_never_to_be_cached(client, draft):
    attachment = add_attachment(draft)
    signed_in(client, staff_member("editor", "Editors"))

    response = client.get(file_address(attachment))

    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-store"
    assert response["Content-Security-Policy"] == "sandbox"
    assert response["X-Content-Type-Options"] == "nosniff"


def test_staff_without_permission_to_see_releases_get_the_404(client, draft):
    attachment = add_attachment(draft)
    signed_in(client, staff_member("stranger", "Editors"))
    from django.contrib.auth.models import User

    User.objects.filter(username="stranger").update(is_staff=False)

    assert client.get(file_address(attachment)).status_code == 404


def test_the_preview_shows_a_drafts_files_through_addresses_that_open(client, draft):
    attachment = add_attachment(draft)
    add_image(draft)
    editor = signed_in(Client(), staff_member("editor", "Editors"))

    page = editor.get(f"/en/releases/preview/{draft.pk}/")
    addresses = links_on(page.content)

    assert addresses and all("?access=" in address for address in addresses)
    # Opened from the page by anyone holding it (on S3, the bucket knows no session).
    for address in addresses:
        response = client.get(address)
        assert response.status_code == 200, address
        assert response["Cache-Control"] == "private, no-store"
    assert client.get(file_address(attachment)).status_code == 404


def test_a_signature_for_one_file_opens_no_other(client, draft):
    first, second = add_attachment(draft), add_attachment(draft)
    link = add_review_link(draft)
    page = client.get(f"/en/review/{link.token}/").content.decode()
    signature = re.search(r"\?access=([^\"&]+)", page)[1]

    forged = f"{file_address(second)}?access={signature}"
    genuine = next(a for a in links_on(page.encode()) if first.file.name in a)

    assert client.get(forged).status_code == 404
    assert client.get(genuine).status_code == 200


def test_a_public_release_page_links_its_files_at_their_plain_address(client, release_factory):
    release = release_factory()
    attachment = add_attachment(release)

    page = client.get(release.get_absolute_url())

    assert f'href="{file_address(attachment)}"' in page.content.decode()
    assert "access=" not in page.content.decode()


def test_another_rule_can_let_its_readers_in(client, draft, settings):
    attachment = add_attachment(draft)
    settings.RELEASE_FILE_READERS = [
        *settings.RELEASE_FILE_READERS,
        "website.tests.test_release_files.embargo_desk_may_see",
    ]

    assert client.get(file_address(attachment)).status_code == 404
    response = client.get(file_address(attachment), HTTP_X_TEST_JOURNALIST="accredited")
    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-store"


def embargo_desk_may_see(request, release, name) -> bool:
    """A stand-in for the media desk's rule: accredited journalists see embargoed releases."""
    return request.headers.get("X-Test-Journalist") == "accredited"


def test_an_old_address_of_a_public_file_redirects_to_the_new_one(client, release_factory):
    release = release_factory()
    attachment = add_attachment(release)
    old = f"releases/{release.pk}/attachments/annex.pdf"
    MovedFile.objects.create(release=release, old_name=old, new_name=attachment.file.name)

    response = client.get(f"/media/{old}")

    assert response.status_code == 301
    assert response["Location"] == file_address(attachment)
    assert client.get(response["Location"]).status_code == 200


def test_an_old_address_of_a_drafts_file_is_the_404(client, draft):
    attachment = add_attachment(draft)
    old = f"releases/{draft.pk}/attachments/Budget_2027_draft.pdf"
    MovedFile.objects.create(release=draft, old_name=old, new_name=attachment.file.name)

    response = client.get(f"/media/{old}")

    assert response.status_code == 404


@pytest.mark.parametrize(
    "path",
    [
        "releases/" + "a" * 300,
        "releases/1/attachments/" + "報" * 100 + ".pdf",
        "releases/1/attachments/" + "/".join(["abc"] * 400),
        "a" * 5000,
    ],
    ids=["300-characters", "300-bytes-chinese", "deep", "5000-characters"],
)
def test_an_overlong_path_is_a_404_not_a_500(client, path, media_root, release_factory):
    release_factory()
    (media_root / "releases" / "1" / "attachments").mkdir(parents=True)

    response = client.get(f"/media/{path}")

    assert response.status_code == 404
    assert NOT_FOUND in response.content.decode()
    assert client.get("/media/releases/1/attachments/x.pdf").status_code == 404


@pytest.mark.parametrize("path", ["../settings.py", "%2e%2e/x", "releases/1/attachments/"])
def test_paths_outside_a_releases_files_are_not_found(client, path):
    assert client.get(f"/media/{path}").status_code == 404


def test_a_public_release_file_is_served_after_one_query(
    client, release_factory, django_assert_max_num_queries
):
    attachment = add_attachment(release_factory())

    with django_assert_max_num_queries(1):
        assert client.get(file_address(attachment)).status_code == 200
