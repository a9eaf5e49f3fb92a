"""Template context every page needs: its language versions, its canonical address, its
link-preview image."""

from urllib.parse import urlencode

from django.conf import settings
from django.http import HttpRequest
from django.urls import NoReverseMatch, reverse
from django.utils.translation import (
    get_language,
    get_language_from_path,
    get_language_info,
    override,
)
from django.utils.translation import gettext as _

from pressroom.languages import CHINESE, ENGLISH, SIMPLIFIED, SWITCHER_LABELS, html_lang
from website import cards

# Open Graph names a locale, not a language.
OG_LOCALES = {CHINESE: "zh_HK", SIMPLIFIED: "zh_CN", ENGLISH: "en_GB"}
# Query parameters that make a different page (the archive's filters and pages);
# anything else, such as a search query, is left out of canonical addresses.
CANONICAL_PARAMETERS = ("topic", "year", "month", "page")


def canonical_query(request: HttpRequest) -> str:
    """Return the query string ("?…" or "") of the parameters that make the page distinct."""
    kept = [(name, request.GET[name]) for name in CANONICAL_PARAMETERS if request.GET.get(name)]
    return f"?{urlencode(kept)}" if kept else ""


def path_in(request: HttpRequest, language: str) -> str:
    """Return the page's path under another interface language.

    What `translate_url` gives, from the match the request already has: one
    reverse, instead of resolving the path again for every link. A path that
    matched no view (a 404) is the same path under the other prefix, so a
    reader who landed on a wrong address can still change language.
    """
    match = request.resolver_match
    if match is not None and match.url_name is not None:
        with override(language):
            try:
                return reverse(match.view_name, args=match.args, kwargs=match.kwargs)
            except NoReverseMatch:
                pass
    prefix = get_language_from_path(request.path)
    if prefix and prefix != language:
        return f"/{language}/{request.path.removeprefix(f'/{prefix}/')}"
    return request.path


def languages(request: HttpRequest) -> dict:
    """Link the current page in every interface language, and name its canonical address."""
    current = get_language()
    canonical = canonical_query(request)
    # The page cache has left only the parameters the page reads (pagecache.versions).
    query = request.META.get("QUERY_STRING", "")
    query = f"?{query}" if query else ""
    paths = {code: path_in(request, code) for code, _name in settings.LANGUAGES}
    links = []
    # The switcher reads 繁 / 简 / EN: the two Chinese scripts side by side.
    for code in sorted(paths, key=list(SWITCHER_LABELS).index):
        links.append(
            {
                "code": code,
                "html_lang": html_lang(code),
                "label": SWITCHER_LABELS[code],
                "og_locale": OG_LOCALES[code],
                "name": get_language_info(code)["name_local"],
                "url": paths[code] + query,
                "absolute_url": request.build_absolute_uri(paths[code] + canonical),
                "is_current": code == current,
            }
        )
    return {
        "language_links": links,
        "canonical_url": request.build_absolute_uri(request.path + canonical),
        # Like the sitemap's x-default: no prefix, so the reader's language decides.
        "default_language_url": request.build_absolute_uri(
            paths[CHINESE].replace(f"/{CHINESE}/", "/", 1) + canonical
        ),
    }


def preview_image(request: HttpRequest) -> dict:
    """The image link previews show for a page that names none of its own: the default card."""
    return {
        "default_og_image": {
            "url": request.build_absolute_uri(cards.default_card_url()),
            "width": cards.WIDTH,
            "height": cards.HEIGHT,
            "alt": _("Customs and Excise Department: press releases"),
        }
    }
