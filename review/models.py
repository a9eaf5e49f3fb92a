"""Review links: a secret address that shows a release to someone without an account.

The address carries a random key signed with the site's secret, so a key
cannot be guessed and an altered one is refused before the database is asked.
A link stops working when it expires, is revoked or its release is deleted.
"""

import secrets
from datetime import datetime, timedelta

from django.conf import settings
from django.core import signing
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from releases.models import Release

DEFAULT_LIFETIME = timedelta(hours=72)
LONGEST_LIFETIME = timedelta(days=14)
_SIGNER = signing.Signer(salt="review.link")


def new_key() -> str:
    return secrets.token_urlsafe(32)


class ReviewLinkQuerySet(models.QuerySet):
    def valid(self, now: datetime | None = None) -> "ReviewLinkQuerySet":
        """Links that still open their release at `now`: not revoked, not expired."""
        return self.filter(revoked_at__isnull=True, expires_at__gt=now or timezone.now())


class ReviewLink(models.Model):
    release = models.ForeignKey(
        Release,
        verbose_name=_("press release"),
        on_delete=models.CASCADE,
        related_name="review_links",
    )
    key = models.CharField(max_length=64, unique=True, default=new_key, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    expires_at = models.DateTimeField(_("expires at"))
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)
    open_count = models.PositiveIntegerField(_("times opened"), default=0)
    last_opened_at = models.DateTimeField(_("last opened at"), null=True, blank=True)
    # The desk's language when the link was made: its creator is told of comments in it.
    language = models.CharField(
        _("language"), max_length=10, choices=settings.LANGUAGES, default=settings.LANGUAGE_CODE
    )

    objects = ReviewLinkQuerySet.as_manager()

    class Meta:
        verbose_name = _("review link")
        verbose_name_plural = _("review links")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"#{self.pk}"

    def get_absolute_url(self) -> str:
        return reverse("review:page", kwargs={"token": self.token})

    @property
    def token(self) -> str:
        return _SIGNER.sign(self.key)

    def is_valid(self, now: datetime | None = None) -> bool:
        return self.revoked_at is None and self.expires_at > (now or timezone.now())

    @classmethod
    def for_token(cls, token: str, now: datetime | None = None) -> "ReviewLink | None":
        """The valid link this token opens, or None for any token that opens nothing."""
        try:
            key = _SIGNER.unsign(token)
        except signing.BadSignature:
            return None
        return cls.objects.valid(now).filter(key=key).first()


class ReviewComment(models.Model):
    """What a reviewer sent back from a review link's page."""

    link = models.ForeignKey(
        ReviewLink,
        verbose_name=_("review link"),
        on_delete=models.CASCADE,
        related_name="comments",
    )
    name = models.CharField(_("name"), max_length=100)
    text = models.TextField(_("comment"), max_length=2000)
    created_at = models.DateTimeField(_("sent at"), default=timezone.now)
    # Empty while the comment is new: the release list marks releases with new comments.
    seen_at = models.DateTimeField(_("marked as read at"), null=True, blank=True)
    # Set once the link's creator is emailed: a comment is told of once, and one the old
    # site never told of is queued again after a move (review/archive.py).
    creator_told_at = models.DateTimeField(
        _("creator emailed at"), null=True, blank=True, editable=False
    )

    class Meta:
        verbose_name = _("reviewer comment")
        verbose_name_plural = _("reviewer comments")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.name}: {self.text[:40]}"
