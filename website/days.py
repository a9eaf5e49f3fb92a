"""Releases by the day they were issued, in Hong Kong: the home page's groups and a page per day.

Journalists read a daily index (as on info.gov.hk): each day's releases under
its date, with the time of issue, and a page for one day that the header's
"Today's press releases" leads to.
"""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.views.decorators.cache import never_cache

from releases.models import Release


@dataclass
class Day:
    """One day in Hong Kong and the releases issued on it, newest first."""

    date: date
    releases: list[Release]

    @property
    def url(self) -> str:
        return day_url(self.date)


class TwoDigits:
    """A month or day written with two digits, as a day's address writes it: 2026/06/04."""

    digits = 2
    regex = "[0-9]{2}"

    def to_python(self, value: str) -> int:
        return int(value)

    def to_url(self, value: int) -> str:
        return f"{value:0{self.digits}}"


class FourDigits(TwoDigits):
    """A year, with four digits."""

    digits = 4
    regex = "[0-9]{4}"


def day_url(day: date) -> str:
    return reverse("releases:day", kwargs={"year": day.year, "month": day.month, "day": day.day})


def by_day(releases: list[Release]) -> list[Day]:
    """Group releases, newest first, under the Hong Kong day each was issued on."""
    days: list[Day] = []
    for release in releases:
        issued_on = timezone.localdate(release.publish_at)
        if not days or days[-1].date != issued_on:
            days.append(Day(issued_on, []))
        days[-1].releases.append(release)
    return days


def bounds(day: date) -> tuple[datetime, datetime]:
    """The first instant of a Hong Kong day and of the next one."""
    start = timezone.make_aware(datetime.combine(day, time.min))
    return start, timezone.make_aware(datetime.combine(day + timedelta(days=1), time.min))


def day(request: HttpRequest, year: int, month: int, day: int) -> HttpResponse:
    """List the releases issued on one Hong Kong day; a date that does not exist is a 404."""
    try:
        shown = date(year, month, day)
    except ValueError:
        raise Http404 from None
    start, end = bounds(shown)
    releases = list(
        Release.objects.public()
        .filter(publish_at__gte=start, publish_at__lt=end)
        .with_translations()
    )
    today = timezone.localdate()
    context = {
        "day": Day(shown, releases),
        "is_today": shown == today,
        "page_title": date_format(shown, "DATE_FORMAT"),
        "previous_url": day_url(shown - timedelta(days=1)),
        # No link into days that have not come yet.
        "next_url": day_url(shown + timedelta(days=1)) if shown < today else "",
    }
    return render(request, "releases/day.html", context)


@never_cache
def today(request: HttpRequest) -> HttpResponse:
    """Send the reader to today's page: the header's link stays right past midnight."""
    return HttpResponseRedirect(day_url(timezone.localdate()))
