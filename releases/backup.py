"""Write everything a site would miss after a move to one zip archive, and restore it.

What travels is declared by each app in its own `archive` module (see
releases.backup_parts): the releases with their versions, review links and
their comments, subscribers and everything email alerts recorded, and any
model added to those apps later. Records keep their primary keys (release
URLs contain them, versions name them as text, digests list them) and are
written in dependency order. References to tables that stay behind travel by
natural key: a content type by app and model name, a user by user name, and
a user this site does not have is cleared on restore, each field counted.
Every file a file field names is copied under that name, whatever the name.
"""

import io
import json
import shutil
import zipfile
from dataclasses import dataclass, field
from datetime import datetime, time
from itertools import islice
from pathlib import PurePosixPath

from django.apps import apps
from django.core import serializers
from django.core.exceptions import ObjectDoesNotExist
from django.core.files import File
from django.core.management.color import no_style
from django.core.serializers.base import DeserializedObject, deserialize_fk_value
from django.core.serializers.json import DjangoJSONEncoder
from django.db import connections, models, router, transaction
from django.utils import timezone

from releases import events
from releases.backup_parts import (
    ArchiveError,
    Restore,
    file_fields,
    named_left_out,
    parts,
    tables,
    through_tables,
)
from releases.models import Release

__all__ = [
    "ArchiveError",
    "Summary",
    "export_archive",
    "import_archive",
    "report",
]

FORMAT = 2
# Format 1 held the releases app alone; it reads as a smaller format 2.
READABLE = {1, 2}
MANIFEST = "manifest.json"
DATA = "data.json"
BATCH = 2000
FILES = "files"
# Archives written before search became an app of its own carry the index; it is rebuilt.
DERIVED = {"releases.SearchDocument", "releases.searchdocument"}


@dataclass
class Summary:
    # Rows written or read, by table (a model's label, or its many-to-many table's).
    records: dict[str, int] = field(default_factory=dict)
    # Files written to the archive, or read from it.
    files: int = 0
    # Files an import put in storage (one already there with the same bytes is left alone).
    files_written: int = 0
    # References to users this site does not have, cleared, by field.
    cleared: dict[str, int] = field(default_factory=dict)
    # Tables left out on purpose, with the reason.
    left_out: dict[str, str] = field(default_factory=dict)
    # What the apps did once the rows were in (alerts' pending work queued again).
    notes: list[str] = field(default_factory=list)

    @property
    def cleared_references(self) -> int:
        return sum(self.cleared.values())


def report(summary: Summary) -> list[str]:
    """What the commands print: each table with its rows, then what was left out and why."""
    lines = [
        f"  {label} ({apps.get_model(label)._meta.db_table}): {count}"
        for label, count in summary.records.items()
    ]
    lines.append(f"  files: {summary.files}")
    reasons: dict[str, list[str]] = {}
    for label, reason in sorted(summary.left_out.items()):
        reasons.setdefault(reason, []).append(label)
    lines.append("Left out on purpose:")
    lines += [f"  {', '.join(labels)}: {reason}." for reason, labels in reasons.items()]
    return lines


def archive_folder(model: type[models.Model], file_field: models.FileField) -> str:
    # Each field has its own storage, so its files get their own folder.
    return f"{FILES}/{model._meta.label_lower}.{file_field.name}"


class ExactJSONEncoder(DjangoJSONEncoder):
    """Times to the microsecond: Django's encoder cuts them to the millisecond, and a
    move must change no consent time, nor make two saves' times equal."""

    def default(self, o: object) -> object:
        if isinstance(o, datetime | time):
            return o.isoformat()
        return super().default(o)


def _write_records(stream: io.TextIOBase, kept: list[type[models.Model]]) -> None:
    """Write every record as one JSON list, a batch of rows in memory at a time."""
    stream.write("[")
    separator = "\n"
    for model in kept:
        rows = model._base_manager.order_by("pk").iterator(chunk_size=BATCH)
        while batch := list(islice(rows, BATCH)):
            for record in serializers.serialize("python", batch, use_natural_foreign_keys=True):
                stream.write(separator + json.dumps(record, cls=ExactJSONEncoder))
                separator = ",\n"
    stream.write("\n]\n")


