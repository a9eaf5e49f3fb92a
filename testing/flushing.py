"""After a transactional test, delete the rows it wrote instead of emptying every table.

Django's TransactionTestCase ends each test with `flush`: every table emptied (a TRUNCATE of
each on PostgreSQL, most of a second), then post_migrate, which makes the content types and
permissions again; the groups the data migrations seeded stay gone until a test makes them.
Here a test's end deletes the rows of the tables it wrote and leaves the seeded ones (content
types, permissions, groups, the glossary) as the migrations left them, so the next test starts
from the same state a flush and a reseed would give it. When a test changed a seeded table, or
the deletes break a foreign key, the test ends with Django's own flush, and the seeds are made
again as the migrations make them.
"""

import hashlib

from django.db import IntegrityError, connections, transaction
from django.test import TransactionTestCase

from testing.factories import seed_groups

_flush_every_table = TransactionTestCase._fixture_teardown
_fixture_setup = TransactionTestCase._fixture_setup.__func__
# For each database: the tables holding rows when no test has written, and their rows' digest.
_seeded: dict[str, dict[str, str]] = {}


def _tables(connection) -> list[str]:
    return connection.introspection.django_table_names(only_existing=True, include_views=False)


def _with_rows(connection, tables: list[str]) -> list[str]:
    """The tables that hold a row, asked in one query."""
    quote = connection.ops.quote_name
    question = " UNION ALL ".join(
        f"SELECT {index} WHERE EXISTS (SELECT 1 FROM {quote(table)})"
        for index, table in enumerate(tables)
    )
    with connection.cursor() as cursor:
        cursor.execute(question)
        return [tables[index] for (index,) in cursor.fetchall()]


def _digests(connection, tables: list[str]) -> dict[str, str]:
    digests = {}
    with connection.cursor() as cursor:
        for table in tables:
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")
            rows = sorted(repr(row) for row in cursor.fetchall())
            digests[table] = hashlib.sha256("\n".join(rows).encode()).hexdigest()
    return digests


def _delete_what_was_written(connection, seeded: dict[str, str]) -> bool:
    """Delete every row outside the seeded tables; False when that cannot restore the seeds."""
    if _digests(connection, list(seeded)) != seeded:
        return False
    written = [
        table for table in _with_rows(connection, _tables(connection)) if table not in seeded
    ]
    try:
        # Foreign keys are checked when the block commits, so the order of the deletes is free;
        # a seeded row pointing at a deleted one fails the commit and undoes them all.
        with transaction.atomic(using=connection.alias), connection.cursor() as cursor:
            for table in written:
                cursor.execute(f"DELETE FROM {connection.ops.quote_name(table)}")
    except IntegrityError:
        return False
    return True


def fixture_setup(cls) -> None:
    _fixture_setup(cls)
    for alias in cls._databases_names(include_mirrors=False):
        if alias not in _seeded:
            connection = connections[alias]
            _seeded[alias] = _digests(connection, _with_rows(connection, _tables(connection)))


def fixture_teardown(self) -> None:
    aliases = self._databases_names(include_mirrors=False)
    if (
        self.available_apps is None
        and not self.serialized_rollback
        and all(
            alias in _seeded and _delete_what_was_written(connections[alias], _seeded[alias])
            for alias in aliases
        )
    ):
        return
    _flush_every_table(self)
    seed_groups()
    for alias in aliases:
        _seeded.pop(alias, None)


def install() -> None:
    TransactionTestCase._fixture_setup = classmethod(fixture_setup)
    TransactionTestCase._fixture_teardown = fixture_teardown
