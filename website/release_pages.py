"""A release as its page shows it, kept per version of the release rather than per request.

A release page costs six queries (releases.querysets.get_for_page) and the
rendering of two CommonMark bodies; it changes only when the release does
(every save moves its `version`) or a topic or contact it names does
(pagecache.versions.labels_stamp). So the first query, which brings the
release's text and version, decides: the release as last loaded for that
version, with its relations and its bodies already rendered, comes from the
shared cache; only when it is not there do the other five queries run.
Publishing another release leaves this one's kept, so the first readers after
a publish do not pay for every page at once.
"""

import logging
from collections.abc import Callable
from typing import TypeVar

from django.core.cache import cache
from django.http import HttpRequest
from django.utils.translation import get_language

from pagecache.versions import CACHE_ERRORS, PAGE_CACHE_SECONDS, labels_stamp
from releases.models import Release
from releases.prefetch import with_their_translations
from releases.querysets import with_page_relations

KEY = "pressroom:release:{pk}:{version}:{updated}:{labels}"
FRAGMENT_KEY = "pressroom:fragment:{key}"
# A release's id is a BigAutoField: a signed 64-bit integer.
BIGGEST_ID = 2**63 - 1

logger = logging.getLogger(__name__)

T = TypeVar("T")


def release_for_page(pk: int) -> Release:
    """Return the release a public address names, with all its page shows.

    One query when this version of the release was loaded before, six when not.
    The release's `kept_as` names what was kept ("" when the cache is down).
    Raise Release.DoesNotExist when there is no such release or readers may not
    see it: decided in memory (`Release.is_visible_at_url()`, kept in step with
    `visible_at_url()` by a test), so the one query is the simplest there is.
    """
    if not 0 < pk <= BIGGEST_ID:
        raise Release.DoesNotExist  # no database could hold it, nor be asked for it
    found = with_their_translations(Release._parler_meta.root_model.objects.filter(master_id=pk))
    if not found or not found[0].is_visible_at_url():
        raise Release.DoesNotExist
    release = found[0]
    try:
        key = KEY.format(
            pk=release.pk,
            version=release.version,
            updated=release.updated_at.timestamp(),
            labels=labels_stamp(),
        )
        kept = cache.get(key)
    except CACHE_ERRORS:
        logger.warning("Cache unavailable; loading release %s", pk, exc_info=True)
        release.kept_as = ""
        return with_page_relations(release)
    if kept is not None:
        kept.kept_as = key
        return kept
    release.kept_as = key
    with_page_relations(release)
    for translation in release.translations.all():
        # Parsed and rendered now, so what is kept holds the HTML, not just the source.
        translation.body_html  # noqa: B018
        translation.lead  # noqa: B018
    try:
        cache.set(key, release, PAGE_CACHE_SECONDS)
    except CACHE_ERRORS:
        logger.warning("Cache unavailable; release %s not kept", pk, exc_info=True)
    return release


def article_key(request: HttpRequest, release: Release) -> str:
    """Name the release's article as every reader of this version sees it here, or "".

    The same in one interface language at one address (its printed web
    addresses are absolute); "" when the release was not kept, so nothing is.
    """
    if not release.kept_as:
        return ""
    return f"{release.kept_as}:{get_language()}:{request.build_absolute_uri('/')}"


def kept(key: str, make: Callable[[], T]) -> T:
    """Return what `make` gives, kept under `key` as long as a page is; made anew if no key."""
    if not key:
        return make()
    key = FRAGMENT_KEY.format(key=key)
    try:
        found = cache.get(key)
    except CACHE_ERRORS:
        logger.warning("Cache unavailable; making %s", key, exc_info=True)
        return make()
    if found is None:
        found = make()
        try:
            cache.set(key, found, PAGE_CACHE_SECONDS)
        except CACHE_ERRORS:
            logger.warning("Cache unavailable; %s not kept", key, exc_info=True)
    return found
