"""Template context every page needs: its language versions and its canonical address."""

from urllib.parse import urlencode

from django.conf import settings
from django.http import HttpRequest
from django.urls import translate_url
from django.utils.translation import get_language, get_language_from_path, get_language_info

from releases.languages import CHINESE, ENGLISH, SIMPLIFIED, html_lang

# The switcher's short labels, in its order: each language's own name, not interface text.
SWITCHER_LABELS = {CHINESE: "繁", SIMPLIFIED: "简", ENGLISH: "EN"}
# Open Graph names a locale, not a language.
OG_LOCALES = {CHINESE: "zh_HK", SIMPLIFIED: "zh_CN", ENGLISH: "en_GB"}
# Query parameters that make a different page (the archive's filters and pages);
# anything else, such as a search query, is left out of canonical addresses.
CANONICAL_PARAMETERS = ("topic", "year", "month", "page")


def canonical_path(request: HttpRequest) -> str:
    """Return the page's path with only the query parameters that make it distinct."""
    kept = [(name, request.GET[name]) for name in CANONICAL_PARAMETERS if request.GET.get(name)]
    return f"{request.path}?{urlencode(kept)}" if kept else request.path


def in_language(path: str, code: str) -> str:
    """Return the same address under another language's prefix, even where no page answers.

    translate_url() leaves an address it cannot resolve as it is, which on a 404 page
    would make every language link point back at the same wrong page.
    """
    translated = translate_url(path, code)
    prefix = get_language_from_path(path)
    if translated == path and prefix and prefix != code:
        return f"/{code}/{path.removeprefix(f'/{prefix}/')}"
    return translated


def languages(request: HttpRequest) -> dict:
    """Link the current page in every interface language, and name its canonical address."""
    current = get_language()
    path = canonical_path(request)
    links = []
    # The switcher reads 繁 / 简 / EN: the two Chinese scripts side by side.
    for code in sorted(dict(settings.LANGUAGES), key=list(SWITCHER_LABELS).index):
        url = in_language(path, code)
        links.append(
            {
                "code": code,
                "html_lang": html_lang(code),
                "label": SWITCHER_LABELS[code],
                "og_locale": OG_LOCALES[code],
                "name": get_language_info(code)["name_local"],
                "url": in_language(request.get_full_path(), code),
                "absolute_url": request.build_absolute_uri(url),
                "is_current": code == current,
            }
        )
    return {
        "language_links": links,
        "canonical_url": request.build_absolute_uri(path),
        # Like the sitemap's x-default: no prefix, so the reader's language decides.
        "default_language_url": request.build_absolute_uri(
            in_language(path, CHINESE).replace(f"/{CHINESE}/", "/", 1)
        ),
    }
