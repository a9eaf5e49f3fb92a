"""Serve anonymous readers' public pages from the shared cache, with validators.

Public pages are every page under a language prefix (home, archive, search,
releases, feeds), the open-data API (/api/v1/) and the sitemap; the admin
lives outside them. A page is cached per content version, interface language
and URL (see
`pagecache.versions`), so any change to content or a scheduled release coming due
makes every page fresh at once. The URL keeps only the query parameters its
view declares it reads (`pagecache.versions.reads_query`), in their canonical
form; the others are taken off the request before anything sees them. Staff,
and any response a view marks private or never-cache (previews) or that sets a
cookie, go around the cache; with `PAGE_CACHE` off, every page is rendered afresh.

The middleware sits as early as is safe: after the security headers, static
files and gzip, before sessions, language, CSRF, authentication and the
headers the others add (CSP, frame options, permissions policy). A cached
page is kept with the headers all of those gave it, so a reader is answered
without running them, and a page's CSP header (with its nonce, if it has one)
is always the one its body was rendered with. Sessions and
users are therefore looked up here, for requests that carry a session cookie
only, and left for the middleware further in to use.

A page missing from the cache is rendered once, not once per waiting reader
(single flight): the first request to miss claims the render, and while it
renders, the others are answered at once with the page as last rendered (what
they would have had a moment earlier), marked to be asked for again. When a
release goes out, every list page misses at once in every language, just as
readers arrive; rendering each once keeps the servers' work, and the readers'
wait, what a quiet moment's is. Waiting for the render instead would hold a
worker per waiting reader; the page of a moment ago costs nothing and is
replaced as soon as the render is kept.
"""

import logging
import re
from collections.abc import Callable
from contextlib import suppress
from dataclasses import dataclass
from importlib import import_module

from django.conf import settings
from django.conf.urls.i18n import is_language_prefix_patterns_used
from django.contrib import auth
from django.contrib.sessions import middleware as sessions_middleware
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.urls import Resolver404, resolve
from django.utils import timezone, translation
from django.utils.cache import (
    add_never_cache_headers,
    get_conditional_response,
    patch_cache_control,
    set_response_etag,
)
from django.utils.http import http_date, parse_http_date_safe

from pagecache import versions as page_cache
from pagecache.memory import RecentPages

logger = logging.getLogger(__name__)

CACHEABLE_METHODS = {"GET", "HEAD"}
# How long a claim to render a page holds if its render never finishes (a killed worker).
RENDER_CLAIM_SECONDS = 10
# A view's own verdict wins: previews and other per-person pages say so in Cache-Control.
_PRIVATE_DIRECTIVE = re.compile(r"\b(private|no-cache|no-store)\b", re.IGNORECASE)


def public_path_pattern() -> re.Pattern:
    """Match the paths of public pages: under a language prefix, the API, or the sitemap."""
    prefixes = "|".join(re.escape(code) for code, _name in settings.LANGUAGES)
    return re.compile(rf"^/(?:(?:{prefixes})/|api/v1/|sitemap[\w.-]*\.xml$)")


@dataclass(frozen=True)
class CachedPage:
    """What is kept of a rendered page: enough to answer again without the view."""

    status: int
    headers: list[tuple[str, str]]
    content: bytes

    @classmethod
    def of(cls, response: HttpResponse) -> "CachedPage":
        return cls(response.status_code, list(response.headers.items()), response.content)

    def response(self) -> HttpResponse:
        response = HttpResponse(self.content, status=self.status)
        for name, value in self.headers:
            response.headers[name] = value
        return response


