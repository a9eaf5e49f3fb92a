"""Email alerts, named as GOV.UK's email-alert-api names them.

A *subscriber* (an address) has one *subscription* (languages, topics,
frequency). A *content change* is a publication event that may cause email:
a release becoming public, a correction whose publisher asked to notify, a
withdrawal. A *digest run* is one day's batch for daily subscribers. An
*email* exists once per subscriber and content change (or digest run): the
unique constraints make "exactly once" a property of the tables. Each try
to send it is a *delivery attempt*; several when sending fails.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from pressroom.languages import CHINESE, ENGLISH
from releases.models import ChangeNote, Release, Topic


class Languages(models.TextChoices):
    CHINESE = "zh-hant", _("Traditional Chinese")
    ENGLISH = "en", _("English")
    BOTH = "both", _("Both languages in one email, side by side")

    @property
    def codes(self) -> tuple[str, ...]:
        return (CHINESE, ENGLISH) if self == Languages.BOTH else (self.value,)


class Frequency(models.TextChoices):
    IMMEDIATELY = "immediately", _("Each release as it is issued")
    DAILY = "daily", _("A daily digest at 18:00 Hong Kong time")


class SubscriberQuerySet(models.QuerySet):
    def receiving(self) -> "SubscriberQuerySet":
        """Return the subscribers email may go to: confirmed and not suspended."""
        return self.filter(confirmed_at__isnull=False, suspended_at__isnull=True)


class Subscriber(models.Model):
    email = models.EmailField(_("email address"), max_length=254, unique=True)
    # The interface language the reader signed up (or last saved their choices) in: every
    # link of their emails opens in it, and a Simplified reader's Chinese is Simplified.
    language = models.CharField(
        _("interface language"), max_length=7, choices=settings.LANGUAGES, default=CHINESE
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    confirmed_at = models.DateTimeField(_("confirmed at"), null=True, blank=True)
    # The last confirmation (or "already subscribed") email; at most one an hour.
    reminded_at = models.DateTimeField(_("confirmation sent at"), null=True, blank=True)
    hard_failures = models.PositiveIntegerField(_("hard failures"), default=0)
    suspended_at = models.DateTimeField(_("suspended at"), null=True, blank=True)

    objects = SubscriberQuerySet.as_manager()

    class Meta:
        verbose_name = _("subscriber")
        verbose_name_plural = _("subscribers")

    def __str__(self) -> str:
        return self.email


class Subscription(models.Model):
    subscriber = models.OneToOneField(
        Subscriber, on_delete=models.CASCADE, related_name="subscription"
    )
    languages = models.CharField(
        _("languages"), max_length=7, choices=Languages.choices, default=Languages.BOTH
    )
    frequency = models.CharField(
        _("frequency"), max_length=11, choices=Frequency.choices, default=Frequency.IMMEDIATELY
    )
    # No topic chosen means every topic, including releases without one.
    topics = models.ManyToManyField(Topic, verbose_name=_("topics"), blank=True)

    class Meta:
        verbose_name = _("subscription")
        verbose_name_plural = _("subscriptions")

    def __str__(self) -> str:
        return f"{self.get_languages_display()}, {self.get_frequency_display()}"


class ContentChange(models.Model):
    class Kind(models.TextChoices):
        PUBLISHED = "published", _("Issued")
        CORRECTED = "corrected", _("Correction")
        WITHDRAWN = "withdrawn", _("Withdrawal")

    release = models.ForeignKey(
        Release,
        verbose_name=_("press release"),
        on_delete=models.CASCADE,
        related_name="content_changes",
    )
    kind = models.CharField(_("kind"), max_length=9, choices=Kind.choices)
    change_note = models.OneToOneField(
        ChangeNote, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    # Set once every email of this change exists; the fan-out then has nothing left to do.
    fanned_out_at = models.DateTimeField(_("fanned out at"), null=True, blank=True)
    # When a sender is next due to look at this change's emails (see alerts.delivery).
    wake_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("content change")
        verbose_name_plural = _("content changes")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["release", "kind"],
                condition=~models.Q(kind="corrected"),
                name="one_announcement_and_withdrawal_per_release",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.release}"


class DigestRun(models.Model):
    """One day's digest: the releases that became public since the day before at 18:00."""

    date = models.DateField(_("date"), unique=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    fanned_out_at = models.DateTimeField(_("fanned out at"), null=True, blank=True)
    wake_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("digest run")
        verbose_name_plural = _("digest runs")
        ordering = ["-date"]

    def __str__(self) -> str:
        return str(self.date)


class Email(models.Model):
    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Failed")

    # Erasing a subscriber keeps their emails for the counts, without an address.
    subscriber = models.ForeignKey(
        Subscriber, on_delete=models.SET_NULL, null=True, related_name="emails"
    )
    content_change = models.ForeignKey(
        ContentChange, on_delete=models.CASCADE, null=True, related_name="emails"
    )
    digest_run = models.ForeignKey(
        DigestRun, on_delete=models.CASCADE, null=True, related_name="emails"
    )
    languages = models.CharField(_("languages"), max_length=7, choices=Languages.choices)
    # The releases a digest email lists, in order.
    digest_releases = models.JSONField(default=list, blank=True)
    status = models.CharField(
        _("status"), max_length=6, choices=Status.choices, default=Status.QUEUED
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    # A sender holds the emails it took until this time; a sender that died lets go of them.
    claimed_until = models.DateTimeField(null=True, blank=True)
    claim = models.CharField(max_length=32, blank=True)
    retry_at = models.DateTimeField(_("next try"), null=True, blank=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)

    class Meta:
        verbose_name = _("email")
        verbose_name_plural = _("emails")
        constraints = [
            models.UniqueConstraint(
                fields=["subscriber", "content_change"], name="one_email_per_content_change"
            ),
            models.UniqueConstraint(
                fields=["subscriber", "digest_run"], name="one_email_per_digest_run"
            ),
            models.CheckConstraint(
                condition=models.Q(content_change__isnull=True)
                ^ models.Q(digest_run__isnull=True),
                name="email_for_a_change_or_a_digest",
            ),
        ]
        # A sender takes the next queued emails of one change in id order, from the index.
        indexes = [
            models.Index(fields=["content_change", "status", "id"], name="email_change_queue_idx"),
            models.Index(fields=["digest_run", "status", "id"], name="email_digest_queue_idx"),
        ]

    def __str__(self) -> str:
        return f"#{self.pk} {self.get_status_display()}"


class DeliveryAttempt(models.Model):
    email = models.ForeignKey(Email, on_delete=models.CASCADE, related_name="delivery_attempts")
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    succeeded = models.BooleanField(_("succeeded"))
    # A 5xx answer: the address itself is refused, so trying again will not help.
    hard_failure = models.BooleanField(_("hard failure"), default=False)
    error = models.CharField(_("error"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("delivery attempt")
        verbose_name_plural = _("delivery attempts")

    def __str__(self) -> str:
        return f"{self.email_id}: {'ok' if self.succeeded else self.error}"
