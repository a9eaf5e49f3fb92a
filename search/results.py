"""Finding releases: which match a query, in what order, and how many there are.

Releases whose title holds every term come first, then those that match only
in their text; among equals the newest comes first. Sorting every match would
cost as much as there are matches, so each of the two groups is read on its
own, newest first, with a limit (a two-pass plan): a term found in almost
every release is met at once walking the release index in order, and a rare
term's few matches are gathered from the search index and sorted.

How many match is counted from the search index, up to
SEARCH_EXACT_COUNT_LIMIT; beyond that the page says "about" and gives an
estimate from the share of matches among the documents read so far. Without
filters, the hits are counted less the few hidden releases among them, so no
hit is looked up among the public releases; the counts are kept for the
content version (pagecache.counts).
"""

from dataclasses import dataclass
from functools import cached_property

from django.conf import settings
from django.db import connection
from django.db.models import BooleanField, IntegerField, Value
from django.db.models.expressions import RawSQL

from pagecache import counts
from pagecache.counts import Count, rounded
from releases.models import Release, ReleaseQuerySet, ReleaseTranslation
from releases.prefetch import with_their_translations
from search.models import SearchDocument
from search.terms import query_terms

TITLE, ANYWHERE = "title", "anywhere"
_RELEASE_ID = '"releases_release"."id"'
_TERMS = ("title_terms", "terms", "topic_terms")


def search_sample() -> int:
    # How many documents a count reads on PostgreSQL, in id order, before it may estimate
    # from their share: two words in one release in ten then cost 1,000 read, not 11,000.
    return getattr(settings, "SEARCH_SAMPLE", 1_000)


def exact_count_limit() -> int:
    # Reading a hit costs a look at its document; a thousand keep a first-time search at
    # 100,000 releases near its time at 100, and an estimate beyond is within a few per cent.
    return getattr(settings, "SEARCH_EXACT_COUNT_LIMIT", 1_000)


def _check_vendor() -> None:
    if connection.vendor not in ("sqlite", "postgresql"):
        raise NotImplementedError(
            f"Search supports SQLite and PostgreSQL, not {connection.vendor}."
        )


def _sqlite_match(terms: list[str], scope: str) -> str:
    columns = "title_terms" if scope == TITLE else "terms topic_terms"
    phrases = " ".join('"{}"'.format(term.replace('"', '""')) for term in terms)
    return f"{{{columns}}} : ({phrases})"


def _tsquery(terms: list[str]) -> tuple[str, list[str]]:
    return "plainto_tsquery('simple'::regconfig, %s)", [" ".join(terms)]


def _hits(terms: list[str], scope: str) -> tuple[str, list]:
    """SQL for the ids of the documents matching every term, in id order (the index's)."""
    if connection.vendor == "sqlite":
        return (
            "SELECT rowid AS id FROM releases_search WHERE releases_search MATCH %s",
            [_sqlite_match(terms, scope)],
        )
    tsquery, params = _tsquery(terms)
    # Stored, GIN-indexed tsvectors (migration 0006): nothing is computed per row.
    vector = "title_vector" if scope == TITLE else "vector"
    return (
        f"SELECT release_id AS id FROM releases_searchdocument WHERE {vector} @@ {tsquery}",
        params,
    )


def _probe(terms: list[str], scope: str) -> tuple[str, list]:
    """SQL true when the release of the outer row matches every term: one index look-up."""
    if connection.vendor == "sqlite":
        return (
            "EXISTS (SELECT 1 FROM releases_search WHERE releases_search MATCH %s "
            f"AND rowid = {_RELEASE_ID})",
            [_sqlite_match(terms, scope)],
        )
    tsquery, params = _tsquery(terms)
    vector = "title_vector" if scope == TITLE else "vector"
    return (
        "EXISTS (SELECT 1 FROM releases_searchdocument d "
        f"WHERE d.release_id = {_RELEASE_ID} AND d.{vector} @@ {tsquery})",
        params,
    )


def matching(releases: ReleaseQuerySet, query: str) -> ReleaseQuerySet:
    """Filter releases to those matching every term of the query, in title or text.

    For callers that order the set themselves (the API lists newest first, the
    admin sorts its list); the results page ranks with `Results`. A query with
    no terms matches nothing.
    """
    terms = query_terms(query)
    if not terms:
        return releases.none()
    _check_vendor()
    return releases.filter(pk__in=RawSQL(*_hits(terms, ANYWHERE)))


