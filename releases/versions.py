"""Describe a release as staff read it, at any saved version, and what differs.

django-reversion stores each save of a release together with its
translations, images, attachments and change notes. These functions turn
one stored revision (or the release as it is now) into labelled lines, so
the history can compare two versions and the lock can say what changed.
"""

import difflib
from dataclasses import dataclass
from datetime import datetime

from django.utils import formats, timezone
from django.utils.translation import gettext as _
from reversion.models import Version

from pressroom.languages import LANGUAGE_CODES, WITH_LANGUAGE, language_name
from releases.models import (
    Attachment,
    ChangeNote,
    Contact,
    Release,
    ReleaseImage,
    ReleaseTranslation,
    Topic,
)
from releases.translation_state import TEXT_FIELDS, translation_or_none

TRANSLATED_FIELDS = ("title", "summary", "body", "withdrawal_reason")


@dataclass(frozen=True)
class Change:
    label: str
    before: str
    after: str


@dataclass
class Parts:
    """A release and the rows that belong to it, as saved or as stored in a version."""

    release: Release
    topic_ids: list[int]
    translations: list
    images: list
    attachments: list
    notes: list
    # Translations of images, attachments and notes, by (model, master id).
    child_translations: dict


def _translation(translations: list, language_code: str):
    return next((item for item in translations if item.language_code == language_code), None)


def _bilingual(translations: list, field: str) -> str:
    values = []
    for code in LANGUAGE_CODES:
        translation = _translation(translations, code)
        values.append(getattr(translation, field, "") if translation else "")
    return " / ".join(values)


def describe(parts: Parts) -> dict[str, str]:
    """Return the release as labelled lines of text, in a stable order."""
    release = parts.release
    lines: dict[str, str] = {}
    for code in LANGUAGE_CODES:
        translation = _translation(parts.translations, code)
        for field in TRANSLATED_FIELDS:
            name = ReleaseTranslation._meta.get_field(field).verbose_name
            label = str(WITH_LANGUAGE).format(str(name).capitalize(), language_name(code))
            lines[label] = getattr(translation, field, "") if translation else ""
    lines[_("Status")] = str(Release.Status(release.status).label)
    lines[_("Publish at")] = formats.date_format(
        timezone.localtime(release.publish_at), "DATETIME_FORMAT"
    )
    lines[_("Slug")] = release.slug
    contact = Contact.objects.filter(pk=release.contact_id).first()
    lines[_("Contact")] = str(contact) if contact else ""
    topics = Topic.objects.filter(pk__in=parts.topic_ids)
    lines[_("Topics")] = ", ".join(sorted(str(topic) for topic in topics))
    lines[_("Images")] = "\n".join(
        "{} — {} — {}".format(
            image.image.name.rsplit("/", 1)[-1],
            _bilingual(parts.child_translations.get((ReleaseImage, image.pk), []), "alt_text"),
            _bilingual(parts.child_translations.get((ReleaseImage, image.pk), []), "caption"),
        )
        for image in sorted(parts.images, key=lambda image: (image.position, image.pk))
    )
    lines[_("Attachments")] = "\n".join(
        "{} — {} — {}".format(
            attachment.file.name.rsplit("/", 1)[-1],
            _bilingual(parts.child_translations.get((Attachment, attachment.pk), []), "title"),
            Attachment.Language(attachment.language).label,
        )
        for attachment in sorted(parts.attachments, key=lambda item: (item.position, item.pk))
    )
    lines[_("Change notes")] = "\n".join(
        _bilingual(parts.child_translations.get((ChangeNote, note.pk), []), "note")
        for note in sorted(parts.notes, key=lambda note: note.created_at, reverse=True)
    )
    return lines


