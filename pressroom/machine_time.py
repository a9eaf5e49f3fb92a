"""Times written for machines: `datetime` attributes, JSON-LD, feeds, the sitemap, the API.

Python writes microseconds whenever a time has them, and every `timezone.now()`
does; HTML's `datetime` attribute allows at most three digits of a second, and
no reader needs more than one. So every machine-readable time is written here,
in the site's time zone (Hong Kong) with its offset, to the second. Templates
use it as the `machine_time` filter (website.templatetags.machine_time).
"""

from datetime import datetime

from django.utils import timezone


def to_the_second(moment: datetime) -> datetime:
    """Return an aware time in the current time zone, its fraction of a second dropped."""
    return timezone.localtime(moment).replace(microsecond=0)


def machine_time(moment: datetime | None) -> str:
    """Write a time as ISO 8601 to the second, "2023-11-30T10:00:00+08:00"; nothing for none."""
    return to_the_second(moment).isoformat() if moment else ""
