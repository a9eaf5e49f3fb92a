"""Counts of public releases, kept for as long as the content they count is unchanged.

A list's pages all show the same count ("100,000 press releases", "page 3 of
5,000"), and counting reads every row it counts. The count of a list (by its
filters), and a search's counts (by its terms and filters), are kept in the
cache under the content version the page cache uses, so any change to content,
or a scheduled release coming due, makes a new one.
"""

import hashlib
import json
from collections.abc import Callable
from functools import cached_property
from typing import TypeVar

from django.core.cache import cache
from django.core.paginator import Page, Paginator
from django.db.models import QuerySet, Subquery
from django.utils import timezone

from pagecache.versions import CACHE_ERRORS, PAGE_CACHE_SECONDS, current_version

COUNT_KEY = "pressroom:count:{version}:{filters}"
T = TypeVar("T")


def remembered(kind: str, filters: dict, compute: Callable[[], T]) -> T:
    """Return compute(), from the cache while the content version is the same.

    `kind` and `filters` name what is computed: the same kind and filters give the
    same value until the content changes.
    """
    digest = hashlib.sha256(json.dumps([kind, filters], sort_keys=True, default=str).encode())
    try:
        version = current_version()
        key = COUNT_KEY.format(version=version.key, filters=digest.hexdigest())
        value = cache.get(key)
        if value is None:
            value = compute()
            seconds = version.seconds_left(timezone.now().timestamp(), PAGE_CACHE_SECONDS)
            cache.set(key, value, timeout=seconds)
    except CACHE_ERRORS:
        # The site works on without its cache: the value is simply worked out again.
        return compute()
    return value


def remembered_count(releases: QuerySet, filters: dict) -> int:
    """Return releases.count(), remembered for the content version (see above)."""
    return remembered("count", filters, releases.count)


class CountedPaginator(Paginator):
    """A Paginator of releases whose count is remembered for the content version (see above).

    A page reads its ids first, walking the list's index to its offset (page
    2,000 is 39,980 releases in), and then only its own rows, with their
    translations: PostgreSQL would otherwise fetch every row it skips.
    """

    def __init__(self, object_list: QuerySet, per_page: int, filters: dict) -> None:
        super().__init__(object_list, per_page)
        self.filters = filters

    @cached_property
    def count(self) -> int:
        return remembered_count(self.object_list, self.filters)

    def _get_page(self, object_list: QuerySet, number: int, paginator: Paginator) -> Page:
        query = object_list.query
        ids = self.object_list.values("pk")[query.low_mark : query.high_mark]
        # Filtered by id alone, so each database looks the page's rows up by their key.
        rows = self.object_list.model.objects.filter(pk__in=Subquery(ids)).with_translations()
        return super()._get_page(rows, number, paginator)
