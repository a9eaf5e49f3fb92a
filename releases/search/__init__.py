"""Bilingual search: one normalised document per release, and both database backends.

Chinese has no spaces and most Chinese queries are two characters, so words or
trigrams would miss them. Each release's text in both languages, and its
topics' names, are folded to one form (Traditional to Simplified by OpenCC,
Latin text lowercased and stemmed by Snowball) and written as space-separated
terms: Chinese as overlapping single characters and pairs, Latin text as
words. SQLite matches the terms with an FTS5 table, PostgreSQL with GIN indexes
on stored `simple` tsvectors of the same terms, so neither backend needs to
understand Chinese.

- terms: the tokenizer, the same at index and at query time;
- index: the documents' upkeep;
- results: matching, ranking and counting, on both databases;
- passages: titles and passages with the matches marked.
"""

from releases.search.index import index_releases, index_topics, rebuild_index
from releases.search.passages import Excerpt, excerpts, highlight, passage
from releases.search.results import Count, Found, Results, matching
from releases.search.terms import (
    MAX_QUERY_LENGTH,
    MAX_QUERY_TERMS,
    clean_query,
    document_terms,
    fold,
    query_terms,
    stem,
)

__all__ = [
    "MAX_QUERY_LENGTH",
    "MAX_QUERY_TERMS",
    "Count",
    "Excerpt",
    "Found",
    "Results",
    "clean_query",
    "document_terms",
    "excerpts",
    "fold",
    "highlight",
    "index_releases",
    "index_topics",
    "matching",
    "passage",
    "query_terms",
    "rebuild_index",
    "stem",
]
