"""Attachments: recognised by content, titled in both languages, listed with type and size."""

import re

import pytest
from django.test import Client

from releases.models import Attachment, Release
from releases.sizes import file_size
from testing.admin_forms import release_form
from testing.factories import add_attachment
from testing.files import image_bytes, office_bytes, pdf_bytes, upload
from testing.pages import column_of

pytestmark = pytest.mark.django_db

ADD_URL = "/admin/releases/release/add/?language=en"


def with_attachment(content: bytes, name: str = "report.pdf", **fields) -> dict:
    return release_form(
        None,
        "en",
        title="Annual report",
        body="The annual report is attached.",
        **{
            "attachments-TOTAL_FORMS": "1",
            "attachments-0-file": upload(name, content),
            "attachments-0-title_zh_hant": "年報",
            "attachments-0-title_en": "Annual report",
            "attachments-0-language": "both",
            "attachments-0-position": "0",
            **fields,
        },
    )


@pytest.mark.parametrize(
    ("name", "content", "label", "extension"),
    [
        ("report.pdf", pdf_bytes(), "PDF", "pdf"),
        ("report.bin", office_bytes("word/document.xml"), "Word", "docx"),
        ("figures", office_bytes("xl/workbook.xml"), "Excel", "xlsx"),
    ],
)
def test_an_attachment_is_recognised_by_its_content(
    editor_client, name, content, label, extension
):
    response = editor_client.post(ADD_URL, with_attachment(content, name))

    assert response.status_code == 302
    attachment = Attachment.objects.get()
    assert attachment.file.name.endswith(f".{extension}")
    assert attachment.file.name.startswith(f"releases/{attachment.release_id}/attachments/")
    assert attachment.size == len(content)
    assert attachment.link("en").kind == label


def test_an_attachment_named_with_100_chinese_characters_is_saved_under_a_shortened_name(
    editor_client, client
):
    name = "報" * 100 + ".pdf"  # 304 bytes: more than a file system's 255

    response = editor_client.post(ADD_URL, with_attachment(pdf_bytes(), name))

    assert response.status_code == 302
    attachment = Attachment.objects.get()
    assert attachment.filename == "報" * 78 + ".pdf"
    assert "報" not in attachment.file.name
    served = editor_client.get(attachment.file.url)
    assert served.status_code == 200
    assert served["Content-Disposition"] == (
        "inline; filename*=utf-8''" + "%E5%A0%B1" * 78 + ".pdf"
    )


def test_the_change_page_names_a_drafts_file_as_uploaded_with_a_link_that_opens(editor_client):
    editor_client.post(ADD_URL, with_attachment(pdf_bytes(), "年度報告.pdf"))
    attachment = Attachment.objects.get()

    page = editor_client.get(f"/admin/releases/release/{attachment.release_id}/change/")

    html = page.content.decode()
    link = re.search(r'Currently: <a href="([^"]+)">([^<]+)</a>', html)
    assert link[2] == "年度報告.pdf"
    assert "?access=" in link[1]
    # Opened by anyone holding the link (S3 knows no session); the plain address by no one.
    outsider = Client()
    assert outsider.get(link[1].replace("&amp;", "&")).status_code == 200
    assert outsider.get(attachment.file.url).status_code == 404


def test_a_large_upload_whose_extension_is_300_bytes_is_saved_not_a_500(editor_client):
    # Over 2.5 MB, Django writes the upload to a temporary file named after its extension.
    name = "report." + "報" * 100

    response = editor_client.post(ADD_URL, with_attachment(pdf_bytes(padding=3_000_000), name))

    assert response.status_code == 302
    attachment = Attachment.objects.get()
    assert attachment.file.name.endswith(".pdf")
    assert len(attachment.filename.encode()) <= 240


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("report.pdf", b"<!DOCTYPE html><html><body>Not a PDF</body></html>"),
        ("report.docx", office_bytes("content.xml")),
        ("report.pdf", b""),
    ],
    ids=["html-named-pdf", "zip-that-is-no-office-file", "empty"],
)
def test_a_file_that_is_not_allowed_gets_a_form_error_and_nothing_is_saved(
    editor_client, media_root, name, content
):
    response = editor_client.post(ADD_URL, with_attachment(content, name))

    assert response.status_code == 200
    page = response.content.decode()
    assert "errorlist" in page
    assert Release.objects.count() == 0
    assert Attachment.objects.count() == 0
    assert not [path for path in media_root.rglob("*") if path.is_file()]


