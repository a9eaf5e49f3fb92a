"""Which attachment files are allowed, recognised by their content, not their name."""

import io
import zipfile
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext_lazy as _

from releases.sizes import file_size

MAX_ATTACHMENT_BYTES = 20 * 1024 * 1024


@dataclass(frozen=True)
class FileKind:
    label: str
    content_type: str
    extension: str
    # For Office files: the part every such document holds inside its zip.
    zip_member: str = ""


PDF = FileKind("PDF", "application/pdf", "pdf")
DOCX = FileKind(
    "Word",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "docx",
    "word/document.xml",
)
XLSX = FileKind(
    "Excel",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "xlsx",
    "xl/workbook.xml",
)
ALLOWED = (PDF, DOCX, XLSX)


def kind_label(content_type: str) -> str:
    """Name a stored content type as readers know it: PDF, Word, Excel."""
    return next((kind.label for kind in ALLOWED if kind.content_type == content_type), "")


def detect_kind(upload: UploadedFile) -> FileKind:
    """Return the allowed kind the file's bytes are, or raise ValidationError."""
    if upload.size > MAX_ATTACHMENT_BYTES:
        raise ValidationError(
            _("The file is %(size)s; the limit is %(limit)s."),
            code="too_large",
            params={
                "size": file_size(upload.size),
                "limit": file_size(MAX_ATTACHMENT_BYTES),
            },
        )
    upload.seek(0)
    head = upload.read(1024)
    upload.seek(0)
    if head.startswith(b"%PDF-"):
        return PDF
    if head.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(io.BytesIO(upload.read())) as archive:
                names = set(archive.namelist())
        except zipfile.BadZipFile:
            names = set()
        finally:
            upload.seek(0)
        for kind in (DOCX, XLSX):
            if "[Content_Types].xml" in names and kind.zip_member in names:
                return kind
    raise ValidationError(
        _("Only PDF, Word (.docx) and Excel (.xlsx) files can be attached; this file is not one."),
        code="invalid_attachment",
    )
