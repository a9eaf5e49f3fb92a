"""Media on S3-compatible storage: upload, a page linking the file, access, and deletion.

A local S3 emulator (moto's server) is started on 127.0.0.1 by these tests. The
bucket has no public policy: each object is private until its release is public.
"""

import io
import re
import urllib.error
import urllib.request
from datetime import timedelta
from email.message import Message

import pytest
import time_machine
from django.core.files.base import ContentFile
from django.core.files.storage import storages
from django.core.management import call_command
from django.template import Context, Template
from django.test import Client
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from releases import publishing
from releases.models import Release
from releases.tasks import open_files_when_due
from testing.factories import (
    add_attachment,
    add_image,
    committed,
    make_release,
    signed_in,
    staff_member,
)
from testing.files import pdf_bytes

moto_server = pytest.importorskip("moto.server", reason="moto[server] is a dev dependency")
boto3 = pytest.importorskip("boto3")

BUCKET = "press-media"
PNG = b"\x89PNG\r\n\x1a\n" + bytes(range(64))


@pytest.fixture(scope="module")
def s3_endpoint():
    server = moto_server.ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    yield f"http://{host}:{port}"
    server.stop()


@pytest.fixture
def s3_storage(settings, s3_endpoint, monkeypatch):
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "testing")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "testing")
    client = boto3.client("s3", endpoint_url=s3_endpoint, region_name="us-east-1")
    client.create_bucket(Bucket=BUCKET)
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "pressroom.storage.MediaS3Storage",
            "OPTIONS": {
                "bucket_name": BUCKET,
                "endpoint_url": s3_endpoint,
                "region_name": "us-east-1",
                "addressing_style": "path",
                "querystring_auth": False,
                "file_overwrite": False,
            },
        },
    }
    yield storages["default"]
    for item in client.list_objects_v2(Bucket=BUCKET).get("Contents", []):
        client.delete_object(Bucket=BUCKET, Key=item["Key"])
    client.delete_bucket(Bucket=BUCKET)