def export_archive(path: str) -> Summary:
    """Write every kept record and its files to a zip archive at `path`."""
    plan = parts()
    summary = Summary(left_out=plan.left_out)
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        with archive.open(DATA, "w") as data:
            stream = io.TextIOWrapper(data, encoding="utf-8")
            _write_records(stream, plan.models)
            stream.flush()
            stream.detach()
        for table in tables(plan.models):
            summary.records[table._meta.label] = table._base_manager.count()
        for model in plan.models:
            for file_field in file_fields(model):
                summary.files += _copy_files(archive, model, file_field)
        manifest = {
            "format": FORMAT,
            "records": summary.records,
            "files": summary.files,
            "left_out": sorted(plan.left_out),
            "written_at": timezone.now().isoformat(),
            "natural_keys": {
                model._meta.label: {
                    str(row.pk): list(row.natural_key()) for row in model._base_manager.iterator()
                }
                for model in named_left_out(plan.models)
            },
        }
        archive.writestr(MANIFEST, json.dumps(manifest, indent=1, ensure_ascii=False))
    return summary


def _copy_files(
    archive: zipfile.ZipFile, model: type[models.Model], file_field: models.FileField
) -> int:
    names = (
        model._base_manager.exclude(**{file_field.attname: ""})
        .values_list(file_field.attname, flat=True)
        .distinct()
    )
    copied = 0
    for name in names.iterator():
        arcname = f"{archive_folder(model, file_field)}/{name}"
        with file_field.storage.open(name, "rb") as source, archive.open(arcname, "w") as target:
            shutil.copyfileobj(source, target)
        copied += 1
    return copied


def _read_manifest(archive: zipfile.ZipFile, kept: list[type[models.Model]]) -> dict:
    try:
        manifest = json.loads(archive.read(MANIFEST))
    except (KeyError, ValueError) as error:
        raise ArchiveError(
            "This is not a Pressroom archive: it has no readable manifest."
        ) from error
    if manifest.get("format") not in READABLE:
        raise ArchiveError(
            f"This archive's format {manifest.get('format')!r} is not one of {sorted(READABLE)}."
        )
    known = {table._meta.label for table in tables(kept)}
    unknown = sorted(set(manifest["records"]) - known - DERIVED)
    if unknown:
        raise ArchiveError(f"This archive holds records this site has no model for: {unknown}.")
    return manifest


def _refuse_foreign_content(objects: list, kept: list[type[models.Model]]) -> None:
    """Refuse a database holding records that the archive does not have (not a restore)."""
    in_archive: dict[type[models.Model], set] = {}
    for deserialized in objects:
        in_archive.setdefault(type(deserialized.object), set()).add(deserialized.object.pk)
    for model in kept:
        here = set(model._base_manager.values_list("pk", flat=True).iterator())
        if here - in_archive.get(model, set()):
            raise ArchiveError(
                f"The database already holds {model._meta.label} records that are not "
                "in this archive; restore into an empty database."
            )


def _restore_files(archive: zipfile.ZipFile, kept: list[type[models.Model]]) -> tuple[int, int]:
    """Copy the archive's files into each field's storage, keeping their names.

    Return how many files the archive holds, and how many were written.
    """
    folders = {
        archive_folder(model, file_field): file_field.storage
        for model in kept
        for file_field in file_fields(model)
    }
    read = restored = 0
    for info in archive.infolist():
        if info.is_dir() or not info.filename.startswith(f"{FILES}/"):
            continue
        read += 1
        folder, _, name = info.filename[len(FILES) + 1 :].partition("/")
        storage = folders.get(f"{FILES}/{folder}")
        if storage is None:
            raise ArchiveError(f"This archive holds files for an unknown field: {folder}.")
        if PurePosixPath(name).is_absolute() or ".." in PurePosixPath(name).parts:
            raise ArchiveError(f"This archive holds a file with an unsafe name: {name}.")
        with archive.open(info) as source:
            content = source.read()
        if storage.exists(name):
            with storage.open(name, "rb") as existing:
                if existing.read() == content:
                    continue
            storage.delete(name)
        saved = storage.save(name, File(io.BytesIO(content), name=name))
        if saved != name:
            raise ArchiveError(f"The storage renamed {name} to {saved}; nothing refers to it.")
        restored += 1
    return read, restored


def _reset_sequences(all_models: list[type[models.Model]]) -> None:
    # Rows came in with their own keys: the next new row must not reuse one (PostgreSQL).
    for alias in {router.db_for_write(model) for model in all_models}:
        connection = connections[alias]
        statements = connection.ops.sequence_reset_sql(no_style(), all_models)
        if statements:
            with connection.cursor() as cursor:
                for sql in statements:
                    cursor.execute(sql)


