"""Write every record of the releases app, with its files, to one zip archive, and restore it.

Generic on purpose: every model of the app and every file field of each is
found at run time, so a model added to the app is backed up with no change
here. Records keep their primary keys (release URLs contain them) and are
written in dependency order; references to models outside the app (the user
who created a release) travel by natural key, and are cleared on restore
when that user does not exist there.
"""

import io
import json
import shutil
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import PurePosixPath

from django.apps import apps
from django.core import serializers
from django.core.exceptions import ObjectDoesNotExist
from django.core.files import File
from django.core.management.color import no_style
from django.core.serializers.base import DeserializedObject, deserialize_fk_value
from django.db import connections, models, router, transaction

from releases import events
from releases.models import Release

APP_LABEL = "releases"
FORMAT = 1
MANIFEST = "manifest.json"
DATA = "data.json"
FILES = "files"
# Archives written before search became an app of its own carry the index; it is rebuilt.
DERIVED = {"releases.SearchDocument", "releases.searchdocument"}


class ArchiveError(Exception):
    """The archive cannot be restored here; the message says why."""


@dataclass
class Summary:
    records: dict[str, int] = field(default_factory=dict)
    files: int = 0
    cleared_references: int = 0


def app_models() -> list[type[models.Model]]:
    """Return the app's models, each after the models of the app it refers to.

    serializers.sort_dependencies() orders only by relations to models with
    natural keys, which these have not, so the order is worked out here.
    """
    app_models = list(apps.get_app_config(APP_LABEL).get_models())
    ordered: list[type[models.Model]] = []

    def place(model: type[models.Model], trail: tuple) -> None:
        if model in ordered or model in trail:
            return
        for relation in [*model._meta.concrete_fields, *model._meta.many_to_many]:
            if relation.is_relation and relation.related_model in app_models:
                place(relation.related_model, (*trail, model))
        ordered.append(model)

    for model in app_models:
        place(model, ())
    return ordered


def file_fields(model: type[models.Model]) -> list[models.FileField]:
    return [f for f in model._meta.concrete_fields if isinstance(f, models.FileField)]


def archive_folder(model: type[models.Model], file_field: models.FileField) -> str:
    # Each field has its own storage, so its files get their own folder.
    return f"{FILES}/{model._meta.label_lower}.{file_field.name}"


def _records(all_models: list[type[models.Model]]) -> Iterator[models.Model]:
    for model in all_models:
        yield from model._base_manager.order_by("pk").iterator()


def export_archive(path: str) -> Summary:
    """Write the app's records and their files to a zip archive at `path`."""
    all_models = app_models()
    summary = Summary()
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        with archive.open(DATA, "w") as data:
            stream = io.TextIOWrapper(data, encoding="utf-8")
            serializers.serialize(
                "json",
                _records(all_models),
                stream=stream,
                use_natural_foreign_keys=True,
                indent=1,
            )
            stream.flush()
            stream.detach()
        for model in all_models:
            summary.records[model._meta.label] = model._base_manager.count()
            for file_field in file_fields(model):
                names = (
                    model._base_manager.exclude(**{file_field.attname: ""})
                    .values_list(file_field.attname, flat=True)
                    .distinct()
                )
                for name in names.iterator():
                    arcname = f"{archive_folder(model, file_field)}/{name}"
                    with (
                        file_field.storage.open(name, "rb") as source,
                        archive.open(arcname, "w") as target,
                    ):
                        shutil.copyfileobj(source, target)
                    summary.files += 1
        manifest = {"format": FORMAT, "records": summary.records, "files": summary.files}
        archive.writestr(MANIFEST, json.dumps(manifest, indent=1, ensure_ascii=False))
    return summary


def _read_manifest(archive: zipfile.ZipFile) -> dict:
    try:
        manifest = json.loads(archive.read(MANIFEST))
    except (KeyError, ValueError) as error:
        raise ArchiveError(
            "This is not a Pressroom archive: it has no readable manifest."
        ) from error
    if manifest.get("format") != FORMAT:
        raise ArchiveError(f"This archive's format {manifest.get('format')!r} is not {FORMAT}.")
    known = {model._meta.label for model in app_models()}
    unknown = sorted(set(manifest["records"]) - known - DERIVED)
    if unknown:
        raise ArchiveError(f"This archive holds records this site has no model for: {unknown}.")
    return manifest


def _refuse_foreign_content(objects: list) -> None:
    """Refuse a database holding records that the archive does not have (not a restore)."""
    in_archive: dict[type[models.Model], set] = {}
    for deserialized in objects:
        in_archive.setdefault(type(deserialized.object), set()).add(deserialized.object.pk)
    for model in app_models():
        here = set(model._base_manager.values_list("pk", flat=True).iterator())
        if here - in_archive.get(model, set()):
            raise ArchiveError(
                f"The database already holds {model._meta.label} records that are not "
                "in this archive; restore into an empty database."
            )


def _restore_files(archive: zipfile.ZipFile) -> int:
    """Copy the archive's files into each field's storage, keeping their names."""
    folders = {
        archive_folder(model, file_field): file_field.storage
        for model in app_models()
        for file_field in file_fields(model)
    }
    restored = 0
    for info in archive.infolist():
        if info.is_dir() or not info.filename.startswith(f"{FILES}/"):
            continue
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
    return restored


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
    """Restore an archive into a database holding none of the app's records, or the same ones.

    Running it again changes nothing: records are written by primary key and
    files already in storage with the same bytes are left alone.
    """
    summary = Summary()
    try:
        archive = zipfile.ZipFile(path)
    except (OSError, zipfile.BadZipFile) as error:
        raise ArchiveError(f"Cannot read {path} as a zip archive: {error}") from error
    with archive:
        manifest = _read_manifest(archive)
        with transaction.atomic():
            records = [
                record
                for record in json.loads(archive.read(DATA))
                if record["model"] not in DERIVED
            ]
            objects = list(
                serializers.deserialize("python", records, handle_forward_references=True)
            )
            _refuse_foreign_content(objects)
            # Many-to-many rows are written in bulk after the records: saving them with
            # each record would re-index a release once for each of its relations.
            relations = [(d.object, d.m2m_data or {}) for d in objects]
            for deserialized in objects:
                deserialized.save(save_m2m=False)
            _write_relations(relations)
            for deserialized in objects:
                if deserialized.deferred_fields:
                    summary.cleared_references += _resolve_or_clear(deserialized)
            _reset_sequences(app_models())
            summary.files = _restore_files(archive)
            # Rows were written raw, as they are: what derives from them (the search
            # index, cached pages) learns of them from this event.
            release_ids = [d.object.pk for d in objects if isinstance(d.object, Release)]
            events.loaded(release_ids)
    summary.records = {
        label: count for label, count in manifest["records"].items() if label not in DERIVED
    }
    return summary


def _write_relations(relations: list[tuple[models.Model, dict[str, list]]]) -> None:
    """Write every many-to-many row of the archive, one bulk insert per relation."""
    rows: dict[type[models.Model], list[models.Model]] = {}
    for instance, m2m_data in relations:
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


def _resolve_or_clear(deserialized: DeserializedObject) -> int:
    """Point references to records outside the app at the ones here, or clear them.

    Return how many references were cleared because their target is missing here.
    """
    instance = deserialized.object
    cleared = 0
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
            cleared += 1
        setattr(instance, deferred_field.attname, target)
    instance.save_base(raw=True)
    return cleared
