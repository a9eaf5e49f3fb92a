"""Images and attachments of a release, kept through Django's storage API.

Files sit under one folder per release (`releases/<id>/`), so deleting a
release can remove every file it ever had, including those only older
versions still refer to. Each is stored under a random name nobody can guess
(a draft's "Budget_2027_draft.pdf" must not be found by trying names); the
name it was uploaded with is kept in `filename`, for readers who save it.
Nothing here builds a filesystem path: any storage backend (local disk, S3)
works unchanged.

A file's address depends on who may fetch it: the plain address once readers
may see its release, a short-lived signed one before (`file_url`).
"""

from dataclasses import dataclass

from django.core.files.storage import Storage, default_storage
from django.db import models
from django.db.models.fields.files import FieldFile
from django.utils.translation import gettext_lazy as _
from parler.models import TranslatableModel, TranslatedFields

from pressroom.languages import CHINESE, ENGLISH
from pressroom.media import private_url, readable_name, unguessable_name
from releases.attachments import kind_label
from releases.images import RENDITION_WIDTHS, scaled_height


def release_folder(release_id: int) -> str:
    return f"releases/{release_id}"


def image_path(instance: "ReleaseImage", filename: str) -> str:
    return unguessable_name(f"{release_folder(instance.release_id)}/images", filename)


def attachment_path(instance: "Attachment", filename: str) -> str:
    return unguessable_name(f"{release_folder(instance.release_id)}/attachments", filename)


def file_url(file: FieldFile, private: bool) -> str:
    """The address of a stored file: signed and short-lived when it is not public yet."""
    return private_url(file.storage, file.name) if private else file.url


def keep_upload_name(item: models.Model, file: FieldFile) -> None:
    """Remember the name a newly uploaded file came with, before storage renames it."""
    if file and not file._committed:
        item.filename = readable_name(file.name)


def delete_folder(storage: Storage, folder: str) -> None:
    """Delete every file under a storage folder, however deep."""
    try:
        folders, files = storage.listdir(folder)
    except FileNotFoundError:
        return
    for name in files:
        storage.delete(f"{folder}/{name}")
    for name in folders:
        delete_folder(storage, f"{folder}/{name}")


def delete_release_files(release_id: int) -> None:
    delete_folder(default_storage, release_folder(release_id))


def _text(item: TranslatableModel, field: str, language_code: str) -> str:
    """Read a translated field from the prefetched translations, without a query."""
    for translation in item.translations.all():
        if translation.language_code == language_code:
            return getattr(translation, field)
    return ""


@dataclass(frozen=True)
class Source:
    url: str
    width: int
    height: int


@dataclass(frozen=True)
class Figure:
    """An image as one language's column shows it."""

    src: Source
    srcset: str
    alt: str
    caption: str
    # A figure is shown once, in the first column: the other language's caption goes with it.
    other_caption: str = ""
    other_language: str = ""


