"""Uploaded files: stored under names nobody can guess, sent with types a browser will not run."""

import re

import pytest

from pressroom.media import is_too_long, media_headers, readable_name, unguessable_name


@pytest.mark.parametrize(
    ("name", "content_type", "disposition"),
    [
        ("a1b2.png", "image/png", 'inline; filename="photo.png"'),
        ("a1b2.pdf", "application/pdf", 'inline; filename="photo.png"'),
    ],
)
def test_images_and_pdfs_open_in_the_browser_sandboxed(name, content_type, disposition):
    headers = media_headers(f"releases/1/x/{name}", "photo.png")

    assert headers["Content-Type"] == content_type
    assert headers["Content-Disposition"] == disposition
    assert headers["Content-Security-Policy"] == "sandbox"
    assert headers["X-Content-Type-Options"] == "nosniff"


@pytest.mark.parametrize("name", ["page.html", "drawing.svg", "notes"])
def test_html_svg_and_unknown_files_are_only_downloaded(name):
    headers = media_headers(f"releases/{name}")

    assert headers["Content-Type"] == "application/octet-stream"
    assert headers["Content-Disposition"] == f'attachment; filename="{name}"'
    assert headers["Content-Security-Policy"] == "default-src 'none'; sandbox"
    assert headers["X-Content-Type-Options"] == "nosniff"


def test_a_stored_name_is_random_and_keeps_only_the_extension():
    first = unguessable_name("releases/2/attachments", "Budget_2027_draft.PDF")
    second = unguessable_name("releases/2/attachments", "Budget_2027_draft.PDF")

    assert re.fullmatch(r"releases/2/attachments/[0-9a-f]{32}\.pdf", first)
    assert first != second
    assert unguessable_name("f", "no-extension").startswith("f/")
    assert unguessable_name("f", "x.<script>").count(".") == 0


def test_an_overlong_chinese_name_is_cut_by_bytes_keeping_its_extension():
    name = "報" * 100 + ".pdf"  # 304 bytes: more than a file system's 255

    kept = readable_name(name)

    assert kept.endswith(".pdf")
    assert len(kept.encode()) <= 240
    assert kept == "報" * 78 + ".pdf"
    assert readable_name("annual report.pdf") == "annual report.pdf"
    assert readable_name("C:\\Users\\me\\年報.xlsx") == "年報.xlsx"
    assert readable_name(".pdf") == ".pdf"
    assert readable_name("") == "file"


@pytest.mark.parametrize(
    ("path", "too_long"),
    [
        ("releases/" + "a" * 255, False),
        ("releases/" + "a" * 256, True),
        ("releases/" + "報" * 86, True),
        ("/".join(["a" * 200] * 6), True),
        ("releases/1/attachments/x.pdf", False),
    ],
)
def test_a_path_no_file_system_could_hold_is_known_before_it_is_looked_up(path, too_long):
    assert is_too_long(path) is too_long
