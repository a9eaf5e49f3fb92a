"""Corrections editors propose to a published release, waiting for a publisher.

An editor may not change a release readers have seen; they propose a
correction instead: both languages' title, summary and body as they would
have them, with the change note they suggest. A publisher applies it (a
correction through releases.publishing, with its note, alerts and history) or
declines it with a reason the editor reads. The entry points that propose,
apply and decline are in releases.publishing; this module holds the record.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from pressroom.languages import LANGUAGE_CODES
from releases.translation_state import TEXT_FIELDS, translation_or_none


class CorrectionProposal(models.Model):
    """An editor's correction of a published release, as it would read, until decided."""

    class State(models.TextChoices):
        PENDING = "pending", _("Pending")
        APPLIED = "applied", _("Applied")
        DECLINED = "declined", _("Declined")

    release = models.ForeignKey(
        "releases.Release",
        verbose_name=_("press release"),
        on_delete=models.CASCADE,
        related_name="proposals",
    )
    state = models.CharField(
        _("state"), max_length=10, choices=State.choices, default=State.PENDING
    )
    # {"zh-hant": {"title": …, "summary": …, "body": …}, "en": {…}}: both languages, whole.
    texts = models.JSONField(_("proposed text"))
    # {"zh-hant": …, "en": …}: the public change note the editor suggests.
    change_note = models.JSONField(_("suggested change note"))
    # The release's lock counter when proposed: a later save means the text moved on.
    based_on_version = models.PositiveIntegerField(_("based on version"))
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("proposed by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    proposed_at = models.DateTimeField(_("proposed at"))
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decline_reason = models.TextField(_("reason for declining"), blank=True)

    class Meta:
        verbose_name = _("proposed correction")
        verbose_name_plural = _("proposed corrections")
        ordering = ["-proposed_at", "-pk"]
        indexes = [models.Index(fields=["state", "-proposed_at"], name="proposal_state_idx")]

    def __str__(self) -> str:
        return f"{self.release} · {self.get_state_display()}"

    @property
    def is_pending(self) -> bool:
        return self.state == self.State.PENDING

    def text(self, language_code: str, name: str) -> str:
        return (self.texts.get(language_code) or {}).get(name) or ""


def texts_of(release) -> dict[str, dict[str, str]]:
    """A release's title, summary and body in each language, as a proposal holds them."""
    texts = {}
    for code in LANGUAGE_CODES:
        translation = translation_or_none(release, code)
        texts[code] = {name: getattr(translation, name, "") or "" for name in TEXT_FIELDS}
    return texts


def normalised(texts: dict[str, dict[str, str]]) -> dict[str, dict[str, str]]:
    """Texts with line endings as readers see them (a browser sends CRLF), ends trimmed."""
    return {
        code: {
            name: ((texts.get(code) or {}).get(name) or "").replace("\r\n", "\n").strip()
            for name in TEXT_FIELDS
        }
        for code in LANGUAGE_CODES
    }


def write_texts(release, texts: dict[str, dict[str, str]]) -> None:
    """Put a proposal's text onto the release's translations, for a save to store."""
    current = release.get_current_language()
    for code in LANGUAGE_CODES:
        release.set_current_language(code)
        for name in TEXT_FIELDS:
            setattr(release, name, (texts.get(code) or {}).get(name) or "")
    release.set_current_language(current)
