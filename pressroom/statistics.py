"""The query planner's statistics, gathered again after a bulk write."""

from django.db import connections


def analyze(using: str = "default") -> None:
    """Gather the planner's statistics of every table, after a command wrote thousands of rows.

    Without them PostgreSQL plans as for empty tables (a sequential scan where an
    index would answer) until autovacuum comes by, if it runs at all; a restored
    or freshly loaded database is in that state, and pg_restore's documentation
    advises running ANALYZE. SQLite's planner reads the same from sqlite_stat1.
    """
    with connections[using].cursor() as cursor:
        cursor.execute("ANALYZE")
