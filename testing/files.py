"""Make image and document files for upload tests, small and in memory."""

import io
import struct
import zipfile
import zlib

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

GPS_IFD = 0x8825
CAMERA_MAKE = 0x010F


def image_bytes(
    image_format: str = "JPEG", size: tuple[int, int] = (1600, 900), with_gps: bool = False
) -> bytes:
    """A real image; with_gps adds camera and GPS EXIF, as a phone photo has."""
    image = Image.new("RGB", size, (30, 90, 140))
    out = io.BytesIO()
    options = {}
    if with_gps:
        exif = Image.Exif()
        exif[CAMERA_MAKE] = "PressCam"
        exif.get_ifd(GPS_IFD).update({1: "N", 2: (22.0, 17.0, 0.0), 3: "E", 4: (114.0, 10.0, 0.0)})
        options["exif"] = exif.tobytes()
    image.save(out, image_format, **options)
    return out.getvalue()


def upload(name: str, content: bytes, content_type: str = "application/octet-stream"):
    return SimpleUploadedFile(name, content, content_type=content_type)


def _png_chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def decompression_bomb_png(width: int = 20_000, height: int = 20_000) -> bytes:
    """A PNG whose header claims width × height pixels, with a tiny body.

    Nothing near 400 million pixels is ever allocated: the file is a few
    hundred bytes, as a real bomb would be.
    """
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    body = zlib.compress(b"\x00" * 1024)
    return (
        b"\x89PNG\r\n\x1a\n"
        + _png_chunk(b"IHDR", header)
        + _png_chunk(b"IDAT", body)
        + _png_chunk(b"IEND", b"")
    )


def pdf_bytes(padding: int = 0) -> bytes:
    """A minimal valid PDF, optionally padded to a given size."""
    body = (
        b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
        b"2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
    )
    return body + b"%" * padding


def office_bytes(member: str) -> bytes:
    """A zip holding what a DOCX (word/document.xml) or XLSX (xl/workbook.xml) holds."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr(member, "<document/>")
    return out.getvalue()