def parts_of_release(release: Release) -> Parts:
    """Gather a release as it is saved now."""
    images = list(release.images.prefetch_related("translations"))
    attachments = list(release.attachments.prefetch_related("translations"))
    notes = list(release.change_notes.prefetch_related("translations"))
    children = {
        (type(item), item.pk): list(item.translations.all())
        for item in [*images, *attachments, *notes]
    }
    return Parts(
        release=release,
        topic_ids=list(release.topics.values_list("pk", flat=True)),
        translations=list(release.translations.all()),
        images=images,
        attachments=attachments,
        notes=notes,
        child_translations=children,
    )


def parts_of_version(version: Version) -> Parts:
    """Gather a release as one stored version holds it."""
    by_model: dict = {}
    release, topic_ids = None, []
    for stored in version.revision.version_set.all():
        item = stored._object_version.object
        by_model.setdefault(type(item), []).append(item)
        if isinstance(item, Release) and str(item.pk) == version.object_id:
            release = item
            topic_ids = stored._object_version.m2m_data.get("topics", [])
    children: dict = {}
    for model in (ReleaseImage, Attachment, ChangeNote):
        for translation in by_model.get(model._parler_meta.root_model, []):
            children.setdefault((model, translation.master_id), []).append(translation)

    def belonging(model, key: str) -> list:
        return [
            item
            for item in by_model.get(model, [])
            if str(getattr(item, key)) == version.object_id
        ]

    return Parts(
        release=release,
        topic_ids=[int(pk) for pk in topic_ids],
        translations=belonging(ReleaseTranslation, "master_id"),
        images=belonging(ReleaseImage, "release_id"),
        attachments=belonging(Attachment, "release_id"),
        notes=belonging(ChangeNote, "release_id"),
        child_translations=children,
    )


def _changed_lines(before: str, after: str) -> tuple[str, str]:
    """Keep only the lines (paragraphs) of each text that the other lacks."""
    old, new = before.splitlines(), after.splitlines()
    removed, added = [], []
    matcher = difflib.SequenceMatcher(a=old, b=new, autojunk=False)
    for tag, old_from, old_to, new_from, new_to in matcher.get_opcodes():
        if tag != "equal":
            removed += old[old_from:old_to]
            added += new[new_from:new_to]
    return "\n".join(removed), "\n".join(added)


def differences(before: dict[str, str], after: dict[str, str]) -> list[Change]:
    """Return what differs, field by field in the order of the description.

    Line endings are compared as readers see them (a browser sends CRLF),
    and of a long text only the changed paragraphs are kept.
    """
    changes = []
    for label in dict.fromkeys([*before, *after]):
        old = before.get(label, "").replace("\r\n", "\n")
        new = after.get(label, "").replace("\r\n", "\n")
        if old != new:
            changes.append(Change(label, *_changed_lines(old, new)))
    return changes


def version_numbered(release: Release, number: int) -> Version | None:
    """Find the stored version a release had when its lock counter was `number`."""
    for version in Version.objects.get_for_object(release).select_related("revision"):
        if version.field_dict.get("version") == number:
            return version
    return None


def changes_since(release: Release, number: int) -> list[Change] | None:
    """What differs between version `number` and now; None when it was not kept."""
    old = version_numbered(release, number)
    if old is None:
        return None
    return differences(describe(parts_of_version(old)), describe(parts_of_release(release)))


def _text_lines(translation) -> dict[str, str]:
    return {
        str(ReleaseTranslation._meta.get_field(name).verbose_name): (
            getattr(translation, name, "") if translation else ""
        )
        for name in TEXT_FIELDS
    }


def text_changes(release: Release, language_code: str, number: int | None) -> list[Change] | None:
    """What changed in one language's title, summary and body since version `number`.

    Compares the stored version with the text on the instance (a form's unsaved
    edits count); None when that version was not kept.
    """
    old = version_numbered(release, number) if number else None
    if old is None:
        return None
    before = _translation(parts_of_version(old).translations, language_code)
    return differences(
        _text_lines(before), _text_lines(translation_or_none(release, language_code))
    )


def local_time(moment: datetime) -> str:
    """A moment as the history and the desk write it: Hong Kong time, in the interface's words."""
    return formats.date_format(timezone.localtime(moment), "DATETIME_FORMAT")
