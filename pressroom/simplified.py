"""The Simplified Chinese view: Traditional text converted by OpenCC as it is served.

Nothing Simplified is ever stored in the database. Pages under /zh-hans/ are
rendered like the Traditional ones (with the zh_Hans interface catalogue), and
the finished response is converted from Hong Kong Traditional to Simplified
characters, inside the page cache, which then keeps the converted page. The
interface strings are already Simplified, and Latin text is left as it is.
"""

from collections.abc import Callable
from functools import lru_cache

import opencc
from django.http import HttpRequest, HttpResponse
from django.utils.translation import get_language_from_path

from pressroom.languages import SIMPLIFIED

# Hong Kong Traditional (the variant the releases are written in) to Simplified.
_converter = opencc.OpenCC("hk2s")
_CONVERTED_TYPES = {
    "text/html",
    "text/plain",
    "application/rss+xml",
    "application/atom+xml",
    "application/xml",
    "application/ld+json",
    "application/feed+json",
}


@lru_cache(maxsize=512)
def to_simplified(text: str) -> str:
    """Return text with Traditional Chinese characters in Simplified form.

    Memoised for the short texts that recur (search terms, catalogue lines);
    whole pages are converted once and then kept by the page cache.
    """
    return _converter.convert(text)


def document_to_simplified(text: str) -> str:
    """Return a whole document (a page, an email) converted, without memoising it."""
    return _converter.convert(text)


class SimplifiedChineseMiddleware:
    """Convert responses under the /zh-hans/ prefix to Simplified characters."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if (
            get_language_from_path(request.path_info) == SIMPLIFIED
            and not response.streaming
            and response.get("Content-Type", "").split(";")[0] in _CONVERTED_TYPES
        ):
            charset = response.charset
            response.content = document_to_simplified(response.content.decode(charset)).encode(
                charset
            )
            if response.has_header("Content-Length"):
                response["Content-Length"] = str(len(response.content))
        return response
