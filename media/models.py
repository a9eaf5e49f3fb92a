"""Accredited journalists: their applications, the staff's decisions, their sign-in links.

A journalist's status is decided at read time from recorded facts (when the
address was confirmed, when staff approved, declined or revoked, until when
the accreditation runs), so an accreditation lapses on its date with no job
to lapse it. Each decision is kept as a row naming who made it and when.
"""

import secrets
from datetime import datetime, timedelta

from django.conf import settings
from django.db import models
from django.db.models import Case, Value, When
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from alerts.models import Languages

# The webhooks' models live in a module of their own; Django finds them through this one.
from media.webhooks import Attempt, Delivery, Endpoint, Event  # noqa: F401
from pressroom.languages import CHINESE
from releases.models import Release, Topic

SIGN_IN_FOR = timedelta(minutes=15)


class Status(models.TextChoices):
    APPLIED = "applied", _("Applied (address not confirmed)")
    AWAITING = "awaiting", _("Awaiting approval")
    ACCREDITED = "accredited", _("Accredited")
    DECLINED = "declined", _("Declined")
    LAPSED = "lapsed", _("Lapsed")
    REVOKED = "revoked", _("Revoked")


def accreditation_period() -> timedelta:
    return timedelta(days=settings.MEDIA_ACCREDITATION_DAYS)


class JournalistQuerySet(models.QuerySet):
    def with_status(self, now: datetime | None = None) -> "JournalistQuerySet":
        """Annotate each journalist's status at `now` (the same rule as Journalist.status)."""
        now = now or timezone.now()
        return self.annotate(
            status=Case(
                When(revoked_at__isnull=False, then=Value(Status.REVOKED)),
                When(accredited_until__gt=now, then=Value(Status.ACCREDITED)),
                When(accredited_until__isnull=False, then=Value(Status.LAPSED)),
                When(declined_at__isnull=False, then=Value(Status.DECLINED)),
                When(email_confirmed_at__isnull=False, then=Value(Status.AWAITING)),
                default=Value(Status.APPLIED),
                output_field=models.CharField(),
            )
        )

    def accredited(self, now: datetime | None = None) -> "JournalistQuerySet":
        """Return the journalists accredited at `now`: approved, not revoked, not lapsed."""
        return self.filter(revoked_at__isnull=True, accredited_until__gt=now or timezone.now())


