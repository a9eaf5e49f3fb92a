"""Uploaded files are served with types a browser will not run."""

import pytest

pytestmark = pytest.mark.django_db


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    (tmp_path / "releases").mkdir()
    files = {
        "releases/photo.png": b"\x89PNG\r\n\x1a\n",
        "releases/report.pdf": b"%PDF-1.7",
        "releases/page.html": b"<script>alert(1)</script>",
        "releases/drawing.svg": b'<svg xmlns="http://www.w3.org/2000/svg"><script/></svg>',
        "releases/notes": b"no extension",
    }
    for name, content in files.items():
        (tmp_path / name).write_bytes(content)
    return tmp_path


@pytest.mark.parametrize(
    ("name", "content_type", "disposition"),
    [
        ("photo.png", "image/png", 'inline; filename="photo.png"'),
        ("report.pdf", "application/pdf", 'inline; filename="report.pdf"'),
    ],
)
def test_images_and_pdfs_open_in_the_browser(client, media, name, content_type, disposition):
    response = client.get(f"/media/releases/{name}")

    assert response.status_code == 200
    assert response["Content-Type"] == content_type
    assert response["Content-Disposition"] == disposition
    assert response["X-Content-Type-Options"] == "nosniff"


@pytest.mark.parametrize("name", ["page.html", "drawing.svg", "notes"])
def test_html_svg_and_unknown_files_are_only_downloaded(client, media, name):
    response = client.get(f"/media/releases/{name}")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/octet-stream"
    assert response["Content-Disposition"] == f'attachment; filename="{name}"'
    assert response["Content-Security-Policy"] == "default-src 'none'; sandbox"
    assert response["X-Content-Type-Options"] == "nosniff"


@pytest.mark.parametrize("path", ["releases/missing.png", "../settings.py", "%2e%2e/x"])
def test_missing_files_and_paths_outside_media_are_not_found(client, media, path):
    assert client.get(f"/media/{path}").status_code == 404
