"""What the query planner knows of a table's size, read back as each database keeps it."""

from django.db import connection


def planner_rows(table: str) -> int | None:
    """Return the rows the planner's statistics count in `table`, or None if never gathered."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT reltuples FROM pg_class WHERE relname = %s", [table])
            [(rows,)] = cursor.fetchall()
            # -1: never analysed (PostgreSQL 14 and later).
            return None if rows < 0 else int(rows)
        cursor.execute("SELECT name FROM sqlite_master WHERE name = 'sqlite_stat1'")
        if not cursor.fetchall():
            return None
        cursor.execute("SELECT stat FROM sqlite_stat1 WHERE tbl = %s", [table])
        found = cursor.fetchall()
        return int(found[0][0].split()[0]) if found else None
