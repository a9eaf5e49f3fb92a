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
- passages: titles and passages with the matches marked;
- receivers: the index kept in step with every save of a release or topic.
"""