def test_an_html_file_named_pdf_is_told_what_is_allowed(editor_client):
    response = editor_client.post(ADD_URL, with_attachment(b"<html></html>", "report.pdf"))

    assert "Only PDF, Word (.docx) and Excel (.xlsx) files can be attached" in (
        response.content.decode()
    )


@pytest.mark.parametrize("missing", ["attachments-0-title_zh_hant", "attachments-0-title_en"])
def test_an_attachment_needs_a_title_in_both_languages(editor_client, missing):
    response = editor_client.post(ADD_URL, with_attachment(pdf_bytes(), **{missing: ""}))

    assert response.status_code == 200
    assert Release.objects.count() == 0
    assert "This field is required." in response.content.decode()


def test_the_page_lists_attachments_with_type_and_size_in_the_right_columns(
    client, release_factory
):
    release = release_factory()
    add_attachment(release, pdf_bytes(padding=245 * 1024 - 200), title=("年報", "Annual report"))
    add_attachment(
        release, title=("中文附件", "Chinese-only file"), language=Attachment.Language.CHINESE
    )

    english = client.get(f"/en/releases/{release.pk}/{release.slug}/").content.decode()
    chinese = client.get(f"/zh-hant/releases/{release.pk}/{release.slug}/").content.decode()

    assert "Annual report</a>" in english and "年報</a>" in english
    assert "(PDF, 245 KB)" in english
    # A Chinese-only file is listed in the Chinese column alone, titled in Chinese.
    assert "中文附件</a>" in column_of(english, "zh-Hant-HK")
    assert "中文附件</a>" not in column_of(english, "en")
    assert "Chinese-only file</a>" not in english
    # Each column's heading and sizes are in the column's language, whatever the page's.
    for page in (english, chinese):
        assert 'id="attachments-zh-hant">附件</h' in column_of(page, "zh-Hant-HK")
        assert "（PDF，245 KB）" in column_of(page, "zh-Hant-HK")
        assert 'id="attachments-en">Attachments</h' in column_of(page, "en")
        assert "(PDF, 245 KB)" in column_of(page, "en")
    assert "Attachments" not in column_of(chinese, "zh-Hant-HK")
    assert "附件" not in column_of(english, "en")


@pytest.mark.parametrize(
    ("size", "shown"),
    [(1, "1 KB"), (245 * 1024, "245 KB"), (245 * 1024 + 1, "246 KB"), (1_258_291, "1.2 MB")],
)
def test_sizes_are_shown_as_readers_expect(size, shown):
    assert file_size(size) == shown


def test_a_good_image_with_a_bad_attachment_saves_nothing_at_all(editor_client, media_root):
    data = with_attachment(b"<html>not a pdf</html>", "report.pdf")
    data.update(
        {
            "images-TOTAL_FORMS": "1",
            "images-0-image": upload("photo.jpg", image_bytes()),
            "images-0-alt_text_zh_hant": "相片",
            "images-0-alt_text_en": "Photo",
            "images-0-position": "0",
        }
    )

    response = editor_client.post(ADD_URL, data)

    assert response.status_code == 200
    page = response.content.decode()
    assert "Only PDF, Word (.docx) and Excel (.xlsx) files can be attached" in page
    assert page.count('class="errorlist') == 1  # the image itself was accepted
    assert Release.objects.count() == 0
    assert not [path for path in media_root.rglob("*") if path.is_file()]
