"""The image and attachment inlines' forms: checked uploads, texts in both languages."""

from django import forms
from django.db.models.fields.files import FieldFile
from django.utils.translation import gettext_lazy

from desk.bilingual import BilingualModelForm, bilingual_field
from desk.widgets import FileInput, OneLineTextarea
from pressroom.languages import CHINESE, ENGLISH
from releases import attachments, images
from releases.files import file_url
from releases.models import Attachment, ReleaseImage


class SavedFile:
    """A stored file as the form's "Currently:" shows it: its uploaded name, a link that opens.

    The link is signed: a draft's file on S3 is private, and the bucket knows no session.
    """

    def __init__(self, file: FieldFile):
        self.url = file_url(file, private=True)
        self.name = getattr(file.instance, "filename", "") or file.name.rsplit("/", 1)[-1]

    def __str__(self) -> str:
        return self.name


class SavedFileInput(FileInput):
    def format_value(self, value):
        return SavedFile(value) if self.is_initial(value) else None


class ReleaseImageForm(BilingualModelForm):
    bilingual_names = ["alt_text", "caption"]
    image = forms.FileField(
        label=gettext_lazy("Image"),
        widget=SavedFileInput,
        help_text=gettext_lazy(
            "JPEG, PNG or WebP, at most 10 MB. Camera and location details are removed."
        ),
    )
    # Alt text and captions are sentences: boxes that show them whole (desk.widgets).
    alt_text_zh_hant = bilingual_field(
        gettext_lazy("Alt text"), CHINESE, max_length=300, widget=OneLineTextarea
    )
    alt_text_en = bilingual_field(
        gettext_lazy("Alt text"), ENGLISH, max_length=300, widget=OneLineTextarea
    )
    caption_zh_hant = bilingual_field(
        gettext_lazy("Caption"), CHINESE, max_length=300, required=False, widget=OneLineTextarea
    )
    caption_en = bilingual_field(
        gettext_lazy("Caption"), ENGLISH, max_length=300, required=False, widget=OneLineTextarea
    )

    class Meta:
        model = ReleaseImage
        fields = ["image", "position"]

    def clean_image(self):
        upload = self.cleaned_data["image"]
        if upload is None or upload == self.initial.get("image"):
            return upload
        self.checked_image = images.check_image(upload)
        return self.checked_image.original

    def save(self, commit: bool = True):
        checked = getattr(self, "checked_image", None)
        if checked:
            self.instance.width, self.instance.height = checked.width, checked.height
            for width in images.RENDITION_WIDTHS:
                setattr(self.instance, f"rendition_{width}", checked.renditions.get(width, ""))
        return super().save(commit)


class AttachmentForm(BilingualModelForm):
    bilingual_names = ["title"]
    file = forms.FileField(
        label=gettext_lazy("File"),
        widget=SavedFileInput,
        help_text=gettext_lazy("PDF, Word (.docx) or Excel (.xlsx), at most 20 MB."),
    )
    title_zh_hant = bilingual_field(gettext_lazy("Title"), CHINESE, max_length=300)
    title_en = bilingual_field(gettext_lazy("Title"), ENGLISH, max_length=300)

    class Meta:
        model = Attachment
        fields = ["file", "language", "position"]

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload is None or upload == self.initial.get("file"):
            return upload
        kind = attachments.detect_kind(upload)
        stem = upload.name.rsplit(".", 1)[0] or "attachment"
        upload.name = f"{stem}.{kind.extension}"
        self.detected_kind = kind
        return upload

    def save(self, commit: bool = True):
        kind = getattr(self, "detected_kind", None)
        if kind:
            self.instance.content_type = kind.content_type
            self.instance.size = self.cleaned_data["file"].size
        return super().save(commit)
