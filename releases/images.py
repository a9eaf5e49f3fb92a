"""Check uploaded images with Pillow, strip their metadata and make renditions.

An upload is accepted only when Pillow decodes all of it as JPEG, PNG or WebP
within the byte and pixel limits. What is stored is a re-encoded copy, so no
EXIF or GPS metadata of the camera ever reaches the public site.
"""

import io
import warnings
from dataclasses import dataclass, field
from pathlib import PurePosixPath

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageOps, UnidentifiedImageError

from releases.sizes import file_size

MAX_IMAGE_BYTES = 10 * 1024 * 1024
# 40 megapixels: more than any press photo needs, far below what exhausts memory.
MAX_IMAGE_PIXELS = 40_000_000
RENDITION_WIDTHS = (640, 1280)
FORMATS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp"}
JPEG_QUALITY = 85


@dataclass
class CheckedImage:
    """A verified image, re-encoded without metadata, with its renditions."""

    original: ContentFile
    width: int
    height: int
    renditions: dict[int, ContentFile] = field(default_factory=dict)


def scaled_height(width: int, height: int, new_width: int) -> int:
    """Return the height that keeps an image's proportions at a new width."""
    return max(1, round(height * new_width / width))


def check_image(upload: UploadedFile) -> CheckedImage:
    """Verify an upload and return clean files, or raise ValidationError saying why."""
    if upload.size > MAX_IMAGE_BYTES:
        raise ValidationError(
            _("The image is %(size)s; the limit is %(limit)s."),
            code="too_large",
            params={"size": file_size(upload.size), "limit": file_size(MAX_IMAGE_BYTES)},
        )
    image = _decode(upload.read())
    image_format = image.format
    # Turn the pixels as the camera meant, then forget every piece of metadata.
    image = ImageOps.exif_transpose(image)
    image.info = {}
    # Stored under a random name (releases.files); this one is what readers save it as.
    stem = PurePosixPath(upload.name or "").stem or "image"
    extension = FORMATS[image_format]
    checked = CheckedImage(
        original=ContentFile(_encode(image, image_format), name=f"{stem}.{extension}"),
        width=image.width,
        height=image.height,
    )
    for width in RENDITION_WIDTHS:
        if image.width > width:
            height = scaled_height(image.width, image.height, width)
            resized = _resizable(image).resize((width, height), Image.Resampling.LANCZOS)
            checked.renditions[width] = ContentFile(
                _encode(resized, image_format), name=f"{stem}-{width}.{extension}"
            )
    return checked


def _decode(data: bytes) -> Image.Image:
    """Decode every pixel, so a truncated or disguised file is refused here."""
    not_an_image = ValidationError(
        _("This file is not a JPEG, PNG or WebP image, or it is damaged."), code="invalid_image"
    )
    too_many_pixels = ValidationError(
        _(
            "The image is too large in pixels (at most %(limit)s million); "
            "please resize it before uploading."
        ),
        code="too_many_pixels",
        params={"limit": MAX_IMAGE_PIXELS // 1_000_000},
    )
    try:
        with warnings.catch_warnings():
            # Pillow only warns between its limit and twice its limit; refuse both.
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            probe = Image.open(io.BytesIO(data))
            if probe.format not in FORMATS:
                raise not_an_image
            if probe.width * probe.height > MAX_IMAGE_PIXELS:
                raise too_many_pixels
            probe.verify()
            image = Image.open(io.BytesIO(data))
            image.load()
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as error:
        raise too_many_pixels from error
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as error:
        raise not_an_image from error
    return image


def _resizable(image: Image.Image) -> Image.Image:
    # Palette images resize badly; work on full colour.
    return image.convert("RGBA") if image.mode in {"P", "LA", "PA"} else image


def _encode(image: Image.Image, image_format: str) -> bytes:
    """Encode pixels only: no EXIF, GPS, comments or text chunks are written."""
    out = io.BytesIO()
    if image_format == "JPEG":
        if image.mode not in {"RGB", "L", "CMYK"}:
            image = image.convert("RGB")
        image.save(out, "JPEG", quality=JPEG_QUALITY, optimize=True, progressive=True)
    elif image_format == "PNG":
        image.save(out, "PNG", optimize=True)
    else:
        image.save(out, "WEBP", quality=JPEG_QUALITY)
    return out.getvalue()
