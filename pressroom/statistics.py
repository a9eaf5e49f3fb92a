"""The query planner's statistics and the full-text index, tidied again after a bulk write."""

from django.db import connections


def analyze(using: str = "default") -> str:
    """Have the database tidy what a bulk write left for its planner and its indexes.

    PostgreSQL gathers the planner's statistics of every table: without them it
    plans as for empty tables (a sequential scan where an index would answer)
    until autovacuum comes by, if it runs at all; a restored or freshly loaded
    database is in that state, and pg_restore's documentation advises running
    ANALYZE. SQLite is left to its own rules for plans: with statistics it
    would count the hidden releases a search leaves out by walking every public
    one instead of the few ranges of the status index (measured: a rare word's
    first search at 100,000 releases took twice as long). But its full-text
    indexes are merged: FTS5 writes each batch as segments of its own and looks
    a term up in every segment, so after 100,000 releases written in batches,
    looking releases up one by one in the index (a search's page of a common
    pair of words) took about fifteen times as long as in the merged index.
    Return what was done, for a command to say.
    """
    connection = connections[using]
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("ANALYZE")
            return "; tables analysed"
        if connection.vendor != "sqlite":
            return ""
        cursor.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND sql LIKE %s",
            ["CREATE VIRTUAL TABLE % USING fts5%"],
        )
        for (table,) in cursor.fetchall():
            cursor.execute(f'INSERT INTO "{table}"("{table}") VALUES (%s)', ["optimize"])
    return "; full-text index merged"
