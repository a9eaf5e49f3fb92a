"""Scheduled releases on the desk: their state, their time in words, what goes out next.

A scheduled release is a published one whose time has not come
(Release.objects.public()); the desk names it as its own state, so a
publisher checking tonight's queue can list it.
"""

from datetime import datetime

from django.contrib import admin
from django.db.models import Q, QuerySet
from django.http import HttpRequest
from django.utils import formats, timezone
from django.utils.html import format_html
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from pressroom.hours import chinese_hour
from pressroom.languages import CHINESE
from releases.models import Release

Status = Release.Status
# How many releases the admin's home lists under "Next to go out".
NEXT_TO_GO_OUT = 5


def is_scheduled(release: Release, now: datetime) -> bool:
    return release.status == Status.PUBLISHED and release.publish_at > now


def is_public(release: Release, now: datetime) -> bool:
    """Whether the release's page answers readers: due, or withdrawn after readers had it."""
    if release.status == Status.WITHDRAWN:
        return release.first_public_at is not None
    return release.status == Status.PUBLISHED and release.publish_at <= now


def in_words(moment: datetime) -> str:
    """A moment in Hong Kong time as a press office writes it.

    "5 December 2026, 11:00 HKT"; 「2026年12月5日上午11時」 (「上午11時30分」 with minutes).
    """
    local = timezone.localtime(moment)
    if (get_language() or "").lower().startswith("zh"):
        return f"{local.year}年{local.month}月{local.day}日{chinese_hour(local)}"
    return f"{formats.date_format(local, 'j F Y, H:i')} HKT"


def scheduled_for(moment: datetime) -> str:
    """「已排定於2026年12月5日上午11時發出」; "Scheduled for 5 December 2026, 11:00 HKT"."""
    return _("Scheduled for %(when)s") % {"when": in_words(moment)}


def state_of(release: Release, now: datetime) -> str:
    """The release's state as the list shows it: draft, scheduled (with its time), published…"""
    if is_scheduled(release, now):
        when = in_words(release.publish_at)
        return format_html('{}<span class="desk-when">{}</span>', _("Scheduled"), when)
    return str(Status(release.status).label)


def next_to_go_out(now: datetime) -> QuerySet[Release]:
    """The scheduled releases, soonest first, with their translations."""
    return (
        Release.objects.filter(status=Status.PUBLISHED, publish_at__gt=now)
        .order_by("publish_at", "pk")
        .prefetch_related("translations")[:NEXT_TO_GO_OUT]
    )


def title_of(release: Release) -> str:
    language = CHINESE if (get_language() or "").lower().startswith("zh") else "en"
    return release.safe_translation_getter("title", language_code=language, any_language=True)


class StateFilter(admin.SimpleListFilter):
    """Filter by state, scheduled apart from published (public now)."""

    title = gettext_lazy("state")
    parameter_name = "state"

    def lookups(self, request: HttpRequest, model_admin) -> list[tuple[str, str]]:
        return [
            (Status.DRAFT, Status.DRAFT.label),
            ("scheduled", _("Scheduled")),
            (Status.PUBLISHED, Status.PUBLISHED.label),
            (Status.WITHDRAWN, Status.WITHDRAWN.label),
        ]

    def queryset(self, request: HttpRequest, queryset: QuerySet[Release]):
        now, value = timezone.now(), self.value()
        if value == "scheduled":
            return queryset.filter(status=Status.PUBLISHED, publish_at__gt=now)
        if value == Status.PUBLISHED:
            return queryset.filter(status=Status.PUBLISHED, publish_at__lte=now)
        if value in (Status.DRAFT, Status.WITHDRAWN):
            return queryset.filter(Q(status=value))
        return queryset
