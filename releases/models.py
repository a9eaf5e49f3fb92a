"""Press releases, their translations and change notes; what the public may see.

Each record holds both translations (django-parler); what the public may see
is decided once, in ReleaseQuerySet.public() (releases.querysets). Topics (releases.topics),
contacts (releases.contacts) and files (releases.files) are re-exported here.
"""

from datetime import datetime

import reversion
from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from parler.models import (
    TranslatableModel,
    TranslatedFieldsModel,
    TranslationsForeignKey,
)

from pressroom.languages import (
    ENGLISH,
    LANGUAGE_CODES,
    HtmlLangMixin,
    in_interface_order,
)
from releases import markup
from releases.contacts import Contact, ContactTranslation
from releases.querysets import ReleaseQuerySet
from releases.topics import Topic


class Release(TranslatableModel):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Published")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    slug = models.SlugField(
        _("slug"),
        max_length=120,
        blank=True,
        help_text=_("Part of the web address. Left blank, it is made from the English title."),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    publish_at = models.DateTimeField(
        _("publish at"),
        default=timezone.now,
        db_index=True,
        help_text=_("A published release appears on the site from this time."),
    )
    topics = models.ManyToManyField(Topic, verbose_name=_("topics"), blank=True)
    contact = models.ForeignKey(
        Contact,
        verbose_name=_("contact"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="releases",
        help_text=_("Left blank, the default contact is used."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    withdrawn_at = models.DateTimeField(
        _("withdrawn at"), null=True, blank=True, editable=False, db_index=True
    )
    # A recorded fact, never edited: when readers could first see the release. A withdrawn
    # release keeps its page only if it has one (see releases.publishing).
    first_public_at = models.DateTimeField(
        _("first public at"), null=True, blank=True, editable=False
    )
    # Every save adds one; a form that started from an older number is refused.
    version = models.PositiveIntegerField(_("version"), default=1)

    objects = ReleaseQuerySet.as_manager()

    class Meta:
        verbose_name = _("press release")
        verbose_name_plural = _("press releases")
        ordering = ["-publish_at", "-pk"]
        # Matches public() and the ordering exactly, so lists, deep pages and year filters
        # read the index in order with no sort, however many releases there are.
        indexes = [
            models.Index(fields=["status", "-publish_at", "-id"], name="release_public_order_idx")
        ]
        permissions = [("publish_release", _("Can publish, schedule and withdraw press releases"))]

    def __str__(self) -> str:
        return self.safe_translation_getter("title", any_language=True) or f"#{self.pk}"

    def save(self, *args, **kwargs) -> None:
        if not self.slug:
            english_title = self.safe_translation_getter("title", language_code=ENGLISH)
            self.slug = slugify(english_title or "")[:120].strip("-")
        if self.contact_id is None:
            self.contact = Contact.default()
        if not self._state.adding:
            self.version += 1
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        if self.slug:
            return reverse("releases:detail", kwargs={"pk": self.pk, "slug": self.slug})
        return reverse("releases:detail-by-id", kwargs={"pk": self.pk})

    @property
    def translations_in_interface_order(self) -> list["ReleaseTranslation"]:
        """Both translations, the interface language's first, from the prefetch."""
        return in_interface_order(self.translations.all())

    def get_parallel_url(self) -> str:
        """The paragraph-by-paragraph view; "-" stands in for a slug the title gave none."""
        return reverse("releases:parallel", kwargs={"pk": self.pk, "slug": self.slug or "-"})

    @property
    def paragraph_rows(self) -> list[list[tuple["ReleaseTranslation", str]]]:
        """Pair the translations' blocks in order, interface language first, for comparing.

        Where one translation has fewer blocks, its side of the later rows is empty.
        """
        translations = self.translations_in_interface_order
        columns = [translation.parsed_body.blocks for translation in translations]
        return [
            [
                (translation, blocks[row] if row < len(blocks) else "")
                for translation, blocks in zip(translations, columns, strict=True)
            ]
            for row in range(max(map(len, columns), default=0))
        ]

    @property
    def last_public_change(self) -> datetime:
        """When readers last saw this release change: published, corrected or withdrawn.

        Not `updated_at`: a save that changes nothing a reader sees (load_demo run
        again, a draft's note) must not tell search engines and feed readers of a
        change. Reads the prefetched change notes; lists use with_last_public_change(),
        the same rule in SQL.
        """
        moments = [self.publish_at, *(note.created_at for note in self.change_notes.all())]
        if self.withdrawn_at:
            moments.append(self.withdrawn_at)
        return max(moments)

    @property
    def last_correction_at(self) -> datetime | None:
        """When the newest change note corrected the issued release, from the prefetched notes."""
        notes = self.change_notes.all()
        if notes and notes[0].created_at > self.publish_at:
            return notes[0].created_at
        return None

    @property
    def is_withdrawn(self) -> bool:
        return self.status == self.Status.WITHDRAWN

    def is_visible_at_url(self, now: datetime | None = None) -> bool:
        """Whether readers may see this release at `now`: visible_at_url() for one in memory.

        Decides who may fetch its files (releases.file_access), with no query;
        a test keeps the two in step for every state a release can be in.
        """
        now = now or timezone.now()
        if self.status == self.Status.PUBLISHED:
            return self.publish_at <= now
        return (
            self.status == self.Status.WITHDRAWN
            and self.first_public_at is not None
            and self.withdrawn_at is not None
            and self.withdrawn_at <= now
        )


class ReleaseTranslation(HtmlLangMixin, TranslatedFieldsModel):
    master = TranslationsForeignKey(
        Release, related_name="translations", null=True, on_delete=models.CASCADE
    )
    title = models.CharField(_("title"), max_length=300)
    summary = models.TextField(
        _("summary"),
        blank=True,
        help_text=_("Lead for lists and feeds. Left blank, the first paragraph is used."),
    )
    body = models.TextField(_("body"), help_text=_("CommonMark: a blank line between paragraphs."))
    withdrawal_reason = models.TextField(_("withdrawal reason"), blank=True)
    # Keeping the two languages in step (see releases.translation_state).
    text_changed_at = models.DateTimeField(_("text changed at"), null=True, editable=False)
    needs_review_since = models.DateTimeField(
        _("needs review since"), null=True, editable=False, db_index=True
    )
    checked_against_version = models.PositiveIntegerField(
        _("checked against version"), null=True, editable=False
    )
    checked_at = models.DateTimeField(_("checked at"), null=True, editable=False)
    checked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("checked by"),
        on_delete=models.SET_NULL,
        null=True,
        editable=False,
        related_name="+",
    )

    class Meta:
        verbose_name = _("press release translation")
        unique_together = [("language_code", "master")]

    def __str__(self) -> str:
        return self.title

    @property
    def parsed_body(self) -> markup.Body:
        """The body, parsed once for the page (its HTML, lead, block count), again if edited."""
        parsed = self.__dict__.get("_parsed_body")
        if parsed is None or parsed.source != self.body:
            parsed = self.__dict__["_parsed_body"] = markup.Body(self.body)
        return parsed

    @property
    def lead(self) -> str:
        return self.summary or self.parsed_body.first_paragraph

    @property
    def body_html(self) -> str:
        return self.parsed_body.html

    @property
    def figures(self) -> list["Figure"]:
        """The release's images with alt text and caption in this language, and the other's
        caption: the page shows them once, in this language's column."""
        other = next(code for code in LANGUAGE_CODES if code != self.language_code)
        private = not self.master.is_visible_at_url()
        return [
            image.figure(self.language_code, other, private) for image in self.master.images.all()
        ]

    @property
    def attachment_links(self) -> list["AttachmentLink"]:
        """The release's attachments for readers of this language, titled in it."""
        private = not self.master.is_visible_at_url()
        return [
            attachment.link(self.language_code, private)
            for attachment in self.master.attachments.all()
            if attachment.language in (self.language_code, Attachment.Language.BOTH)
        ]


from releases.change_notes import ChangeNote  # noqa: E402
from releases.checked_findings import CheckedFinding  # noqa: E402
from releases.embargoes import Embargo  # noqa: E402
from releases.files import Attachment, AttachmentLink, Figure, MovedFile, ReleaseImage  # noqa: E402
from releases.glossary import Term  # noqa: E402
from releases.proposals import CorrectionProposal  # noqa: E402

# Versions keep a release with everything that belongs to it.
for translated in (ChangeNote, ReleaseImage, Attachment):
    reversion.register(translated._parler_meta.root_model)
    reversion.register(translated, follow=["translations"])
reversion.register(ReleaseTranslation)
# Restoring a version brings back text and files, never whether readers have seen it.
reversion.register(
    Release,
    follow=["translations", "images", "attachments", "change_notes"],
    exclude=["first_public_at"],
)

__all__ = [
    "Attachment",
    "ChangeNote",
    "CheckedFinding",
    "Contact",
    "ContactTranslation",
    "CorrectionProposal",
    "Embargo",
    "MovedFile",
    "Release",
    "ReleaseImage",
    "ReleaseQuerySet",
    "ReleaseTranslation",
    "Term",
    "Topic",
]
