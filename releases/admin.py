"""Staff edit releases, topics and contacts with parler's language tabs."""

from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from parler.admin import TranslatableAdmin

from releases.languages import CHINESE, ENGLISH
from releases.models import Contact, Release, Topic


@admin.register(Release)
class ReleaseAdmin(TranslatableAdmin):
    list_display = ["chinese_title", "english_title", "status", "publish_at", "language_column"]
    list_filter = ["status", "publish_at", "topics", "contact"]
    search_fields = ["translations__title", "translations__body", "slug"]
    date_hierarchy = "publish_at"
    filter_horizontal = ["topics"]
    fieldsets = [
        (None, {"fields": ["title", "summary", "body"]}),
        (_("Publishing"), {"fields": ["status", "publish_at", "slug", "contact", "topics"]}),
    ]

    def get_queryset(self, request: HttpRequest) -> QuerySet[Release]:
        return super().get_queryset(request).prefetch_related("translations")

    def get_changeform_initial_data(self, request: HttpRequest) -> dict:
        initial = super().get_changeform_initial_data(request)
        initial.setdefault("contact", Contact.default())
        return initial

    def save_model(self, request: HttpRequest, obj: Release, form, change: bool) -> None:
        if not change:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)

    @admin.display(description=_("Chinese title"))
    def chinese_title(self, obj: Release) -> str:
        return obj.safe_translation_getter("title", language_code=CHINESE) or "—"

    @admin.display(description=_("English title"))
    def english_title(self, obj: Release) -> str:
        return obj.safe_translation_getter("title", language_code=ENGLISH) or "—"


@admin.register(Topic)
class TopicAdmin(TranslatableAdmin):
    list_display = ["__str__", "slug", "language_column"]
    search_fields = ["translations__name", "slug"]

    def get_prepopulated_fields(self, request: HttpRequest, obj: Topic | None = None) -> dict:
        return {"slug": ("name",)}


@admin.register(Contact)
class ContactAdmin(TranslatableAdmin):
    list_display = ["__str__", "email", "phone", "is_default", "language_column"]
    search_fields = ["translations__office", "translations__department", "email"]
