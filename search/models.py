"""The search index's one table: a release's text folded into search terms."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from releases.models import Release


class SearchDocument(models.Model):
    """A release's text in both languages, folded into search terms (search.terms).

    On SQLite an FTS5 table (releases_search) mirrors it through triggers; on
    PostgreSQL generated columns store the `simple` tsvectors of the title and
    of everything, each GIN-indexed. All are made by migration.
    """

    release = models.OneToOneField(
        Release, primary_key=True, on_delete=models.CASCADE, related_name="search_document"
    )
    title_terms = models.TextField()
    terms = models.TextField()
    # Rewritten on its own when a topic is renamed, without re-reading any text.
    topic_terms = models.TextField(blank=True, default="")
    # Each translation's body as plain text, by language code: results cut passages from it.
    passages = models.JSONField(default=dict)

    class Meta:
        # Made by the releases app before search was an app of its own; the FTS5 table
        # and the PostgreSQL indexes are named after it.
        db_table = "releases_searchdocument"
        verbose_name = _("search document")

    def __str__(self) -> str:
        return f"#{self.release_id}"
