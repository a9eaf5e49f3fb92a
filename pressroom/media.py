"""Uploaded files reach browsers only with types that cannot run, under names nobody can guess.

One rule for every storage: images a browser shows inline and PDFs open
inline; anything else (HTML, SVG, scripts, unknown types) is sent as
`application/octet-stream` to be downloaded, never rendered by the site's origin.
Every file is sent sandboxed (`Content-Security-Policy: sandbox`, `nosniff`),
so a PDF's script or HTML appended to an image never runs as the site.

Files are stored under random names (`unguessable_name`); the name the
uploader gave is kept beside them, shortened to what a file system takes
(`readable_name`), for `Content-Disposition`. A file that not everyone may
fetch is reached through a short-lived signed address (`private_url`): on
S3 the bucket's own presigned URL, on local disk this site's `/media/` address
with an `access` signature that `has_valid_access` checks.
"""

import errno
import mimetypes
import secrets
from pathlib import PurePosixPath
from urllib.parse import urlencode

from django.conf import settings
from django.core import signing
from django.core.exceptions import SuspiciousFileOperation
from django.core.files.storage import Storage
from django.core.files.uploadedfile import TemporaryUploadedFile
from django.core.files.uploadhandler import FileUploadHandler, TemporaryFileUploadHandler
from django.http import FileResponse, Http404, HttpRequest, HttpResponseBase
from django.utils.http import content_disposition_header
from django.views.static import serve

# SVG is missing on purpose: it can carry script.
INLINE_TYPES = frozenset(
    {"image/jpeg", "image/png", "image/gif", "image/webp", "image/avif", "application/pdf"}
)
DOWNLOAD_TYPE = "application/octet-stream"
# Every file runs in a sandbox, with no script and no access to the site's origin. Downloads
# may load nothing at all; inline files keep the rest, or PDF viewers would not open them.
INLINE_CSP = "sandbox"
DOWNLOAD_CSP = "default-src 'none'; sandbox"
# A public release's files never change under their names: a proxy may keep them an hour.
PUBLIC_CACHE = "public, max-age=3600"
PRIVATE_CACHE = "private, no-store"
# One name in a path, and a whole path, as file systems take them (ENAMETOOLONG beyond).
MAX_NAME_BYTES = 255
MAX_PATH_BYTES = 1024
# What is kept of an uploaded name: room left for a browser's " (1)" when it saves a copy.
READABLE_NAME_BYTES = 240
ACCESS_PARAMETER = "access"
_SIGNER = signing.TimestampSigner(salt="pressroom.media.access")


def readable_name(name: str, max_bytes: int = READABLE_NAME_BYTES) -> str:
    """Return the last part of an uploaded name, cut to `max_bytes` of UTF-8, extension kept.

    Cut between characters, never inside one; a name with no stem left is "file".
    """
    name = PurePosixPath(name.replace("\\", "/")).name.strip() or "file"
    path = PurePosixPath(name)
    suffix = path.suffix if len(path.suffix.encode()) <= 16 else ""
    stem = name[: len(name) - len(suffix)] if suffix else name
    room = max_bytes - len(suffix.encode())
    cut = stem.encode()[:room].decode("utf-8", "ignore").strip() or "file"
    return f"{cut}{suffix}"


class ShortNameUploadHandler(TemporaryFileUploadHandler):
    """Write large uploads to a temporary file whose name the file system takes.

    Django ends the temporary file's name with the upload's extension, so an
    upload called "a.<300 bytes of Chinese>" failed with ENAMETOOLONG (a 500).
    """

    def new_file(self, field_name: str, file_name: str, *args, **kwargs) -> None:
        FileUploadHandler.new_file(self, field_name, readable_name(file_name), *args, **kwargs)
        self.file = TemporaryUploadedFile(
            "upload", self.content_type, 0, self.charset, self.content_type_extra
        )
        self.file.name = self.file_name


def unguessable_name(folder: str, filename: str) -> str:
    """Return `folder/<128 random bits>.<extension of filename>`: an address nobody can guess."""
    suffix = PurePosixPath(filename).suffix.lower()
    if not suffix[1:].isalnum() or len(suffix) > 10:
        suffix = ""
    return f"{folder}/{secrets.token_hex(16)}{suffix}"


def media_headers(name: str, filename: str = "") -> dict[str, str]:
    """Return the headers to send a stored file with: its type, disposition and sandbox.

    `filename` is the name offered to a reader who saves it (the stored name's last part
    when none is given); the type is read from the stored name.
    """
    guessed, _encoding = mimetypes.guess_type(name, strict=False)
    filename = filename or PurePosixPath(name).name
    inline = guessed in INLINE_TYPES
    return {
        "Content-Type": guessed if inline else DOWNLOAD_TYPE,
        "Content-Disposition": content_disposition_header(not inline, filename),
        "Content-Security-Policy": INLINE_CSP if inline else DOWNLOAD_CSP,
        "X-Content-Type-Options": "nosniff",
    }


def is_too_long(path: str) -> bool:
    """Whether a path names something no file system could hold: answered 404, never looked up."""
    encoded = path.encode("utf-8", "surrogatepass")
    return len(encoded) > MAX_PATH_BYTES or any(
        len(part) > MAX_NAME_BYTES for part in encoded.split(b"/")
    )


def private_url(storage: Storage, name: str) -> str:
    """Return a signed address of a stored file that works for PRIVATE_MEDIA_SECONDS.

    A storage that signs its own addresses (S3: `signed_url`) does; otherwise the
    site's address carries an `access` signature that serve_media's caller checks.
    """
    seconds = settings.PRIVATE_MEDIA_SECONDS
    if hasattr(storage, "signed_url"):
        return storage.signed_url(name, seconds)
    signature = _SIGNER.sign(name)[len(name) + 1 :]
    return f"{storage.url(name)}?{urlencode({ACCESS_PARAMETER: signature})}"


def has_valid_access(request: HttpRequest, name: str) -> bool:
    """Whether the request carries a signature for this stored name that has not expired."""
    signature = request.GET.get(ACCESS_PARAMETER, "")
    if not signature:
        return False
    try:
        _SIGNER.unsign(f"{name}:{signature}", max_age=settings.PRIVATE_MEDIA_SECONDS)
    except signing.BadSignature:
        return False
    return True


def serve_media(
    request: HttpRequest, path: str, filename: str = "", private: bool = False
) -> HttpResponseBase:
    """Serve a file from MEDIA_ROOT with safe headers (local media storage only).

    Whoever calls this has decided the reader may have the file; `private` keeps the
    answer out of every cache. A missing file, or a path no file system could hold,
    is a 404.
    """
    if is_too_long(path):
        raise Http404("No such file.")
    try:
        response = serve(request, path, document_root=settings.MEDIA_ROOT)
    except SuspiciousFileOperation as error:
        raise Http404("No such file.") from error
    except OSError as error:
        if error.errno == errno.ENAMETOOLONG:
            raise Http404("No such file.") from error
        raise
    if isinstance(response, FileResponse):
        for header, value in media_headers(path, filename).items():
            response[header] = value
    response["Cache-Control"] = PRIVATE_CACHE if private else PUBLIC_CACHE
    return response
