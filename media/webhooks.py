"""Webhooks: endpoints operators register, the events sent to them, and every try.

Named as alerts names its tables: an *event* is a release becoming public,
corrected or withdrawn, written once (the unique constraints); a *delivery*
is that event owed to one endpoint, once per endpoint and event, so an event
is never delivered twice after success; each try of a delivery is an
*attempt*, recorded with its answer. The webhook-id an endpoint sees is the
event's, the same on every retry, so a receiver can drop a repeat as well.
"""

import base64
import secrets
import uuid

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from releases.models import ChangeNote, Release

SECRET_PREFIX = "whsec_"
# How the admin names an event (a delivery is "event → endpoint"): 新聞公報已發出：第1號新聞公報.
EVENT_NAME = pgettext_lazy(
    "a webhook event and the press release it is about", "%(event)s: press release %(number)s"
)


def new_secret() -> str:
    """Return a Standard Webhooks signing secret: 32 random bytes, base64, with its prefix."""
    return SECRET_PREFIX + base64.b64encode(secrets.token_bytes(32)).decode()


class EventType(models.TextChoices):
    PUBLISHED = "release.published", _("Release published")
    CORRECTED = "release.corrected", _("Release corrected")
    WITHDRAWN = "release.withdrawn", _("Release withdrawn")


def every_event_type() -> list[str]:
    return list(EventType.values)


class Endpoint(models.Model):
    url = models.URLField(_("URL"), max_length=500)
    description = models.CharField(_("description"), max_length=200, blank=True)
    events = models.JSONField(_("events"), default=every_event_type)
    secret = models.CharField(_("signing secret"), max_length=80, default=new_secret)
    active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    # The first failure with no success since; a day of it pauses the endpoint.
    failing_since = models.DateTimeField(_("failing since"), null=True, blank=True)
    paused_at = models.DateTimeField(_("paused at"), null=True, blank=True)

    class Meta:
        verbose_name = _("webhook endpoint")
        verbose_name_plural = _("webhook endpoints")
        ordering = ["url", "pk"]

    def __str__(self) -> str:
        return self.url

    @property
    def receiving(self) -> bool:
        return self.active and self.paused_at is None


class Event(models.Model):
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    type = models.CharField(_("event"), max_length=20, choices=EventType.choices)
    release = models.ForeignKey(
        Release, verbose_name=_("press release"), on_delete=models.CASCADE, related_name="+"
    )
    change_note = models.OneToOneField(
        ChangeNote, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    occurred_at = models.DateTimeField(_("occurred at"))
    # The body as signed and sent, written once so every retry sends the same bytes.
    payload = models.TextField(_("payload"))

    class Meta:
        verbose_name = _("webhook event")
        verbose_name_plural = _("webhook events")
        ordering = ["-occurred_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["release", "type"],
                condition=~models.Q(type="release.corrected"),
                name="one_published_and_withdrawn_event_per_release",
            )
        ]

    def __str__(self) -> str:
        return EVENT_NAME % {"event": self.get_type_display(), "number": self.release_id}

    @property
    def webhook_id(self) -> str:
        return f"msg_{self.uuid.hex}"


class Delivery(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("Pending")
        SUCCEEDED = "succeeded", _("Delivered")
        FAILED = "failed", _("Given up")

    endpoint = models.ForeignKey(
        Endpoint, verbose_name=_("endpoint"), on_delete=models.CASCADE, related_name="deliveries"
    )
    event = models.ForeignKey(
        Event, verbose_name=_("event"), on_delete=models.CASCADE, related_name="deliveries"
    )
    status = models.CharField(
        _("status"), max_length=9, choices=Status.choices, default=Status.PENDING
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    next_attempt_at = models.DateTimeField(_("next try"), null=True, blank=True)
    delivered_at = models.DateTimeField(_("delivered at"), null=True, blank=True)
    # A worker holds the delivery while it posts, so two workers never post it at once.
    claimed_until = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("webhook delivery")
        verbose_name_plural = _("webhook deliveries")
        ordering = ["-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["endpoint", "event"], name="one_delivery_per_endpoint_and_event"
            )
        ]

    def __str__(self) -> str:
        return f"{self.event} → {self.endpoint}"


class Attempt(models.Model):
    delivery = models.ForeignKey(
        Delivery, verbose_name=_("delivery"), on_delete=models.CASCADE, related_name="tries"
    )
    attempted_at = models.DateTimeField(_("tried at"))
    status_code = models.PositiveSmallIntegerField(_("status code"), null=True, blank=True)
    succeeded = models.BooleanField(_("succeeded"))
    error = models.CharField(_("error"), max_length=500, blank=True)
    duration_ms = models.PositiveIntegerField(_("duration (ms)"))

    class Meta:
        verbose_name = _("webhook attempt")
        verbose_name_plural = _("webhook attempts")
        ordering = ["attempted_at", "pk"]

    def __str__(self) -> str:
        return f"{self.delivery_id}: {self.status_code or self.error}"
