"""The glossary in the admin: Glossary editors change it; Editors and Publishers read it."""

from django.contrib import admin
from django.http import HttpRequest

from releases.models import Term


@admin.register(Term)
class TermAdmin(admin.ModelAdmin):
    list_display = ["zh_hant", "en", "zh_hans", "updated_at", "updated_by"]
    search_fields = ["zh_hant", "en", "zh_hans", "avoid_zh", "avoid_en", "note"]
    readonly_fields = ["updated_at", "updated_by"]
    fields = ["zh_hant", "en", "zh_hans", "avoid_zh", "avoid_en", "note", *readonly_fields]

    def save_model(self, request: HttpRequest, obj: Term, form, change: bool) -> None:
        obj.updated_by = request.user
        super().save_model(request, obj, form, change)
