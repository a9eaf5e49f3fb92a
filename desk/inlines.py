"""The release's images and attachments, edited on its change page."""

from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.html import format_html
from django.utils.translation import gettext_lazy

from desk.file_forms import AttachmentForm, ReleaseImageForm
from pressroom.languages import CHINESE
from releases.images import scaled_height
from releases.models import Attachment, ReleaseImage
from releases.sizes import file_size


class ReleaseImageInline(admin.StackedInline):
    model = ReleaseImage
    form = ReleaseImageForm
    extra = 0
    fields = [
        "thumbnail",
        "image",
        ("alt_text_zh_hant", "alt_text_en"),
        ("caption_zh_hant", "caption_en"),
        "position",
    ]
    readonly_fields = ["thumbnail"]

    def get_queryset(self, request: HttpRequest) -> QuerySet[ReleaseImage]:
        return super().get_queryset(request).prefetch_related("translations")

    @admin.display(description=gettext_lazy("Current image"))
    def thumbnail(self, image: ReleaseImage) -> str:
        if not image.pk:
            return "—"
        # Signed: the staff's own session opens a draft's files here, but S3 knows no session.
        source = image.sources(private=True)[0]
        return format_html(
            '<img src="{}" width="160" height="{}" alt="">',
            source.url,
            scaled_height(image.width, image.height, 160),
        )


class AttachmentInline(admin.StackedInline):
    model = Attachment
    form = AttachmentForm
    extra = 0
    fields = ["current_file", "file", ("title_zh_hant", "title_en"), "language", "position"]
    readonly_fields = ["current_file"]

    def get_queryset(self, request: HttpRequest) -> QuerySet[Attachment]:
        return super().get_queryset(request).prefetch_related("translations")

    @admin.display(description=gettext_lazy("Type and size"))
    def current_file(self, attachment: Attachment) -> str:
        if not attachment.pk:
            return "—"
        link = attachment.link(CHINESE)
        return f"{link.kind}, {file_size(link.size)}"
