"""Bilingual search: one normalised document per release, and both database backends.

Chinese has no spaces and most Chinese queries are two characters, so words or
trigrams would miss them. Each release's text in both languages is folded to one
form (Traditional to Simplified by OpenCC, Latin text lowercased and lightly
stemmed) and written as space-separated terms: Chinese as overlapping single
characters and pairs, Latin text as words. SQLite matches the terms with an FTS5
table, PostgreSQL with a GIN index on a `simple` tsvector of the same terms, so
neither backend needs to understand Chinese.
"""

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

from django.db import connection, transaction
from django.db.models import BooleanField
from django.db.models.expressions import RawSQL
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from releases import markup
from releases.languages import CHINESE
from releases.models import Release, ReleaseQuerySet, ReleaseTranslation, SearchDocument
from releases.simplified import to_simplified

# A query is cut to this many characters and terms: enough for any real search,
# and a bound on the work a hostile query can ask for.
MAX_QUERY_LENGTH = 200
MAX_QUERY_TERMS = 24
INDEX_CHUNK = 500

_CJK = (
    "\u3040-\u30ff"  # kana
    "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"  # Han ideographs
    "\uac00-\ud7af"  # Hangul syllables
    "\U00020000-\U0003134f"  # Han extensions
)
_TOKEN = re.compile(rf"[{_CJK}]+|[^\W_{_CJK}]+")
_CJK_RUN = re.compile(rf"[{_CJK}]+")
_POSSESSIVE = re.compile(r"['’]s\b", re.IGNORECASE)


def clean_query(query: str) -> str:
    """Return a query as a reader meant it: no control characters, one space between words."""
    printable = "".join(" " if unicodedata.category(char)[0] in "CZ" else char for char in query)
    return " ".join(printable.split())[:MAX_QUERY_LENGTH]


def fold(text: str) -> str:
    """Return text in the one form that is indexed: NFKC, lowercase, Simplified."""
    return to_simplified(unicodedata.normalize("NFKC", text).casefold())


def stem(word: str) -> str:
    """Strip a common English inflection, so seize, seizes, seized and seizing meet."""
    if len(word) <= 3 or not word.isascii():
        return word
    if word.endswith(("ies", "ied")) and len(word) > 4:
        return word[:-3] + "y"
    for suffix in ("ing", "ed", "es", "s"):
        if not word.endswith(suffix) or len(word) - len(suffix) < 3:
            continue
        if suffix == "s" and word.endswith(("ss", "us", "is")):
            break
        word = word[: -len(suffix)]
        if suffix in ("ing", "ed") and word[-1] == word[-2] and word[-1] not in "lsz":
            word = word[:-1]
        break
    if word.endswith("e") and len(word) > 3:
        word = word[:-1]
    return word


def _tokens(text: str) -> list[str]:
    return _TOKEN.findall(fold(_POSSESSIVE.sub("", text)))


def _is_cjk(token: str) -> bool:
    return bool(_CJK_RUN.fullmatch(token))


def document_terms(text: str) -> list[str]:
    """Return the terms that index text: CJK characters and pairs, stemmed Latin words."""
    terms = []
    for token in _tokens(text):
        if _is_cjk(token):
            terms.extend(token)
            terms.extend(token[i : i + 2] for i in range(len(token) - 1))
        else:
            terms.append(stem(token))
    return terms


def query_terms(query: str) -> list[str]:
    """Return the distinct terms a query must all match, in the order typed.

    A run of Chinese characters asks for its overlapping pairs (a lone
    character for itself), which the document holds wherever the run appears.
    """
    terms: list[str] = []
    for token in _tokens(query[:MAX_QUERY_LENGTH]):
        if not _is_cjk(token):
            terms.append(stem(token))
        elif len(token) == 1:
            terms.append(token)
        else:
            terms.extend(token[i : i + 2] for i in range(len(token) - 1))
    return list(dict.fromkeys(terms))[:MAX_QUERY_TERMS]


# Index upkeep.


def _document(release_id: int, translations: list[ReleaseTranslation]) -> SearchDocument:
    titles = " ".join(t.title for t in translations)
    texts = " ".join(f"{t.summary} {markup.plain_text(t.body)}" for t in translations)
    return SearchDocument(
        release_id=release_id,
        title_terms=" ".join(document_terms(titles)),
        terms=" ".join(document_terms(f"{titles} {texts}")),
    )


def index_releases(release_ids: Iterable[int]) -> None:
    """Write (or rewrite) the search documents of these releases from their translations."""
    ids = list(release_ids)
    for start in range(0, len(ids), INDEX_CHUNK):
        chunk = ids[start : start + INDEX_CHUNK]
        by_release: dict[int, list[ReleaseTranslation]] = {pk: [] for pk in chunk}
        for translation in ReleaseTranslation.objects.filter(master_id__in=chunk):
            by_release[translation.master_id].append(translation)
        with transaction.atomic():
            SearchDocument.objects.filter(release_id__in=chunk).delete()
            SearchDocument.objects.bulk_create(
                _document(pk, translations) for pk, translations in by_release.items()
            )


