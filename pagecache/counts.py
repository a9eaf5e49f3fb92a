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
from datetime import datetime
from functools import cached_property
from typing import TypeVar

from django.conf import settings
from django.core.cache import cache
from django.core.paginator import EmptyPage, Page, Paginator
from django.db import connections
from django.db.models import QuerySet, Subquery
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from pagecache.versions import CACHE_ERRORS, PAGE_CACHE_SECONDS, current_version

COUNT_KEY = "pressroom:count:{version}:{filters}"
# No list holds this many pages; a page number past it would not fit SQL's OFFSET.
MAX_PAGE_NUMBER = 10**9
T = TypeVar("T")


def exact_count_limit() -> int:
    # Counting reads every row it counts; a thousand keep a list's first count at
    # 100,000 releases near its cost at 100, and any month is counted exactly.
    return getattr(settings, "LIST_EXACT_COUNT_LIMIT", 1_000)


def pace_sample() -> int:
    # The newest releases an estimate takes its pace from. Reading them walks the list's
    # index newest first, looking each release of a topic up in its links (about 1,500
    # walked for a topic in one release in six): 250 keep that near a millisecond, where
    # 1,001 made PostgreSQL start parallel workers (about 15 ms). The price is a rougher
    # pace: 1 / sqrt(250), about 6 %, where 1,001 gave 3 %.
    return getattr(settings, "LIST_PACE_SAMPLE", 250)


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


def _datetime(value: datetime | str) -> datetime:
    # SQLite gives a date read in raw SQL as its text (in UTC, as all of them are stored).
    return parse_datetime(value) if isinstance(value, str) else value


def bounded_count(releases: QuerySet) -> Count:
    """Count releases exactly up to the limit; beyond it, estimate from the time they span.

    One statement counts at most limit + 1 releases in no order, so each
    database reads them the cheapest way it finds (PostgreSQL a topic's
    links, not the releases newest first); only when there are more does it
    read the date of the newest release, of the oldest, and of the
    pace_sample()-th newest (fewer under a lower limit): the list is taken to
    go on back to its oldest release at the pace of its newest (press
    releases come at a steady pace), so its cost does not grow with the list.
    """
    limit = exact_count_limit()
    sample = min(pace_sample(), limit + 1)
    params: list = []

    def sql(queryset: QuerySet) -> str:
        text, own = queryset.query.sql_with_params()
        params.extend(own)
        return text

    newest_first = releases.order_by("-publish_at", "-pk").values("publish_at")
    # A date is read only when the count is above the limit: a CASE's branch not taken is
    # not run. Written as SQL, as Django would compile each subquery again for its CASE.
    dates = [
        f"CASE WHEN number > {limit} THEN ({sql(date)}) END"
        for date in (
            newest_first[:1],
            newest_first[sample - 1 : sample],
            releases.order_by("publish_at", "pk").values("publish_at")[:1],
        )
    ]
    listed = sql(releases.order_by().values("pk")[: limit + 1])
    with connections[releases.db].cursor() as cursor:
        cursor.execute(
            f"SELECT number, {', '.join(dates)} "
            f"FROM (SELECT count(*) AS number FROM ({listed}) AS listed) AS counted",
            params,
        )
        number, *dates = cursor.fetchone()
    if number <= limit:
        return Count(number, estimated=False)
    newest, last, oldest = (_datetime(date) for date in dates)
    spanned = (newest - last).total_seconds()
    if not spanned:  # the sample published in one instant: no pace to go by
        return Count(releases.count(), estimated=False)
    whole = (newest - oldest).total_seconds()
    return Count(rounded(max(limit + 1, round(sample * whole / spanned))), True)


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