class PageCacheMiddleware:
    """Answer anonymous GETs of public pages from the cache, or render and keep them."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response
        self.public_path = public_path_pattern()
        self.recent = RecentPages(settings.PAGE_MEMORY_BYTES)

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        if request.method not in CACHEABLE_METHODS or not self.public_path.match(
            request.path_info
        ):
            return self.get_response(request)
        # What LocaleMiddleware, further in, will choose: the page's key depends on it, and
        # finding the view by its address needs it.
        translation.activate(request_language(request))
        keep_only_parameters_read(request)
        if is_staff(request):
            response = self.get_response(request)
            add_never_cache_headers(response)
            patch_cache_control(response, private=True)
            return response

        try:
            version, key, cached = self.look_up(request)
        except page_cache.CACHE_ERRORS:
            logger.warning("Page cache unavailable; rendering %s", request.path, exc_info=True)
            return self.get_response(request)
        if cached is not None:
            return answer(request, cached.response(), version)
        if not settings.PAGE_CACHE:
            return self.render(request, key, version)

        rendering = page_cache.RENDERING_KEY.format(page=key)
        try:
            claimed = cache.add(rendering, True, timeout=RENDER_CLAIM_SECONDS)
            last = None if claimed else cache.get(page_cache.last_page_key(request))
        except page_cache.CACHE_ERRORS:
            claimed, last = False, None
        if last is not None:
            return answer_while_rendering(request, last.response())
        try:
            return self.render(request, key, version)
        finally:
            if claimed:
                # Should the cache be gone, the claim expires by itself.
                with suppress(*page_cache.CACHE_ERRORS):
                    cache.delete(rendering)

    def look_up(
        self, request: HttpRequest
    ) -> tuple[page_cache.ContentVersion, str, "CachedPage | None"]:
        """Return the content version, the page's key and the page kept under it, if any.

        The page comes from this worker's own copies when it answered it already
        for this version: then the generation is the only read of the cache.
        """
        version = page_cache.current_version()
        key = page_cache.page_key(request, version)
        if not settings.PAGE_CACHE:
            return version, key, None
        page = self.recent.get(key)
        if page is None:
            page = cache.get(key)
            if page is not None:
                self.recent.keep(key, page)
        return version, key, page

    def render(
        self, request: HttpRequest, key: str, version: page_cache.ContentVersion
    ) -> HttpResponseBase:
        """Render the page, keep it for this version (and as the URL's last page), answer."""
        return self.keep(request, self.get_response(request), key, version)

    def keep(
        self,
        request: HttpRequest,
        response: HttpResponseBase,
        key: str,
        version: page_cache.ContentVersion,
    ) -> HttpResponseBase:
        """Keep a rendered page for this version (and as the URL's last page), answer."""
        if not is_storable(response):
            # A page gone (a deleted release's 404) must not be answered as it was.
            with suppress(*page_cache.CACHE_ERRORS):
                cache.delete(page_cache.last_page_key(request))
            return response
        set_response_etag(response)
        # A page about one release dates itself by that release's last public change;
        # any other page by the content's.
        if not response.has_header("Last-Modified"):
            response.headers["Last-Modified"] = http_date(version.last_modified)
        timeout = version.seconds_left(timezone.now().timestamp(), page_cache.PAGE_CACHE_SECONDS)
        if request.method == "GET" and timeout > 0 and settings.PAGE_CACHE:
            page = CachedPage.of(response)
            self.recent.keep(key, page)
            try:
                cache.set(key, page, timeout)
                # Kept past the next release's time: it is what readers get while the
                # page of the new content is being rendered, and only then.
                cache.set(page_cache.last_page_key(request), page, page_cache.PAGE_CACHE_SECONDS)
            except page_cache.CACHE_ERRORS:
                logger.warning("Page cache unavailable; %s not kept", request.path, exc_info=True)
        return answer(request, response, version)


def keep_only_parameters_read(request: HttpRequest) -> None:
    """Take every query parameter the page's view does not declare off the request."""
    if not request.META.get("QUERY_STRING"):
        return  # nothing to take off, so no need to find the view
    try:
        match = resolve(request.path_info, getattr(request, "urlconf", None))
    except Resolver404:
        names = ()
    else:
        names = getattr(match.func, "query_parameters", ())
    request.GET = page_cache.canonical_query(request.GET, names)
    # What get_full_path() and build_absolute_uri() read: links and keys alike.
    request.META["QUERY_STRING"] = request.GET.urlencode()


def request_language(request: HttpRequest) -> str:
    """Return the language LocaleMiddleware will activate for this request.

    Its own rule: the URL's prefix, else (the API, the sitemap) the cookie or
    Accept-Language, else the default.
    """
    urlconf = getattr(request, "urlconf", settings.ROOT_URLCONF)
    prefixes_used, default_prefixed = is_language_prefix_patterns_used(urlconf)
    language = translation.get_language_from_request(request, check_path=prefixes_used)
    if (
        prefixes_used
        and not default_prefixed
        and not translation.get_language_from_path(request.path_info)
    ):
        return settings.LANGUAGE_CODE
    return language


def is_staff(request: HttpRequest) -> bool:
    """Tell whether a signed-in staff member asks; readers without a session cost no query.

    SessionMiddleware and AuthenticationMiddleware run further in: the session
    and the user found here are handed on to them (the attribute auth's own
    middleware caches its user in), so each is read once.
    """
    if settings.SESSION_COOKIE_NAME not in request.COOKIES:
        return False
    store = import_module(settings.SESSION_ENGINE).SessionStore
    request.session = store(request.COOKIES[settings.SESSION_COOKIE_NAME])
    request._cached_user = user = auth.get_user(request)
    return user.is_authenticated and user.is_staff


def is_storable(response: HttpResponseBase) -> bool:
    """Keep only complete, successful pages that are the same for every reader."""
    return (
        isinstance(response, HttpResponse)
        and response.status_code == 200
        and not response.cookies
        and not response.has_header("Set-Cookie")
        and not _PRIVATE_DIRECTIVE.search(response.get("Cache-Control", ""))
    )


def answer_while_rendering(request: HttpRequest, response: HttpResponse) -> HttpResponseBase:
    """Answer with the page as last rendered, while another request renders the new one.

    Its validators describe what it holds; `max-age=0` has browsers and proxies ask
    again, so the page of a moment ago lasts only as long as the render takes.
    """
    patch_cache_control(response, public=True, max_age=0)
    return get_conditional_response(
        request,
        etag=response.get("ETag"),
        last_modified=parse_http_date_safe(response.get("Last-Modified", "")),
        response=response,
    )


def answer(
    request: HttpRequest, response: HttpResponse, version: page_cache.ContentVersion
) -> HttpResponseBase:
    """Add public caching headers, and turn a matching conditional request into a 304."""
    max_age = version.seconds_left(timezone.now().timestamp(), page_cache.PAGE_BROWSER_MAX_AGE)
    patch_cache_control(response, public=True, max_age=max_age)
    return get_conditional_response(
        request,
        etag=response.get("ETag"),
        last_modified=parse_http_date_safe(response.get("Last-Modified", ""))
        or int(version.last_modified),
        response=response,
    )


class SessionMiddleware(sessions_middleware.SessionMiddleware):
    """Django's session middleware, keeping the session the page cache already read.

    `is_staff()` reads the session of a request that carries a session cookie;
    Django's own middleware would start a fresh one and read it again.
    """

    def process_request(self, request: HttpRequest) -> None:
        if not hasattr(request, "session"):
            super().process_request(request)