def rebuild_index() -> int:
    """Rebuild every release's search document; return how many were written."""
    ids = list(Release.objects.order_by("pk").values_list("pk", flat=True))
    with transaction.atomic():
        SearchDocument.objects.all().delete()
        index_releases(ids)
    return len(ids)


# Matching.


def _sqlite_match(terms: list[str], column: str) -> str:
    phrases = " ".join('"{}"'.format(term.replace('"', '""')) for term in terms)
    return f"{{{column}}} : ({phrases})"


def matching(releases: ReleaseQuerySet, query: str) -> ReleaseQuerySet:
    """Filter releases to those matching every term of the query, best first.

    Releases whose title holds every term come before those that match only in
    their text; among equals the newest comes first. A query with no terms
    matches nothing.
    """
    terms = query_terms(query)
    if not terms:
        return releases.none()
    if connection.vendor == "postgresql":
        # The expression repeats the GIN index's exactly, so the index is used.
        tsquery = "plainto_tsquery('simple'::regconfig, %s)"
        found = RawSQL(
            "SELECT release_id FROM releases_searchdocument "
            f"WHERE to_tsvector('simple'::regconfig, terms) @@ {tsquery}",
            [" ".join(terms)],
        )
        in_title = RawSQL(
            "EXISTS (SELECT 1 FROM releases_searchdocument d "
            'WHERE d.release_id = "releases_release"."id" '
            f"AND to_tsvector('simple'::regconfig, d.title_terms) @@ {tsquery})",
            [" ".join(terms)],
            output_field=BooleanField(),
        )
    elif connection.vendor == "sqlite":
        found = RawSQL(
            "SELECT rowid FROM releases_search WHERE releases_search MATCH %s",
            [_sqlite_match(terms, "terms")],
        )
        in_title = RawSQL(
            '"releases_release"."id" IN '
            "(SELECT rowid FROM releases_search WHERE releases_search MATCH %s)",
            [_sqlite_match(terms, "title_terms")],
            output_field=BooleanField(),
        )
    else:
        raise NotImplementedError(
            f"Search supports SQLite and PostgreSQL, not {connection.vendor}."
        )
    return (
        releases.filter(pk__in=found)
        .annotate(title_match=in_title)
        .order_by("-title_match", "-publish_at", "-pk")
    )


# Showing what matched.


@dataclass(frozen=True)
class Excerpt:
    """One translation of a found release, its matches marked."""

    translation: ReleaseTranslation
    title: SafeString
    passage: SafeString


def _cjk_terms_and_stems(terms: list[str]) -> tuple[list[str], set[str]]:
    return [t for t in terms if _is_cjk(t)], {t for t in terms if not _is_cjk(t)}


def _match_spans(text: str, terms: list[str]) -> list[tuple[int, int]]:
    cjk, stems = _cjk_terms_and_stems(terms)
    spans = []
    for word in re.finditer(r"[^\W_]+", text):
        if stem(unicodedata.normalize("NFKC", word.group()).casefold()) in stems:
            spans.append(word.span())
    if cjk:
        folded = to_simplified(text)
        if len(folded) != len(text):
            # Rare phrase conversions change the length; fold character by character.
            folded = "".join(to_simplified(char)[:1] or char for char in text)
        for term in cjk:
            spans.extend((m.start(), m.end()) for m in re.finditer(re.escape(term), folded))
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def _marked(text: str, spans: list[tuple[int, int]], offset: int = 0) -> str:
    pieces, position = [], offset
    for start, end in spans:
        if start < offset or end > offset + len(text):
            continue
        pieces += [escape(text[position - offset : start - offset])]
        pieces += ["<mark>", escape(text[start - offset : end - offset]), "</mark>"]
        position = end
    pieces.append(escape(text[position - offset :]))
    return "".join(pieces)


def highlight(text: str, terms: list[str]) -> SafeString:
    """Return text escaped, with every match of the terms in <mark>."""
    return mark_safe(_marked(text, _match_spans(text, terms)))


def passage(text: str, terms: list[str], before: int = 40, after: int = 140) -> SafeString:
    """Return the stretch of text around its first match, marked, or its opening."""
    spans = _match_spans(text, terms)
    first = spans[0][0] if spans else 0
    start, end = max(0, first - before), min(len(text), first + after)
    if start > 0 and " " in text[start:first]:
        start = text.index(" ", start) + 1  # begin on a whole word
    if end < len(text) and " " in text[first:end]:
        end = text.rindex(" ", first, end)
    inside = [(s, e) for s, e in spans if s >= start and e <= end]
    marked = _marked(text[start:end], inside, offset=start)
    return mark_safe(("…" if start else "") + marked + ("…" if end < len(text) else ""))


def _window(translation: ReleaseTranslation) -> tuple[int, int]:
    # A Chinese character carries about as much as an English word.
    return (24, 90) if translation.language_code == CHINESE else (40, 160)


def excerpts(release: Release, terms: list[str]) -> list[Excerpt]:
    """Return each translation of a found release, interface language first, matches marked.

    `terms` are the query's, from query_terms(): worked out once for a whole page.
    """
    return [
        Excerpt(
            translation=translation,
            title=highlight(translation.title, terms),
            passage=passage(markup.plain_text(translation.body), terms, *_window(translation)),
        )
        for translation in release.translations_in_interface_order
    ]
