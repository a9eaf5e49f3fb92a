"""Fetch translated records together with their translations, in one query.

`prefetch_related("images__translations")` costs two queries for each
relation, and a release page shows four translated relations. Reading the
translation rows joined to their record gives both at once; the records are
then cached exactly where `prefetch_related` would put them, so parler and
the templates read them without another query.
"""

from collections.abc import Iterable

from django.db import models


def cache_prefetched(instance: models.Model, relation: str, rows: Iterable) -> None:
    """Store `rows` as the prefetched result of `instance.<relation>.all()`.

    Mirrors what Django's prefetch_related_objects() stores, so every reader of
    the relation (templates, parler's translation lookup) takes it from there.
    """
    queryset = getattr(instance, relation).get_queryset()
    queryset._result_cache = list(rows)
    queryset._prefetch_done = True
    if not hasattr(instance, "_prefetched_objects_cache"):
        instance._prefetched_objects_cache = {}
    instance._prefetched_objects_cache[relation] = queryset


def with_their_translations(translations: models.QuerySet, *ordering: str) -> list:
    """Return the records these translation rows belong to, each holding its translations.

    `ordering` orders the records by their own fields (e.g. "position"); a
    record with no translation row is not returned, as every translated
    record here has at least one.
    """
    records: dict[int, models.Model] = {}
    rows: dict[int, list] = {}
    fields = [
        f"-master__{name[1:]}" if name.startswith("-") else f"master__{name}" for name in ordering
    ]
    for row in translations.select_related("master").order_by(
        *fields, "master_id", "language_code"
    ):
        record = records.setdefault(row.master_id, row.master)
        row.master = record
        rows.setdefault(record.pk, []).append(row)
    for record in records.values():
        cache_prefetched(record, "translations", rows[record.pk])
    return list(records.values())
