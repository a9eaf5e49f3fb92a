"""The embargo of a release: accredited media have it first, readers at its publish time.

An embargoed release is a scheduled one (published, its publish time to come)
with an Embargo saying when journalists receive it (`media_at`) and which of
them (`audience`). Nothing public is new: every public route already hides a
release until its publish time. The media app (media/) sends it at `media_at`;
the entry points that set, change, lift and cancel an embargo are in
releases.publishing, its rules in releases.embargo_rules.
"""

from datetime import datetime

from django.db import models
from django.utils.translation import gettext_lazy as _


class EmbargoQuerySet(models.QuerySet):
    def in_force(self, now: datetime) -> "EmbargoQuerySet":
        """Return the embargoes holding at `now`: journalists have the release, readers not yet."""
        return self.filter(
            lifted_at__isnull=True,
            media_at__lte=now,
            release__status="published",
            release__publish_at__gt=now,
            release__first_public_at__isnull=True,
        )


class Embargo(models.Model):
    class Audience(models.TextChoices):
        ALL = "all", _("All accredited media")
        BEATS = "beats", _("Media whose beats match its topics")

    release = models.OneToOneField(
        "releases.Release",
        verbose_name=_("press release"),
        on_delete=models.CASCADE,
        related_name="embargo",
    )
    media_at = models.DateTimeField(
        _("media time"), help_text=_("When accredited media receive it; before its publish time.")
    )
    audience = models.CharField(
        _("audience"), max_length=10, choices=Audience.choices, default=Audience.ALL
    )
    # A recorded fact: when a publisher made it public before its time.
    lifted_at = models.DateTimeField(_("lifted at"), null=True, blank=True, editable=False)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    changed_at = models.DateTimeField(_("changed at"), auto_now=True)
    # What journalists received goes stale with each change after media_at: they get an update.
    revision = models.PositiveIntegerField(_("revision"), default=1, editable=False)

    objects = EmbargoQuerySet.as_manager()

    class Meta:
        verbose_name = _("embargo")
        verbose_name_plural = _("embargoes")

    def __str__(self) -> str:
        return f"{self.release_id} @ {self.media_at.isoformat()}"

    def has_reached_media(self, now: datetime) -> bool:
        """Whether journalists have it: its media time has come (lifted or not)."""
        return self.media_at <= now


def under_embargo(now: datetime):
    """Return the releases under embargo at `now`, with their translations: see in_force()."""
    from releases.models import Release

    in_force = Embargo.objects.in_force(now).values("release_id")
    return Release.objects.filter(pk__in=in_force).prefetch_related("translations")
