"""The embargo on the desk: set, change or cancel it on the release's page; lift it early.

A publisher puts a scheduled release (or one this save schedules) under
embargo in the release form's "Embargo" block: the media time (Hong Kong
time, like the publish time) and who receives it. The same block changes it,
or cancels it before its media time; after that, "Lift embargo now" asks for
confirmation on a page of its own. Every step goes through releases.publishing;
its refusals are shown beside the field they concern.
"""

from datetime import datetime

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.contrib.admin.widgets import AdminSplitDateTime
from django.core.exceptions import ObjectDoesNotExist, PermissionDenied
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from desk.scheduled import in_words
from releases import embargo_rules, publishing
from releases.models import Embargo, Release

# The form's fields, each with the name releases.embargo_rules gives its problems.
FIELDS = {"media_at": "embargo_media_at", "audience": "embargo_audience"}


def embargo_of(release: Release | None) -> Embargo | None:
    """The release's embargo, read with it (ReleaseAdmin.get_queryset joins it); None if none."""
    if release is None or release.pk is None:
        return None
    try:
        return release.embargo
    except ObjectDoesNotExist:
        return None


def media_at_field() -> forms.SplitDateTimeField:
    return forms.SplitDateTimeField(
        label=gettext_lazy("Media time"),
        required=False,
        widget=AdminSplitDateTime,
        help_text=gettext_lazy(
            "Hong Kong time (HKT, UTC+8). Accredited media receive the release then, "
            "under embargo; readers see it at its publish time. Leave blank for no embargo."
        ),
    )


def audience_field() -> forms.ChoiceField:
    return forms.ChoiceField(
        label=gettext_lazy("Sent to"),
        choices=Embargo.Audience.choices,
        initial=Embargo.Audience.ALL,
        required=False,
        widget=forms.RadioSelect,
    )


def cancel_field() -> forms.BooleanField:
    return forms.BooleanField(
        label=gettext_lazy("Cancel the embargo"),
        required=False,
        help_text=gettext_lazy(
            "Before its media time only: nothing has been sent, and the release stays scheduled."
        ),
    )


def shows_block(release: Release | None, user, now: datetime) -> bool:
    """Whether the release form has an embargo block: for publishers, before it is public."""
    if not publishing.can_publish(user):
        return False
    if release is None or release.pk is None:
        return True
    return release.first_public_at is None and not (
        release.status == Release.Status.PUBLISHED and release.publish_at <= now
    )


def block_fields(release: Release | None, now: datetime) -> list[str]:
    embargo = embargo_of(release)
    cancellable = embargo and embargo.lifted_at is None and not embargo.has_reached_media(now)
    return ["embargo_media_at", "embargo_audience"] + (["cancel_embargo"] if cancellable else [])


def prepare(form) -> None:
    """Fill the form's embargo block from the release's embargo; fix what journalists have."""
    if "embargo_media_at" not in form.fields:
        return
    media_at = form.fields["embargo_media_at"]
    date, time = media_at.widget.widgets
    time.format = "%H:%M"
    date.attrs["aria-label"] = _("Media date (Hong Kong time)")
    time.attrs["aria-label"] = _("Media time (Hong Kong time)")
    embargo = form.embargo = embargo_of(form.instance)
    if embargo is None or embargo.lifted_at is not None:
        return
    form.initial.setdefault("embargo_media_at", timezone.localtime(embargo.media_at))
    form.initial.setdefault("embargo_audience", embargo.audience)
    if embargo.has_reached_media(timezone.now()):
        media_at.disabled = True


def wanted(form) -> tuple[str, dict] | None:
    """What the save asks of the embargo: ("set", arguments), ("cancel", {}) or None."""
    if "embargo_media_at" not in form.fields:
        return None
    cleaned, embargo = form.cleaned_data, form.embargo
    if cleaned.get("cancel_embargo"):
        return ("cancel", {})
    media_at = cleaned.get("embargo_media_at")
    if media_at is None:
        return None
    # A form posted without the choice keeps the audience as it is.
    audience = cleaned.get("embargo_audience") or (embargo.audience if embargo else "all")
    if embargo is not None:
        # The form shows minutes: a time set elsewhere to the second is unchanged by it.
        if media_at == embargo.media_at.replace(second=0, microsecond=0):
            media_at = embargo.media_at
        if (embargo.media_at, embargo.audience) == (media_at, audience):
            return None
    return ("set", {"media_at": media_at, "audience": audience})


