"""Counts of public releases: exact up to a limit, then an estimate, kept per content version.

A list's pages all show the same count ("100,000 press releases", "page 3 of
5,000"), and counting reads every row it counts. So a list is counted exactly
up to LIST_EXACT_COUNT_LIMIT releases and estimated beyond ("about 98,000"),
and the count of a list (by its filters), and a search's counts (by its terms
and filters), are kept in the cache under the content version the page cache
uses, so any change to content, or a scheduled release coming due, makes a
new one.
"""

import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property
from typing import TypeVar

from django.conf import settings
from django.core.cache import cache
from django.core.paginator import EmptyPage, Page, Paginator
from django.db import models
from django.db.models import QuerySet, Subquery
from django.utils import timezone

from pagecache.versions import CACHE_ERRORS, PAGE_CACHE_SECONDS, current_version

COUNT_KEY = "pressroom:count:{version}:{filters}"
# No list holds this many pages; a page number past it would not fit SQL's OFFSET.
MAX_PAGE_NUMBER = 10**9
T = TypeVar("T")


def exact_count_limit() -> int:
    # Counting reads every row it counts; a thousand keep a list's first count at
    # 100,000 releases near its cost at 100, and any month is counted exactly.
    return getattr(settings, "LIST_EXACT_COUNT_LIMIT", 1_000)


@dataclass(frozen=True)
class Count:
    number: int
    estimated: bool


def rounded(estimate: int) -> int:
    """Round an estimate to two significant figures, as a reader would say it: 98,000."""
    return round(estimate, 2 - len(str(estimate)))


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


def bounded_count(releases: QuerySet) -> Count:
    """Count releases exactly up to the limit; beyond it, estimate from the time they span.

    One statement reads at most limit + 1 releases, newest first along the
    list's own index, and the date of the oldest: the list is taken to go on
    back to its oldest release at the rate of its newest limit + 1 (press
    releases come at a steady pace), so its cost does not grow with the list.
    """
    limit = exact_count_limit()
    oldest = releases.order_by("publish_at", "pk").values("publish_at")[:1]
    read = (
        releases.order_by("-publish_at", "-pk")[: limit + 1]
        # An aggregate of a slice: the slice is read in a subquery, the aggregates over it.
        .aggregate(
            number=models.Count("pk"),
            newest=models.Max("publish_at"),
            last=models.Min("publish_at"),
            oldest=models.Min(Subquery(oldest)),
        )
    )
    if read["number"] <= limit:
        return Count(read["number"], estimated=False)
    spanned = (read["newest"] - read["last"]).total_seconds()
    if not spanned:  # all published in one instant: no pace to go by
        return Count(releases.count(), estimated=False)
    whole = (read["newest"] - read["oldest"]).total_seconds()
    return Count(rounded(max(limit + 1, round(read["number"] * whole / spanned))), True)


class FollowedPage(Page):
    """A page of a list whose count is an estimate: it read whether another page follows."""

    def __init__(self, object_list, number: int, paginator: Paginator, more: bool) -> None:
        super().__init__(object_list, number, paginator)
        self.more = more

    def has_next(self) -> bool:
        return self.more


class BoundedPaginator(Paginator):
    """A Paginator of a list counted exactly up to a limit, estimated beyond (`.counted`).

    Under an estimate no page is refused for lying past the estimated last
    one, and each page reads one row more than it shows, so "Older" is offered
    exactly while older releases remain: a reader reaches every page, however
    far the estimate is off. A page past the end is empty (the view's 404).
    """

    @cached_property
    def counted(self) -> Count:
        return self.object_list.counted

    @cached_property
    def count(self) -> int:
        return self.counted.number

    def validate_number(self, number) -> int:
        try:
            return super().validate_number(number)
        except EmptyPage:
            if self.counted.estimated and 1 < int(number) <= MAX_PAGE_NUMBER:
                return int(number)
            raise

    def page(self, number) -> Page:
        if not self.counted.estimated:
            return super().page(number)
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        # One row more than a page: whether another follows is read, not estimated.
        window = self.object_list[bottom : bottom + self.per_page + 1]
        rows = list(self._get_page(window, number, self).object_list)
        return FollowedPage(rows[: self.per_page], number, self, more=len(rows) > self.per_page)


class CountedPaginator(BoundedPaginator):
    """A BoundedPaginator of releases whose count is remembered for the content version.

    A page reads its ids first, walking the list's index to its offset (page
    2,000 is 39,980 releases in), and then only its own rows, with their
    translations: PostgreSQL would otherwise fetch every row it skips.
    """

    def __init__(self, object_list: QuerySet, per_page: int, filters: dict) -> None:
        super().__init__(object_list, per_page)
        self.filters = filters

    @cached_property
    def counted(self) -> Count:
        return remembered("bounded count", self.filters, lambda: bounded_count(self.object_list))

    def _get_page(self, object_list: QuerySet, number: int, paginator: Paginator) -> Page:
        query = object_list.query
        ids = self.object_list.values("pk")[query.low_mark : query.high_mark]
        # Filtered by id alone, so each database looks the page's rows up by their key.
        rows = self.object_list.model.objects.filter(pk__in=Subquery(ids)).with_translations()
        return super()._get_page(rows, number, paginator)
