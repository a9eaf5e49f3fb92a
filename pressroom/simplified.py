"""The Simplified Chinese view: Traditional text converted by OpenCC as it is served.

Nothing Simplified is ever stored in the database. Pages under /zh-hans/ are
rendered like the Traditional ones (with the zh_Hans interface catalogue), and
the finished response is converted from Hong Kong Traditional to Simplified
characters, inside the page cache, which then keeps the converted page. The
interface strings are already Simplified, and Latin text is left as it is.

Names and official titles that character conversion would spoil keep the
Simplified form the department's glossary gives them. The glossary belongs to
the releases app, which this foundation module cannot import: the app hands
over where to read those forms with `keep_forms_from()` as it starts.
"""

import re
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


# Where the glossary's Simplified forms are read from ({Traditional: Simplified}).
_kept_forms: Callable[[], dict[str, str]] = dict


def keep_forms_from(source: Callable[[], dict[str, str]]) -> None:
    """Have pages keep these Simplified forms of terms rather than convert them."""
    global _kept_forms
    _kept_forms = source


@lru_cache(maxsize=8)
def _terms_pattern(terms: tuple[str, ...]) -> re.Pattern:
    # Longest first, so a term within a longer one never breaks it up.
    return re.compile("|".join(map(re.escape, sorted(terms, key=len, reverse=True))))


def document_to_simplified(text: str) -> str:
    """Convert a whole document (a page, an email) to Simplified, without memoising it.

    Each term the glossary gives a Simplified form of keeps that form.
    """
    forms = _kept_forms()
    if not forms:
        return _converter.convert(text)
    parts, last = [], 0
    for match in _terms_pattern(tuple(sorted(forms))).finditer(text):
        parts += [_converter.convert(text[last : match.start()]), forms[match[0]]]
        last = match.end()
    parts.append(_converter.convert(text[last:]))
    return "".join(parts)


@lru_cache(maxsize=512)
def to_simplified(text: str) -> str:
    """Return text with Traditional Chinese characters in Simplified form.

    Memoised for the short texts that recur (search terms, catalogue lines);
    whole pages are converted once and then kept by the page cache.
    """
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