def check(form) -> None:
    """Show each embargo rule this save would break, beside its field."""
    asked = wanted(form)
    if asked is None or form.errors:
        return
    release, cleaned = form.instance, form.cleaned_data
    # Judged as the release will stand after this save: its status and publish time.
    release.status = cleaned.get("status") or release.status
    release.publish_at = cleaned.get("publish_at") or release.publish_at
    publisher = publishing.can_publish(form.user)
    kind, arguments = asked
    if kind == "cancel":
        found = embargo_rules.cancel_problems(
            release, form.embargo, publisher=publisher, now=form.now
        )
    else:
        found = embargo_rules.setting_problems(
            release, form.embargo, **arguments, publisher=publisher, now=form.now
        )
    for problem in found:
        name = FIELDS.get(problem.field or "")
        form.add_error(name if name in form.fields else None, problem.message)


def save(request: HttpRequest, form) -> None:
    """Set, change or cancel the embargo as the form asks, after the release's own save."""
    asked = wanted(form)
    if asked is None:
        return
    kind, arguments = asked
    if kind == "cancel":
        publishing.cancel_embargo(form.instance, user=request.user, now=form.now)
        messages.info(request, _("The embargo was cancelled; the release stays scheduled."))
    else:
        publishing.embargo(form.instance, **arguments, user=request.user, now=form.now)


def state_of(release: Release, now: datetime) -> str | None:
    """The list's status for a release under embargo, or whose embargo is to come."""
    embargo = embargo_of(release)
    if embargo is None or not embargo_rules.holds_or_planned(release, embargo, now):
        return None
    if embargo.has_reached_media(now):
        label = _("Under embargo until %(when)s") % {"when": in_words(release.publish_at)}
        return format_html('<span class="desk-embargo">{}</span>', label)
    return format_html(
        '{}<span class="desk-when">{}</span><span class="desk-when">{}</span>',
        _("Scheduled"),
        in_words(release.publish_at),
        _("To the media at %(when)s") % {"when": in_words(embargo.media_at)},
    )


class EmbargoFilter(admin.SimpleListFilter):
    """Releases under embargo now, or with an embargo to come."""

    title = gettext_lazy("embargo")
    parameter_name = "embargo"

    def lookups(self, request: HttpRequest, model_admin) -> list[tuple[str, str]]:
        return [("now", _("Under embargo")), ("planned", _("Embargo to come"))]

    def queryset(self, request: HttpRequest, queryset: QuerySet[Release]):
        now, value = timezone.now(), self.value()
        if value == "now":
            return queryset.filter(pk__in=Embargo.objects.in_force(now).values("release_id"))
        if value == "planned":
            return queryset.filter(
                embargo__lifted_at__isnull=True,
                embargo__media_at__gt=now,
                status=Release.Status.PUBLISHED,
                publish_at__gt=now,
            )
        return queryset


class EmbargoAdminMixin:
    """The release admin's "Lift embargo now" page, and the change page's embargo note."""

    def get_urls(self) -> list:
        wrap = self.admin_site.admin_view
        return [
            path(
                "<path:object_id>/lift-embargo/",
                wrap(self.lift_embargo_view),
                name="releases_release_lift_embargo",
            ),
            *super().get_urls(),
        ]

    def lift_embargo_view(self, request: HttpRequest, object_id: str) -> HttpResponse:
        release = self.get_object(request, unquote(object_id))
        if release is None:
            raise Http404
        if not publishing.can_publish(request.user):
            raise PermissionDenied
        change_page = reverse("admin:releases_release_change", args=[release.pk])
        now = timezone.now()
        embargo = embargo_of(release)
        if request.method == "POST":
            try:
                publishing.lift_embargo(release, user=request.user, now=now)
            except publishing.PublishingRefused as refused:
                for problem in refused.problems:
                    messages.error(request, problem.message)
            else:
                messages.success(request, _("The embargo was lifted: the release is public now."))
            return redirect(change_page)
        refused = embargo_rules.lift_problems(release, embargo, publisher=True, now=now)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "original": release,
            "title": _("Lift the embargo of “%(release)s”") % {"release": release},
            "refused": refused,
            "publish_at": in_words(release.publish_at),
            "media_at": embargo and in_words(embargo.media_at),
            "change_page": change_page,
        }
        return TemplateResponse(request, "admin/releases/release/lift_embargo.html", context)

    def embargo_context(self, request: HttpRequest, release: Release | None) -> dict:
        """The change page's note on the embargo, and whether it offers to lift it now."""
        now = timezone.now()
        embargo = embargo_of(release)
        if embargo is None or not embargo_rules.holds_or_planned(release, embargo, now):
            return {"embargo_note": None, "can_lift_embargo": False}
        reached = embargo.has_reached_media(now)
        if reached:
            note = _(
                "Under embargo: accredited media have had it since %(media_at)s; "
                "readers see it at %(publish_at)s."
            )
        else:
            note = _(
                "Embargo: accredited media receive it at %(media_at)s; "
                "readers see it at %(publish_at)s."
            )
        note %= {
            "media_at": in_words(embargo.media_at),
            "publish_at": in_words(release.publish_at),
        }
        return {
            "embargo_note": note,
            "can_lift_embargo": reached and publishing.can_publish(request.user),
        }
