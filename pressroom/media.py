"""Uploaded files reach browsers only with types that cannot run.

One rule for every storage: images a browser shows inline and PDFs open
inline; anything else (HTML, SVG, scripts, unknown types) is sent as
`application/octet-stream` to be downloaded, never rendered by the site's origin.
"""

import mimetypes
from pathlib import PurePosixPath

from django.conf import settings
from django.core.exceptions import SuspiciousFileOperation
from django.http import FileResponse, Http404, HttpRequest, HttpResponseBase
from django.utils.http import content_disposition_header
from django.views.static import serve

# SVG is missing on purpose: it can carry script.
INLINE_TYPES = frozenset(
    {"image/jpeg", "image/png", "image/gif", "image/webp", "image/avif", "application/pdf"}
)
DOWNLOAD_TYPE = "application/octet-stream"
# Should a browser be talked into rendering a download, nothing in it may run or load.
DOWNLOAD_CSP = "default-src 'none'; sandbox"


def media_headers(name: str) -> dict[str, str]:
    """Return the Content-Type and Content-Disposition to serve a stored file with."""
    guessed, _encoding = mimetypes.guess_type(name, strict=False)
    filename = PurePosixPath(name).name
    if guessed in INLINE_TYPES:
        return {
            "Content-Type": guessed,
            "Content-Disposition": content_disposition_header(False, filename),
        }
    return {
        "Content-Type": DOWNLOAD_TYPE,
        "Content-Disposition": content_disposition_header(True, filename),
    }


def serve_media(request: HttpRequest, path: str) -> HttpResponseBase:
    """Serve a file from MEDIA_ROOT with a safe type (local media storage only)."""
    try:
        response = serve(request, path, document_root=settings.MEDIA_ROOT)
    except SuspiciousFileOperation as error:
        raise Http404("No such file.") from error
    if isinstance(response, FileResponse):
        for header, value in media_headers(path).items():
            response[header] = value
        if response["Content-Type"] == DOWNLOAD_TYPE:
            response["Content-Security-Policy"] = DOWNLOAD_CSP
        response["Cache-Control"] = "public, max-age=3600"
    return response
