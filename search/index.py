"""Index upkeep: each release's search document, written from its translations and topics.

Everything a results page needs from a release's text is worked out here, once,
when the text changes: the terms to match and the plain text that passages are
cut from, so a search never renders CommonMark.
"""

from collections.abc import Iterable
from typing import Protocol

from django.db import transaction

from releases import markup
from releases.models import Release, ReleaseTranslation, Topic
from search.models import SearchDocument
from search.terms import document_terms

INDEX_CHUNK = 500


class Text(Protocol):
    """What indexing reads of a translation (also a migration's historical rows)."""

    language_code: str
    title: str
    summary: str
    body: str


def topic_terms(names: Iterable[str]) -> str:
    return " ".join(document_terms(" ".join(names)))


def document_fields(translations: Iterable[Text], topic_names: Iterable[str]) -> dict:
    """Return a search document's fields for a release's translations and topic names."""
    translations = list(translations)
    bodies = {t.language_code: markup.plain_text(t.body) for t in translations}
    titles = " ".join(t.title for t in translations)
    texts = " ".join(f"{t.summary} {bodies[t.language_code]}" for t in translations)
    return {
        "title_terms": " ".join(document_terms(titles)),
        "terms": " ".join(document_terms(f"{titles} {texts}")),
        "topic_terms": topic_terms(topic_names),
        "passages": bodies,
    }


def _topic_names(release_ids: list[int]) -> dict[int, list[str]]:
    """Return the names (in both languages) of each release's topics, in one query."""
    names: dict[int, list[str]] = {pk: [] for pk in release_ids}
    rows = Topic._parler_meta.root_model.objects.filter(master__release__in=release_ids)
    for release_id, name in rows.values_list("master__release", "name"):
        names[release_id].append(name)
    return names


def index_releases(release_ids: Iterable[int]) -> None:
    """Write (or rewrite) the search documents of these releases from their translations."""
    ids = list(release_ids)
    for start in range(0, len(ids), INDEX_CHUNK):
        chunk = ids[start : start + INDEX_CHUNK]
        by_release: dict[int, list[ReleaseTranslation]] = {pk: [] for pk in chunk}
        for translation in ReleaseTranslation.objects.filter(master_id__in=chunk):
            by_release[translation.master_id].append(translation)
        names = _topic_names(chunk)
        with transaction.atomic():
            SearchDocument.objects.filter(release_id__in=chunk).delete()
            SearchDocument.objects.bulk_create(
                SearchDocument(release_id=pk, **document_fields(translations, names[pk]))
                for pk, translations in by_release.items()
            )


def index_topics(release_ids: Iterable[int]) -> None:
    """Rewrite only the topic names in these releases' documents.

    A topic renamed (or a release's topics changed) leaves every text as it
    was, so the thousands of releases of one topic are updated without
    reading or rendering any of their bodies.
    """
    ids = list(release_ids)
    for start in range(0, len(ids), INDEX_CHUNK):
        chunk = ids[start : start + INDEX_CHUNK]
        names = _topic_names(chunk)
        SearchDocument.objects.bulk_update(
            [SearchDocument(release_id=pk, topic_terms=topic_terms(names[pk])) for pk in chunk],
            ["topic_terms"],
        )


def rebuild_index() -> int:
    """Rebuild every release's search document; return how many were written."""
    ids = list(Release.objects.order_by("pk").values_list("pk", flat=True))
    with transaction.atomic():
        SearchDocument.objects.all().delete()
        index_releases(ids)
    return len(ids)
