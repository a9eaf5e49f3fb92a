"""The desk: the release change page's two language columns, the list's translation state.

Chinese comes first, then English; each column carries its fields, whether it
needs review against the other language, and what changed there since it was
last checked (the history's comparison, releases.versions).
"""

from dataclasses import dataclass

from django import forms
from django.contrib import admin
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from pressroom.languages import (
    CHINESE,
    ENGLISH,
    LANGUAGE_CODES,
    SUFFIXES,
    html_lang,
    language_name,
)
from releases import versions
from releases.models import Release, ReleaseTranslation
from releases.translation_state import TEXT_FIELDS, other_language, translation_or_none

# How the release list names each language: short, and in its own script.
SHORT_NAMES = {CHINESE: "中", ENGLISH: "EN"}


@dataclass
class Column:
    language_code: str
    html_lang: str
    name: str
    fields: list[forms.BoundField]
    checked: forms.BoundField
    translation: ReleaseTranslation | None
    other_name: str
    other_lang: str
    changes: list[versions.Change] | None

    @property
    def needs_review(self) -> bool:
        return self.translation is not None and self.translation.needs_review_since is not None


def columns(form: forms.Form, release: Release | None) -> list[Column]:
    """The Chinese and the English column of the change form, with their review state."""
    result = []
    for code in LANGUAGE_CODES:
        suffix = SUFFIXES[code]
        other = other_language(code)
        translation = translation_or_none(release, code) if release and release.pk else None
        stale = translation is not None and translation.needs_review_since is not None
        result.append(
            Column(
                language_code=code,
                html_lang=html_lang(code),
                name=language_name(code),
                fields=[form[f"{name}_{suffix}"] for name in TEXT_FIELDS],
                checked=form[f"checked_{suffix}"],
                translation=translation,
                other_name=language_name(other),
                other_lang=html_lang(other),
                changes=versions.text_changes(release, other, translation.checked_against_version)
                if stale
                else None,
            )
        )
    return result


def translation_state_of(release: Release) -> list[tuple[str, str]]:
    """Each language's short name and its state in the release list ("" when in step)."""
    translations = {t.language_code: t for t in release.translations.all()}
    states = []
    for code in LANGUAGE_CODES:
        translation = translations.get(code)
        if translation is None:
            state = _("missing")
        elif translation.needs_review_since and other_language(code) in translations:
            state = _("needs review")
        else:
            state = ""
        states.append((SHORT_NAMES[code], state))
    return states


def with_translation_state(releases: QuerySet[Release], state: str) -> QuerySet[Release]:
    """Filter releases by translation state: complete, missing (a language) or review."""
    has = {
        code: Exists(ReleaseTranslation.objects.filter(master=OuterRef("pk"), language_code=code))
        for code in LANGUAGE_CODES
    }
    stale = Exists(
        ReleaseTranslation.objects.filter(master=OuterRef("pk"), needs_review_since__isnull=False)
    )
    both = Q(has[CHINESE]) & Q(has[ENGLISH])
    if state == "missing":
        return releases.filter(~both)
    if state == "review":
        return releases.filter(both & Q(stale))
    return releases.filter(both & ~Q(stale))


class TranslationStateFilter(admin.SimpleListFilter):
    title = gettext_lazy("translation state")
    parameter_name = "translations"

    def lookups(self, request: HttpRequest, model_admin) -> list[tuple[str, str]]:
        return [
            ("complete", _("Both languages, in step")),
            ("missing", _("A language missing")),
            ("review", _("A language needs review")),
        ]

    def queryset(self, request: HttpRequest, queryset: QuerySet[Release]):
        if self.value() in ("complete", "missing", "review"):
            return with_translation_state(queryset, self.value())
        return queryset