def import_archive(path: str) -> Summary:
    """Restore an archive into a database holding none of its tables' rows, or the same ones.

    Running it again changes nothing: records are written by primary key and
    files already in storage with the same bytes are left alone.
    """
    plan = parts()
    summary = Summary(left_out=plan.left_out)
    try:
        archive = zipfile.ZipFile(path)
    except (OSError, zipfile.BadZipFile) as error:
        raise ArchiveError(f"Cannot read {path} as a zip archive: {error}") from error
    with archive:
        manifest = _read_manifest(archive, plan.models)
        # Format 1 did not say when it was written: work due from now on is queued again.
        written_at = manifest.get("written_at")
        restore = Restore(
            written_at=datetime.fromisoformat(written_at) if written_at else timezone.now(),
            natural_keys=manifest.get("natural_keys", {}),
        )
        with transaction.atomic():
            records = [
                record
                for record in json.loads(archive.read(DATA))
                if record["model"] not in DERIVED
            ]
            objects = list(
                serializers.deserialize("python", records, handle_forward_references=True)
            )
            _refuse_foreign_content(objects, plan.models)
            # Many-to-many rows are written in bulk after the records: saving them with
            # each record would re-index a release once for each of its relations.
            relations = [(d.object, d.m2m_data or {}) for d in objects]
            for deserialized in objects:
                deserialized.save(save_m2m=False)
            summary.records = _count_read(objects, plan.models) | _write_relations(relations)
            for deserialized in objects:
                if deserialized.deferred_fields:
                    _resolve_or_clear(deserialized, summary.cleared)
            _reset_sequences(plan.models)
            summary.files, summary.files_written = _restore_files(archive, plan.models)
            # Rows were written raw, as they are: what derives from them (the search
            # index, cached pages) learns of them from this event.
            release_ids = [d.object.pk for d in objects if isinstance(d.object, Release)]
            events.loaded(release_ids)
            for restored in plan.hooks:
                summary.notes += restored(restore)
    return summary


def _count_read(objects: list, kept: list[type[models.Model]]) -> dict[str, int]:
    counts = {table._meta.label: 0 for table in tables(kept)}
    for deserialized in objects:
        counts[deserialized.object._meta.label] += 1
    return counts


def _write_relations(relations: list[tuple[models.Model, dict[str, list]]]) -> dict[str, int]:
    """Write every many-to-many row of the archive, one bulk insert per relation.

    Return how many rows each many-to-many table received.
    """
    rows: dict[type[models.Model], list[models.Model]] = {}
    for instance, m2m_data in relations:
        for through in through_tables(type(instance)):
            rows.setdefault(through, [])
        for name, targets in m2m_data.items():
            field = instance._meta.get_field(name)
            through = field.remote_field.through
            source, target = field.m2m_field_name(), field.m2m_reverse_field_name()
            through.objects.filter(**{source: instance.pk}).delete()
            rows.setdefault(through, []).extend(
                through(**{f"{source}_id": instance.pk, f"{target}_id": pk}) for pk in targets
            )
    for through, links in rows.items():
        through.objects.bulk_create(links)
    return {through._meta.label: len(links) for through, links in rows.items()}


def _resolve_or_clear(deserialized: DeserializedObject, cleared: dict[str, int]) -> None:
    """Point references to records left out (users) at the ones here, or clear them.

    Count, by field, the references cleared because their target is missing here.
    """
    instance = deserialized.object
    for deferred_field, value in deserialized.deferred_fields.items():
        if deferred_field.many_to_many:
            raise ArchiveError(f"{deferred_field} refers to records this site does not have.")
        try:
            target = deserialize_fk_value(
                deferred_field, value, instance._state.db, handle_forward_references=False
            )
        except ObjectDoesNotExist:
            if not deferred_field.null:
                raise ArchiveError(
                    f"{instance._meta.label} {instance.pk} refers to a "
                    f"{deferred_field.related_model._meta.label} this site does not have."
                ) from None
            target = None
            where = f"{instance._meta.label}.{deferred_field.name}"
            cleared[where] = cleared.get(where, 0) + 1
        setattr(instance, deferred_field.attname, target)
    instance.save_base(raw=True)