class ReleaseImage(TranslatableModel):
    release = models.ForeignKey(
        "releases.Release",
        verbose_name=_("press release"),
        on_delete=models.CASCADE,
        related_name="images",
    )
    image = models.FileField(_("image"), upload_to=image_path, max_length=255)
    # The name the image was uploaded with; the stored one is random.
    filename = models.CharField(_("file name"), max_length=255, blank=True, editable=False)
    # Resized copies for small and large screens; blank when the original is narrower.
    rendition_640 = models.FileField(
        upload_to=image_path, max_length=255, blank=True, editable=False
    )
    rendition_1280 = models.FileField(
        upload_to=image_path, max_length=255, blank=True, editable=False
    )
    width = models.PositiveIntegerField(_("width"), editable=False)
    height = models.PositiveIntegerField(_("height"), editable=False)
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    translations = TranslatedFields(
        alt_text=models.CharField(
            _("alt text"),
            max_length=300,
            help_text=_("What the image shows, for readers who cannot see it."),
        ),
        caption=models.CharField(_("caption"), max_length=300, blank=True),
    )

    class Meta:
        verbose_name = _("image")
        verbose_name_plural = _("images")
        ordering = ["position", "pk"]

    def __str__(self) -> str:
        return self.safe_translation_getter("alt_text", any_language=True) or self.image.name

    def save(self, *args, **kwargs) -> None:
        keep_upload_name(self, self.image)
        super().save(*args, **kwargs)

    @property
    def stored_names(self) -> list[str]:
        """The names of the image and its renditions in storage."""
        files = [self.image, *(getattr(self, f"rendition_{w}") for w in RENDITION_WIDTHS)]
        return [file.name for file in files if file]

    def sources(self, private: bool = False) -> list[Source]:
        """The renditions from narrowest to widest; the original only if none is smaller."""
        sources = []
        for width in RENDITION_WIDTHS:
            rendition = getattr(self, f"rendition_{width}")
            if rendition:
                height = scaled_height(self.width, self.height, width)
                sources.append(Source(file_url(rendition, private), width, height))
        if len(sources) < len(RENDITION_WIDTHS):
            sources.append(Source(file_url(self.image, private), self.width, self.height))
        return sources

    def figure(
        self, language_code: str, other_language: str = "", private: bool = False
    ) -> Figure:
        sources = self.sources(private)
        other_caption = _text(self, "caption", other_language) if other_language else ""
        return Figure(
            src=sources[-1],
            srcset=", ".join(f"{source.url} {source.width}w" for source in sources),
            alt=_text(self, "alt_text", language_code),
            caption=_text(self, "caption", language_code),
            other_caption=other_caption,
            other_language=other_language if other_caption else "",
        )


@dataclass(frozen=True)
class AttachmentLink:
    """An attachment as one language's column lists it."""

    url: str
    title: str
    kind: str
    size: int


class Attachment(TranslatableModel):
    class Language(models.TextChoices):
        CHINESE = CHINESE, _("Chinese")
        ENGLISH = ENGLISH, _("English")
        BOTH = "both", _("Chinese and English")

    release = models.ForeignKey(
        "releases.Release",
        verbose_name=_("press release"),
        on_delete=models.CASCADE,
        related_name="attachments",
    )
    file = models.FileField(_("file"), upload_to=attachment_path, max_length=255)
    # The name the file was uploaded with, offered to readers who save it; stored at random.
    filename = models.CharField(_("file name"), max_length=255, blank=True, editable=False)
    language = models.CharField(
        _("language"), max_length=10, choices=Language.choices, default=Language.BOTH
    )
    content_type = models.CharField(_("content type"), max_length=100, editable=False)
    size = models.PositiveBigIntegerField(_("size in bytes"), editable=False)
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    translations = TranslatedFields(title=models.CharField(_("title"), max_length=300))

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["position", "pk"]

    def __str__(self) -> str:
        return self.safe_translation_getter("title", any_language=True) or self.file.name

    def save(self, *args, **kwargs) -> None:
        keep_upload_name(self, self.file)
        super().save(*args, **kwargs)

    @property
    def stored_names(self) -> list[str]:
        return [self.file.name] if self.file else []

    def link(self, language_code: str, private: bool = False) -> AttachmentLink:
        return AttachmentLink(
            url=file_url(self.file, private),
            title=_text(self, "title", language_code),
            kind=kind_label(self.content_type),
            size=self.size,
        )


class MovedFile(models.Model):
    """A file's former address, from before files were stored under random names.

    Written by migration 0011; the address of a public release's file redirects
    to where the file is now (website.files).
    """

    release = models.ForeignKey(
        "releases.Release",
        verbose_name=_("press release"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    old_name = models.CharField(_("former name"), max_length=255, unique=True)
    new_name = models.CharField(_("name"), max_length=255)

    class Meta:
        verbose_name = _("moved file")
        verbose_name_plural = _("moved files")

    def __str__(self) -> str:
        return f"{self.old_name} → {self.new_name}"