def fetch(url: str) -> tuple[int, Message, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, b""


def test_an_upload_is_linked_from_a_page_and_the_reader_gets_the_same_bytes(s3_storage):
    name = s3_storage.save("releases/2023/seizure.png", ContentFile(PNG))
    s3_storage.make_public(name)
    page = Template('<img src="{{ url }}" alt="">').render(Context({"url": s3_storage.url(name)}))

    url = page.split('"')[1]
    status, headers, body = fetch(url)

    assert url.startswith(f"{s3_storage.endpoint_url}/{BUCKET}/releases/2023/seizure")
    assert status == 200
    assert body == PNG
    assert headers["Content-Type"] == "image/png"
    assert headers["Content-Disposition"] == 'inline; filename="seizure.png"'
    assert headers["Cache-Control"] == "public, max-age=3600"


def test_an_uploaded_html_file_is_stored_to_be_downloaded_never_rendered(s3_storage):
    name = s3_storage.save("releases/page.html", ContentFile(b"<script>alert(1)</script>"))

    status, headers, _body = fetch(s3_storage.signed_url(name, 60))

    assert status == 200
    assert headers["Content-Type"] == "application/octet-stream"
    assert headers["Content-Disposition"] == 'attachment; filename="page.html"'


def test_a_second_upload_with_the_same_name_keeps_the_first(s3_storage):
    first = s3_storage.save("releases/report.pdf", ContentFile(b"%PDF first"))
    second = s3_storage.save("releases/report.pdf", ContentFile(b"%PDF second"))

    assert first != second
    assert fetch(s3_storage.signed_url(first, 60))[2] == b"%PDF first"


def test_a_deleted_file_is_gone_from_the_bucket(s3_storage):
    name = s3_storage.save("releases/old.png", ContentFile(PNG))

    s3_storage.delete(name)

    assert not s3_storage.exists(name)
    assert fetch(s3_storage.signed_url(name, 60))[0] == 404


def test_an_object_is_written_private_and_opens_only_through_a_signed_address(s3_storage):
    name = s3_storage.save("releases/9/attachments/x.pdf", ContentFile(b"%PDF draft"))

    status, _headers, _body = fetch(s3_storage.url(name))
    signed_status, headers, body = fetch(s3_storage.signed_url(name, 60))

    assert status == 403
    assert (signed_status, body) == (200, b"%PDF draft")
    assert headers["Cache-Control"] == "private, no-store"


def media_links(page: bytes, endpoint: str) -> list[str]:
    """The page's addresses in the bucket, as a browser would request them."""
    found = re.findall(r'(?:href|src)="([^"]+)"', page.decode())
    return [link.replace("&amp;", "&") for link in found if link.startswith(endpoint)]


@pytest.mark.django_db
def test_a_drafts_files_are_private_signed_on_its_preview_then_public_once_published(
    s3_storage, client
):
    draft = make_release(status=Release.Status.DRAFT)
    with committed():
        attachment = add_attachment(draft, pdf_bytes(), name="年報.pdf")
        image = add_image(draft)
        publishing.save(draft, publishing.Step(draft.status), user=None, now=timezone.now())
    editor = signed_in(client, staff_member("editor", "Editors"))

    page = editor.get(f"/en/releases/preview/{draft.pk}/").content
    links = media_links(page, s3_storage.endpoint_url)

    for name in [attachment.file.name, *image.stored_names]:
        assert fetch(s3_storage.url(name))[0] == 403
    assert {link.split("?")[0].rsplit("/", 1)[1] for link in links} == {
        attachment.file.name.rsplit("/", 1)[1],
        image.rendition_1280.name.rsplit("/", 1)[1],
    }
    assert all("Signature=" in link for link in links)
    for link in links:
        status, headers, _body = fetch(link)
        assert status == 200
        assert headers["Cache-Control"] == "private, no-store"
    with committed():
        publishing.publish(draft, user=None, now=timezone.now())
    status, headers, body = fetch(s3_storage.url(attachment.file.name))
    assert (status, body) == (200, pdf_bytes())
    assert headers["Cache-Control"] == "public, max-age=3600"
    assert headers["Content-Disposition"] == "inline; filename*=utf-8''%E5%B9%B4%E5%A0%B1.pdf"
    for name in image.stored_names:
        assert fetch(s3_storage.url(name))[0] == 200
    page = Client().get(draft.get_absolute_url()).content.decode()
    assert f'href="{s3_storage.url(attachment.file.name)}"' in page


@pytest.mark.django_db
def test_a_scheduled_releases_files_open_when_the_task_runs_at_its_time(s3_storage):
    release = make_release(status=Release.Status.DRAFT)
    with committed():
        attachment = add_attachment(release)
        release.publish_at = timezone.now() + timedelta(hours=2)
        publishing.publish(release, user=None, now=timezone.now())
    plain = s3_storage.url(attachment.file.name)

    task = DBTaskResult.objects.get(task_path="releases.tasks.open_files_when_due")

    assert task.run_after == release.publish_at
    assert task.args_kwargs["args"] == [release.pk]
    assert fetch(plain)[0] == 403
    with time_machine.travel(release.publish_at + timedelta(seconds=1)):
        open_files_when_due.call(release.pk)
    assert fetch(plain)[0] == 200


@pytest.mark.django_db
def test_a_task_run_early_leaves_a_scheduled_releases_files_private(s3_storage):
    release = make_release(publish_at=timezone.now() + timedelta(hours=2))
    attachment = add_attachment(release)

    open_files_when_due.call(release.pk)

    assert fetch(s3_storage.url(attachment.file.name))[0] == 403


@pytest.mark.django_db
def test_sync_file_access_opens_the_files_of_a_release_that_came_due_with_no_worker(s3_storage):
    release = make_release(publish_at=timezone.now() + timedelta(hours=2))
    attachment = add_attachment(release)
    draft_file = add_attachment(make_release(status=Release.Status.DRAFT))
    out = io.StringIO()

    with time_machine.travel(release.publish_at + timedelta(minutes=5)):
        call_command("sync_file_access", stdout=out)

    assert fetch(s3_storage.url(attachment.file.name))[0] == 200
    assert fetch(s3_storage.url(draft_file.file.name))[0] == 403
    assert "Access set for the files of 2 releases." in out.getvalue()


@pytest.mark.django_db
def test_a_file_missing_from_the_bucket_does_not_fail_a_publication(s3_storage):
    draft = make_release(status=Release.Status.DRAFT)
    kept, lost = add_attachment(draft), add_attachment(draft)
    s3_storage.delete(lost.file.name)

    with committed():
        publishing.publish(draft, user=None, now=timezone.now())

    assert fetch(s3_storage.url(kept.file.name))[0] == 200
