"""Media on S3-compatible storage: upload, a page linking the file, and deletion.

A local S3 emulator (moto's server) is started on 127.0.0.1 by these tests.
"""

import json
import urllib.error
import urllib.request
from email.message import Message

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import storages
from django.template import Context, Template

moto_server = pytest.importorskip("moto.server", reason="moto[server] is a dev dependency")
boto3 = pytest.importorskip("boto3")

BUCKET = "press-media"
PUBLIC_READ = {
    "Version": "2012-10-17",
    "Statement": [
        {
            "Effect": "Allow",
            "Principal": "*",
            "Action": "s3:GetObject",
            "Resource": f"arn:aws:s3:::{BUCKET}/*",
        }
    ],
}
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
    # Press media are public, as docs/operations.md asks of a production bucket.
    client.put_bucket_policy(Bucket=BUCKET, Policy=json.dumps(PUBLIC_READ))
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
    page = Template('<img src="{{ url }}" alt="">').render(Context({"url": s3_storage.url(name)}))

    url = page.split('"')[1]
    status, headers, body = fetch(url)

    assert url.startswith(f"{s3_storage.endpoint_url}/{BUCKET}/releases/2023/seizure")
    assert status == 200
    assert body == PNG
    assert headers["Content-Type"] == "image/png"
    assert headers["Content-Disposition"] == 'inline; filename="seizure.png"'


def test_an_uploaded_html_file_is_stored_to_be_downloaded_never_rendered(s3_storage):
    name = s3_storage.save("releases/page.html", ContentFile(b"<script>alert(1)</script>"))

    status, headers, _body = fetch(s3_storage.url(name))

    assert status == 200
    assert headers["Content-Type"] == "application/octet-stream"
    assert headers["Content-Disposition"] == 'attachment; filename="page.html"'


def test_a_second_upload_with_the_same_name_keeps_the_first(s3_storage):
    first = s3_storage.save("releases/report.pdf", ContentFile(b"%PDF first"))
    second = s3_storage.save("releases/report.pdf", ContentFile(b"%PDF second"))

    assert first != second
    assert fetch(s3_storage.url(first))[2] == b"%PDF first"


def test_a_deleted_file_is_gone_from_the_bucket(s3_storage):
    name = s3_storage.save("releases/old.png", ContentFile(PNG))

    s3_storage.delete(name)

    assert not s3_storage.exists(name)
    assert fetch(s3_storage.url(name))[0] == 404