class Journalist(models.Model):
    name = models.CharField(_("name"), max_length=100)
    outlet = models.CharField(_("news outlet"), max_length=150)
    email = models.EmailField(_("work email address"), max_length=254, unique=True)
    phone = models.CharField(_("phone number"), max_length=30)
    languages = models.CharField(_("languages"), max_length=7, choices=Languages.choices)
    beats = models.ManyToManyField(Topic, verbose_name=_("beats"), blank=True, related_name="+")
    # The interface language of the application: every email to them is written in it.
    language = models.CharField(
        _("interface language"), max_length=7, choices=settings.LANGUAGES, default=CHINESE
    )
    applied_at = models.DateTimeField(_("applied at"), default=timezone.now)
    email_confirmed_at = models.DateTimeField(_("address confirmed at"), null=True, blank=True)
    accredited_at = models.DateTimeField(_("accredited at"), null=True, blank=True)
    accredited_until = models.DateTimeField(_("accredited until"), null=True, blank=True)
    declined_at = models.DateTimeField(_("declined at"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)
    # The end date a "your accreditation lapses soon" email went out for: once per period.
    reminded_for = models.DateTimeField(_("reminded of the lapse on"), null=True, blank=True)
    emails_paused = models.BooleanField(_("embargo emails paused"), default=False)

    objects = JournalistQuerySet.as_manager()

    class Meta:
        verbose_name = _("journalist")
        verbose_name_plural = _("journalists")
        ordering = ["name", "pk"]

    def __str__(self) -> str:
        return f"{self.name} ({self.outlet})"

    def status_at(self, now: datetime | None = None) -> str:
        now = now or timezone.now()
        if self.revoked_at:
            return Status.REVOKED
        if self.accredited_until:
            return Status.ACCREDITED if self.accredited_until > now else Status.LAPSED
        if self.declined_at:
            return Status.DECLINED
        return Status.AWAITING if self.email_confirmed_at else Status.APPLIED

    def is_accredited(self, now: datetime | None = None) -> bool:
        return self.status_at(now) == Status.ACCREDITED

    @property
    def language_codes(self) -> tuple[str, ...]:
        return Languages(self.languages).codes


class Decision(models.Model):
    """One staff decision on a journalist, with who made it and when."""

    class Action(models.TextChoices):
        APPROVED = "approved", _("Approved")
        RENEWED = "renewed", _("Renewed")
        DECLINED = "declined", _("Declined")
        REVOKED = "revoked", _("Revoked")

    journalist = models.ForeignKey(Journalist, on_delete=models.CASCADE, related_name="decisions")
    action = models.CharField(_("decision"), max_length=8, choices=Action.choices)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("decided at"), default=timezone.now)

    class Meta:
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")
        ordering = ["-decided_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.get_action_display()}: {self.journalist}"


def new_key() -> str:
    return secrets.token_urlsafe(32)


class SignInLink(models.Model):
    """A sign-in link emailed to a journalist: it works once, within SIGN_IN_FOR."""

    journalist = models.ForeignKey(
        Journalist, on_delete=models.CASCADE, related_name="sign_in_links"
    )
    key = models.CharField(max_length=64, unique=True, default=new_key, editable=False)
    created_at = models.DateTimeField(default=timezone.now)
    used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("sign-in link")
        verbose_name_plural = _("sign-in links")

    def __str__(self) -> str:
        return f"#{self.pk}"

    @classmethod
    def unused(cls, now: datetime) -> models.QuerySet:
        return cls.objects.filter(used_at__isnull=True, created_at__gt=now - SIGN_IN_FOR)


class EmbargoDelivery(models.Model):
    """One embargo email to one journalist: the release's first email, an update or a notice.

    The unique constraint makes "exactly once per journalist and revision" a property of
    the table: a sending run twice finds its rows and sends nothing twice.
    """

    class Kind(models.TextChoices):
        EMBARGOED = "embargoed", _("Under embargo")
        LIFTED = "lifted", _("Embargo lifted")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    class State(models.TextChoices):
        QUEUED = "queued", _("Queued")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Failed")

    journalist = models.ForeignKey(Journalist, on_delete=models.CASCADE, related_name="deliveries")
    release = models.ForeignKey(
        Release,
        verbose_name=_("press release"),
        on_delete=models.CASCADE,
        related_name="embargo_deliveries",
    )
    kind = models.CharField(_("kind"), max_length=9, choices=Kind.choices)
    revision = models.PositiveIntegerField(_("revision sent"))
    # What changed, for an update ("time", "text", "audience"); blank for a first email.
    what = models.CharField(_("what changed"), max_length=8, blank=True)
    state = models.CharField(_("state"), max_length=6, choices=State.choices, default=State.QUEUED)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    # A sender holds the rows it took until this time; a sender that died lets go of them.
    claimed_until = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    opened_at = models.DateTimeField(_("first opened at"), null=True, blank=True)
    open_count = models.PositiveIntegerField(_("times opened"), default=0)

    class Meta:
        verbose_name = _("embargo email")
        verbose_name_plural = _("embargo emails")
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["journalist", "release", "kind", "revision"],
                name="one_embargo_email_per_journalist_and_revision",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} #{self.revision}: {self.journalist}"


class Opening(models.Model):
    """A journalist opening an embargoed release in the media room (a person, not a bot)."""

    journalist = models.ForeignKey(Journalist, on_delete=models.CASCADE, related_name="openings")
    release = models.ForeignKey(
        Release, on_delete=models.CASCADE, related_name="media_room_openings"
    )
    opened_at = models.DateTimeField(_("opened at"), default=timezone.now)

    class Meta:
        verbose_name = _("media room opening")
        verbose_name_plural = _("media room openings")
        ordering = ["-opened_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.journalist} / {self.release_id}"
