"""Turn loaded releases, topics and contacts into what the API's schemas describe.

Times are given in Hong Kong time with their offset, to the second, as the release
pages and feeds show them; addresses are absolute.
"""

from collections.abc import Iterable
from datetime import datetime
from urllib.parse import urlencode

from django.http import HttpRequest
from django.urls import reverse
from django.utils import translation

from pressroom.languages import CHINESE, SIMPLIFIED
from pressroom.machine_time import to_the_second
from pressroom.simplified import document_to_simplified
from releases.models import (
    Attachment,
    ChangeNote,
    Contact,
    Release,
    ReleaseImage,
    ReleaseTranslation,
    Topic,
)

URL_LANGUAGES = ("zh-hant", "en", "zh-hans")


def hong_kong(moment: datetime) -> datetime:
    return to_the_second(moment)


def stored_language(language_code: str) -> str:
    """The stored translation a language's text comes from (Simplified: the Traditional)."""
    return CHINESE if language_code == SIMPLIFIED else language_code


def in_language(text: str, language_code: str) -> str:
    return document_to_simplified(text) if language_code == SIMPLIFIED else text


def texts(translations: Iterable, field: str, languages: tuple[str, ...]) -> dict[str, str]:
    """Return a translated field keyed by language code, for the languages asked for."""
    stored = {row.language_code: getattr(row, field) for row in translations}
    return {
        code: in_language(stored[stored_language(code)], code)
        for code in languages
        if stored_language(code) in stored
    }


def topic_data(request: HttpRequest, topic: Topic, languages: tuple[str, ...]) -> dict:
    query = {"topic": topic.slug}
    if len(languages) == 1:
        # Asked in one language, the topic's releases come in the same one.
        query["lang"] = languages[0]
    releases = f"{reverse('api:list_releases')}?{urlencode(query)}"
    return {
        "slug": topic.slug,
        "name": texts(topic.translations.all(), "name", languages),
        "releases": request.build_absolute_uri(releases),
    }


def contact_data(contact: Contact, languages: tuple[str, ...]) -> dict:
    translations = contact.translations.all()
    return {
        "id": contact.pk,
        "office": texts(translations, "office", languages),
        "department": texts(translations, "department", languages),
        "email": contact.email,
        # No number is no number, not an empty one a client might dial.
        "phone": contact.phone or None,
    }


def image_data(request: HttpRequest, image: ReleaseImage, languages: tuple[str, ...]) -> dict:
    translations = image.translations.all()
    return {
        "width": image.width,
        "height": image.height,
        "renditions": [
            {
                "url": request.build_absolute_uri(source.url),
                "width": source.width,
                "height": source.height,
            }
            for source in image.sources()
        ],
        "alt_text": texts(translations, "alt_text", languages),
        "caption": texts(translations, "caption", languages),
    }


def attachment_data(
    request: HttpRequest, attachment: Attachment, languages: tuple[str, ...]
) -> dict:
    return {
        "url": request.build_absolute_uri(attachment.file.url),
        "content_type": attachment.content_type,
        "size": attachment.size,
        "language": attachment.language,
        "title": texts(attachment.translations.all(), "title", languages),
    }


def change_note_data(note: ChangeNote, languages: tuple[str, ...]) -> dict:
    return {
        "created_at": hong_kong(note.created_at),
        "note": texts(note.translations.all(), "note", languages),
    }


def text_data(row: ReleaseTranslation, language_code: str) -> dict:
    return {
        "title": in_language(row.title, language_code),
        "summary": in_language(row.lead, language_code),
        "body": in_language(row.body, language_code),
        "body_html": in_language(row.body_html, language_code),
    }


def _for_languages(attachment: Attachment, languages: tuple[str, ...]) -> bool:
    # As on the release page: a file in one language is listed with that language's text.
    wanted = {stored_language(code) for code in languages}
    return attachment.language == Attachment.Language.BOTH or attachment.language in wanted


def release_data(request: HttpRequest, release: Release, languages: tuple[str, ...]) -> dict:
    """Return everything a release is, in the languages asked for (see api.loading)."""
    translations = release.translations.all()
    stored = {row.language_code: row for row in translations}
    release_texts = {
        code: text_data(stored[stored_language(code)], code)
        for code in languages
        if stored_language(code) in stored
    }
    urls = {}
    for code in URL_LANGUAGES:
        with translation.override(code):
            urls[code] = request.build_absolute_uri(release.get_absolute_url())
    withdrawal = None
    if release.is_withdrawn:
        withdrawal = {
            "withdrawn_at": hong_kong(release.withdrawn_at),
            "reason": texts(translations, "withdrawal_reason", languages),
        }
    return {
        "id": release.pk,
        "status": release.status,
        "urls": urls,
        "published_at": hong_kong(release.publish_at),
        "updated_at": hong_kong(release.last_public_change_at),
        "texts": release_texts,
        "topics": [topic_data(request, topic, languages) for topic in release.topics.all()],
        "contact": contact_data(release.contact, languages) if release.contact else None,
        "images": [image_data(request, image, languages) for image in release.images.all()],
        "attachments": [
            attachment_data(request, attachment, languages)
            for attachment in release.attachments.all()
            if _for_languages(attachment, languages)
        ],
        "change_notes": [change_note_data(note, languages) for note in release.change_notes.all()],
        "withdrawal": withdrawal,
    }