def _sql(releases: ReleaseQuerySet, params: list, *fields: str) -> str:
    """Return the SQL of the releases' ids (or `fields`), adding its parameters to `params`."""
    sql, own = releases.values(*(fields or ("pk",))).query.sql_with_params()
    params += own
    return sql


@dataclass(frozen=True)
class _Group:
    """What the count read of one group's index hits (at most the exact-count limit + 1)."""

    hits: int
    last_hit: int | None
    found: int  # of those hits, how many are among the releases searched
    hidden: int | None  # how many hidden releases match in all, when they were counted
    sampled_to: int | None = None  # when only a sample was read: the last document's id

    @property
    def complete(self) -> bool:
        return self.hits <= exact_count_limit() and self.sampled_to is None

    @property
    def read_to(self) -> int:
        return self.sampled_to or self.last_hit


@dataclass(frozen=True)
class Found:
    """A release on a results page, with the plain text its passages are cut from."""

    release: Release
    passages: dict[str, str]


class Results:
    """The releases matching a query, best first, read a page at a time (by a Paginator)."""

    def __init__(
        self,
        releases: ReleaseQuerySet,
        terms: list[str],
        hidden: ReleaseQuerySet | None = None,
        remember_as: dict | None = None,
    ) -> None:
        """Search `releases` for the terms.

        `hidden`, when given, is every release that `releases` leaves out (all of
        them are indexed): when it is few, as `Release.objects.hidden()` is beside
        public(), the hits are counted in the search index alone, less those
        hidden, instead of looking each hit up among the releases searched.
        `remember_as`, when given, names the releases searched (the archive's
        filters): the counts are then kept for the content version, so the next
        page of the same search, or the same search by another reader, counts
        nothing again.
        """
        _check_vendor()
        self.releases = releases.order_by()
        self.terms = terms
        self.hidden = hidden
        self.remember_as = remember_as

    @cached_property
    def _groups(self) -> tuple[_Group, _Group, int, int]:
        if self.remember_as is None:
            return self._count_groups()
        return counts.remembered(
            "search", {"terms": self.terms, **self.remember_as}, self._count_groups
        )

    def _first_hits(self, scope: str, params: list) -> tuple[list[str], str, list]:
        """Return the CTEs of a group's first hits, and SQL for where its sample ended.

        On SQLite FTS5 reads each term's list of documents, not the documents, so
        the first limit + 1 hits cost little however far apart they lie. On
        PostgreSQL a document's text is a tsvector read from TOAST, so the hits
        are read from a sample first, the index's first SEARCH_SAMPLE
        documents in id order (`walk`, read once for both groups): when it holds
        too many hits for the whole index to hold under twice the limit, the
        sample's share gives the estimate; otherwise the hits are few, and they
        are counted exactly up to the limit from the whole index (through its
        GIN index). Both ways are written in the statement; the one not taken is
        never run.
        """
        limit = exact_count_limit()
        hits_sql, hits_params = _hits(self.terms, scope)
        if connection.vendor == "sqlite":
            params += [*hits_params, limit + 1]
            return (
                [f"{scope}_hits AS (SELECT id FROM ({hits_sql} ORDER BY id LIMIT %s) h)"],
                "NULL",
                [],
            )
        enough = f"(SELECT enough FROM {scope}_sampled)"
        params += [limit + 1, limit, 2 * limit, *hits_params, limit + 1]
        ctes = [
            f"{scope}_sample AS (SELECT id FROM walk "
            f"{'WHERE in_title ' if scope == TITLE else ''}ORDER BY id LIMIT %s)",
            # Counted once, and the way chosen once.
            f"{scope}_sampled AS (SELECT sampled, sampled > %s OR sampled * (high - low + 1) "
            "> %s * (bound - low + 1) AS enough "
            f"FROM (SELECT count(*) AS sampled FROM {scope}_sample) s, span, sample)",
            f"{scope}_hits AS (SELECT id FROM {scope}_sample WHERE {enough} "
            f"UNION ALL SELECT id FROM (SELECT id FROM ({hits_sql}) h ORDER BY id LIMIT %s) e "
            f"WHERE NOT {enough})",
        ]
        sampled_to = (
            "(SELECT CASE WHEN sampled <= %s AND enough THEN bound END "
            f"FROM {scope}_sampled, sample)"
        )
        return ctes, sampled_to, [limit]

    def _walk(self, params: list) -> list[str]:
        """Return the CTEs of PostgreSQL's sample: its bound, and its hits read in one walk.

        A title hit is a hit anywhere (a document's terms hold its titles'), so
        one walk of the sample finds both groups' hits. It tests the title
        first: a document's title is stored in its row, its text out of line
        (TOAST), so where the title matches, as a common word's often does, the
        text is not read at all. Ordered and limited as the sample is, so the
        planner sees how few it reads: for a common term it walks the ids, for a
        rare one it gathers them through the GIN indexes.
        """
        tsquery, tsquery_params = _tsquery(self.terms)
        params += [search_sample() - 1, *tsquery_params * 3, search_sample()]
        return [
            "sample AS (SELECT coalesce((SELECT release_id FROM releases_searchdocument "
            "ORDER BY release_id LIMIT 1 OFFSET %s), (SELECT high FROM span)) AS bound)",
            f"walk AS MATERIALIZED (SELECT release_id AS id, title_vector @@ {tsquery} "
            "AS in_title FROM releases_searchdocument "
            "WHERE release_id <= (SELECT bound FROM sample) "
            f"AND (title_vector @@ {tsquery} OR vector @@ {tsquery}) "
            "ORDER BY release_id LIMIT %s)",
        ]

    def _count_groups(self) -> tuple[_Group, _Group, int, int]:
        """Count both groups' hits and how many of them are searched: one statement."""
        if not self.terms:  # a query of punctuation alone matches nothing
            return _Group(0, None, 0, None), _Group(0, None, 0, None), 0, 0
        ctes = [
            # Each its own subquery: SQLite reads a lone min() or max() from the index's end.
            "span AS (SELECT (SELECT min(release_id) FROM releases_searchdocument) AS low, "
            "(SELECT max(release_id) FROM releases_searchdocument) AS high)"
        ]
        params: list = []
        if connection.vendor == "postgresql":
            ctes += self._walk(params)
        sampled_to = {}
        for scope in (TITLE, ANYWHERE):
            scope_ctes, *sampled_to[scope] = self._first_hits(scope, params)
            ctes += scope_ctes
            # Counted once: each count of a CTE's rows reads them all again.
            ctes.append(
                f"{scope}_read AS (SELECT count(*) AS hits, max(id) AS last FROM {scope}_hits)"
            )
        if self.hidden is not None:
            # Each hidden release is looked up in the index for both groups: there are few of
            # them, however many releases are public.
            probes = {
                f"in_{scope}": RawSQL(*_probe(self.terms, scope), output_field=BooleanField())
                for scope in (TITLE, ANYWHERE)
            }
            hidden = self.hidden.order_by().annotate(**probes)
            ctes.append(f"hidden AS ({_sql(hidden, params, 'pk', *probes)})")
        selects = []
        for scope in (TITLE, ANYWHERE):
            selects += [f"(SELECT hits FROM {scope}_read)", f"(SELECT last FROM {scope}_read)"]
            if self.hidden is None:
                among = self.releases.filter(pk__in=RawSQL(f"SELECT id FROM {scope}_hits", []))
                selects += [f"(SELECT count(*) FROM ({_sql(among, params)}) a)", "NULL"]
            else:
                # The hits less the hidden releases among them, and the hidden that match.
                selects += [
                    f"(SELECT hits FROM {scope}_read) - (SELECT count(*) FROM hidden "
                    f"WHERE in_{scope} AND pk <= (SELECT last FROM {scope}_read))",
                    f"(SELECT count(*) FROM hidden WHERE in_{scope})",
                ]
            sql, sql_params = sampled_to[scope]
            selects.append(sql)
            params += sql_params
        selects += ["(SELECT low FROM span)", "(SELECT high FROM span)"]
        sql = f"WITH {', '.join(ctes)} SELECT {', '.join(selects)}"
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            row = cursor.fetchone()
        return _Group(*row[0:5]), _Group(*row[5:10]), row[10] or 0, row[11] or 0

    def _estimate(self, group: _Group) -> int:
        """Extrapolate the share of matches among the documents read to all of them."""
        _title, _anywhere, first_id, last_id = self._groups
        share = (last_id - first_id + 1) / (group.read_to - first_id + 1)
        if group.hidden is None:
            return round(group.found * share)
        # Every hit is searched but the hidden ones, and those were counted exactly.
        return round(group.hits * share) - group.hidden

    def _exact(self, scope: str) -> int:
        sql, params = _hits(self.terms, scope)
        return self.releases.filter(pk__in=RawSQL(sql, params)).count()

    @cached_property
    def counted(self) -> Count:
        anywhere = self._groups[1]
        if anywhere.complete:
            return Count(anywhere.found, estimated=False)
        estimate = self._estimate(anywhere)
        if estimate <= exact_count_limit():
            # Filters kept few of many hits: few enough to count them exactly.
            return Count(self._exact(ANYWHERE), estimated=False)
        return Count(rounded(estimate), estimated=True)

    def count(self) -> int:
        return self.counted.number

    def _matching(self, scope: str, group: _Group, window_end: int) -> tuple[str, list]:
        """SQL for `scope` matching: walk and probe where hits are dense, else gather them."""
        dense = not group.complete and window_end <= group.found
        if dense or connection.vendor == "postgresql":
            # PostgreSQL's planner weighs the same choice itself, from the tsvectors' statistics.
            return _probe(self.terms, scope)
        sql, params = _hits(self.terms, scope)
        return f"{_RELEASE_ID} IN ({sql})", params

    def _pass(
        self, rank: int, conditions: list[tuple[str, list]], start: int, stop: int
    ) -> tuple[str, list]:
        releases = self.releases
        for sql, params in conditions:
            releases = releases.filter(RawSQL(sql, params, output_field=BooleanField()))
        window = (
            releases.annotate(rank=Value(rank, output_field=IntegerField()))
            .order_by("-publish_at", "-pk")
            .values_list("rank", "publish_at", "pk")[start:stop]
        )
        return window.query.sql_with_params()

    def __getitem__(self, window: slice) -> list[Found]:
        start, stop = window.start or 0, window.stop
        if not self.count():
            return []
        title, anywhere, _first, _last = self._groups
        # Enough title matches are known to be there, or they are counted exactly.
        in_titles = title.found if title.complete or stop <= title.found else self._exact(TITLE)
        passes = []
        if start < in_titles:
            condition = self._matching(TITLE, title, stop)
            passes.append(self._pass(0, [condition], start, stop))
        if stop > in_titles:
            sql, params = self._matching(TITLE, title, stop)
            passes.append(
                self._pass(
                    1,
                    [self._matching(ANYWHERE, anywhere, stop), (f"NOT ({sql})", params)],
                    max(0, start - in_titles),
                    stop - in_titles,
                )
            )
        # Both passes in one statement; SQLite takes LIMIT in a compound only inside a subquery.
        union = " UNION ALL ".join(
            f"SELECT * FROM ({sql}) AS pass{n}" for n, (sql, _) in enumerate(passes)
        )
        with connection.cursor() as cursor:
            cursor.execute(
                # Each pass's columns: its rank, publish_at and id.
                f"SELECT * FROM ({union}) AS found ORDER BY 1, 2 DESC, 3 DESC",
                [param for _sql, params in passes for param in params],
            )
            ids = [pk for _rank, _publish_at, pk in cursor.fetchall()]
        translations = (
            ReleaseTranslation.objects.filter(master_id__in=ids)
            .select_related("master__search_document")
            .defer(*(f"master__search_document__{name}" for name in _TERMS))
        )
        releases = {release.pk: release for release in with_their_translations(translations)}
        return [
            Found(releases[pk], _passages(releases[pk]))
            for pk in ids
            if pk in releases  # a release with no translation has nothing to show
        ]


def _passages(release: Release) -> dict[str, str]:
    try:
        return release.search_document.passages
    except SearchDocument.DoesNotExist:
        return {}
