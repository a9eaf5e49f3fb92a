"""export_releases / import_releases carry everything, files included, between databases.

What travels is what the apps' archive modules declare; these tests count
every table Django knows, so a table nobody declared fails them.
"""

import io
import json
import os
import subprocess
import sys
import zipfile
from importlib import import_module
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage
from django.core.management import CommandError, call_command
from django.db import connection, models
from reversion.models import Version

from pressroom import statistics
from releases import backup, backup_parts
from releases.backup_parts import parts
from releases.models import Embargo, Release, Term, Topic
from testing.moving import (
    empty_kept_tables,
    export,
    fill_every_table,
    import_,
    kept_tables,
    move,
    row_counts,
)
from testing.statistics import planner_rows

ROOT = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.django_db

CREATE_AUTHOR = (
    "from django.contrib.auth import get_user_model; "
    "get_user_model().objects.create_user('chan.tai.man')"
)


def records(archive_path: Path) -> list[dict]:
    """Return an archive's records in a stable order, to compare two archives."""
    with zipfile.ZipFile(archive_path) as archive:
        data = json.loads(archive.read(backup.DATA))
    return sorted(data, key=lambda record: (record["model"], record["pk"]))


def files(archive_path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(archive_path) as archive:
        return {
            name: archive.read(name)
            for name in archive.namelist()
            if name.startswith(f"{backup.FILES}/")
        }


def empty_the_app() -> None:
    empty_kept_tables()


@pytest.fixture
def corpus(demo_release, django_user_model):
    """The demo release, 40 generated ones with topics, and one with its author."""
    call_command("seed_releases", "40", stdout=io.StringIO())
    author = django_user_model.objects.create_user("chan.tai.man", password="x")
    Release.objects.filter(pk=demo_release.pk).update(created_by=author)
    return demo_release


@pytest.fixture
def whole_site(corpus, django_user_model):
    """The corpus, and a row in every table the archive carries (files, versions, alerts...)."""
    fill_every_table(author=django_user_model.objects.get(username="chan.tai.man"))
    return corpus


def manage(database_url: str, *arguments: str) -> str:
    """Run manage.py against another database, as an operator would."""
    environment = {
        "PATH": os.environ["PATH"],
        "DATABASE_URL": database_url,
        "DJANGO_SETTINGS_MODULE": "testing.settings",
        "PRESSROOM_TEST_MEDIA_ROOT": os.environ["PRESSROOM_TEST_MEDIA_ROOT"],
    }
    result = subprocess.run(
        [sys.executable, "manage.py", *arguments],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


@pytest.fixture
def other_database(tmp_path, monkeypatch):
    """A database of the other engine: PostgreSQL when the suite runs on SQLite, and back.

    Its site keeps its files in a folder of its own, as another server would.
    """
    monkeypatch.setenv("PRESSROOM_TEST_MEDIA_ROOT", str(tmp_path / "other-media"))
    if connection.vendor == "postgresql":
        yield f"sqlite:///{tmp_path / 'other.sqlite3'}"
        return
    server_url = os.environ.get("PRESSROOM_TEST_POSTGRES_URL")
    if not server_url:
        pytest.skip("PRESSROOM_TEST_POSTGRES_URL is not set (make test sets it)")
    import psycopg

    parts = urlsplit(server_url)
    name = f"{parts.path.lstrip('/')}_backup_roundtrip"
    with psycopg.connect(server_url, autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.execute(f'CREATE DATABASE "{name}"')
    yield urlunsplit(parts._replace(path=f"/{name}"))
    with psycopg.connect(server_url, autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def test_everything_round_trips_between_sqlite_and_postgresql(
    whole_site, other_database, tmp_path
):
    first, second, third = tmp_path / "1.zip", tmp_path / "2.zip", tmp_path / "3.zip"
    export(first)

    manage(other_database, "migrate", "--noinput")
    manage(other_database, "shell", "-c", CREATE_AUTHOR)
    manage(other_database, "import_releases", str(first))
    again = manage(other_database, "import_releases", str(first))
    manage(other_database, "export_releases", str(second))
    manage(other_database, "seed_releases", "1")
    empty_the_app()
    import_(second)
    export(third)

    total = sum(count for label, count in row_counts().items() if label not in parts().left_out)
    assert f"Imported {total} records and wrote 0 new files" in again
    assert "Cleared" not in again
    assert records(second) == records(first)
    assert records(third) == records(first)
    assert files(third) == files(second) == files(first)
    assert len(files(first)) == 4  # an image, its two renditions, an attachment
    assert Release.objects.get(pk=whole_site.pk).created_by.username == "chan.tai.man"
    assert Release.objects.count() == 42


# Tables a move leaves behind on purpose; each app's archive.py says why, and the
# commands print it. A table added to the site is either carried or named here.
LEFT_OUT = {
    "admin.LogEntry",
    "auth.Group",
    "auth.Group_permissions",
    "auth.Permission",
    "auth.User",
    "auth.User_groups",
    "auth.User_user_permissions",
    "axes.AccessAttempt",
    "axes.AccessAttemptExpiration",
    "axes.AccessFailureLog",
    "axes.AccessLog",
    "contenttypes.ContentType",
    "django_tasks_database.DBTaskResult",
    "media.SignInLink",
    "search.SearchDocument",
    "sessions.Session",
}


def test_a_move_keeps_every_row_of_every_table_but_those_left_out(whole_site, tmp_path):
    before = row_counts()
    exported = export(tmp_path / "a.zip")
    empty_the_app()
    emptied = row_counts()
    imported = import_(tmp_path / "a.zip")
    after = row_counts()

    kept = {table._meta.label for table in kept_tables()}
    assert set(parts().left_out) == LEFT_OUT
    assert kept | LEFT_OUT == set(before), "every table of the site is kept or left out"
    assert not kept & LEFT_OUT
    assert [label for label in sorted(kept) if before[label] == 0] == []
    assert {label: emptied[label] for label in kept} == dict.fromkeys(kept, 0)
    assert {label: after[label] for label in kept} == {label: before[label] for label in kept}
    for label in kept:
        table = apps.get_model(label)._meta.db_table
        assert f"  {label} ({table}): {before[label]}\n" in exported
        assert f"  {label} ({table}): {before[label]}\n" in imported
    for report in (exported, imported):
        left_out = report.split("Left out on purpose:")[1]
        assert all(label in left_out for label in LEFT_OUT)
        assert "search.SearchDocument: the search index is made from the releases" in left_out
        assert "  files: 4\n" in report  # an image, its two renditions, an attachment


def test_a_move_keeps_an_embargo_as_it_was(whole_site, tmp_path):
    fields = ("release_id", "media_at", "audience", "lifted_at", "revision", "created_at")
    before = list(Embargo.objects.values_list(*fields))
    export(tmp_path / "a.zip")
    empty_the_app()
    import_(tmp_path / "a.zip")

    assert list(Embargo.objects.values_list(*fields)) == before


def test_a_move_keeps_every_saved_version_with_its_author(whole_site, tmp_path):
    release = Release.objects.get(translations__title="Everything kept in a move")
    versions = list(Version.objects.get_for_object(release).values_list("pk", "serialized_data"))

    move(tmp_path / "a.zip")

    moved = Version.objects.get_for_object(release)
    assert versions
    assert list(moved.values_list("pk", "serialized_data")) == versions
    assert {version.revision.user.username for version in moved} == {"chan.tai.man"}


def test_the_archive_refuses_a_table_nobody_declared(whole_site, tmp_path, monkeypatch):
    declared = backup_parts.module_has_submodule
    monkeypatch.setattr(
        backup_parts,
        "module_has_submodule",
        lambda module, name: module.__name__ != "review" and declared(module, name),
    )

    with pytest.raises(CommandError, match=r"review\.ReviewComment', 'review\.ReviewLink'"):
        export(tmp_path / "a.zip")

    assert not (tmp_path / "a.zip").exists()


def test_the_archive_holds_both_translations_topics_the_contact_and_versions(corpus, tmp_path):
    export(tmp_path / "a.zip")

    counted = {}
    for record in records(tmp_path / "a.zip"):
        counted[record["model"]] = counted.get(record["model"], 0) + 1
    assert counted == {
        # The glossary is the app's too: the 40 terms seeded by migration 0012.
        "releases.term": 40,
        "releases.contact": 1,
        "releases.contacttranslation": 2,
        "releases.release": 41,
        "releases.releasetranslation": 82,
        "releases.topic": 6,
        "releases.topictranslation": 12,
        # load_demo saves the demo release through releases.publishing: one version of it.
        "reversion.revision": 1,
        "reversion.version": 3,
    }
    demo = next(r for r in records(tmp_path / "a.zip") if r["model"] == "releases.release")
    assert demo["fields"]["created_by"] == ["chan.tai.man"]
    # A version names its model by app and model name: content type ids differ between sites.
    kinds = {
        tuple(r["fields"]["content_type"])
        for r in records(tmp_path / "a.zip")
        if r["model"] == "reversion.version"
    }
    assert ("releases", "release") in kinds


def test_a_restored_database_finds_releases_by_search(corpus, client, tmp_path):
    topics_before = set(Release.topics.through.objects.values_list("release_id", "topic_id"))
    export(tmp_path / "a.zip")
    empty_the_app()
    import_(tmp_path / "a.zip")

    page = client.get("/en/releases/", {"q": "論壇"}).content.decode()

    assert "AEO Expert Mission and Symposium for ASEAN and Hong Kong, China" in page
    assert topics_before
    assert set(Release.topics.through.objects.values_list("release_id", "topic_id")) == (
        topics_before
    )
    # Topics are searchable too: every release is indexed with its topics' names.
    topic = Topic.objects.filter(release__isnull=False).first()
    name = topic.safe_translation_getter("name", language_code="en")
    assert client.get("/en/releases/", {"q": name}).status_code == 200


def test_a_restored_database_gives_new_releases_fresh_ids(corpus, tmp_path):
    export(tmp_path / "a.zip")
    empty_the_app()
    import_(tmp_path / "a.zip")

    newest = Release.objects.create(status=Release.Status.DRAFT)

    assert newest.pk > max(Release.objects.exclude(pk=newest.pk).values_list("pk", flat=True))


def test_a_missing_author_is_cleared_and_an_existing_one_is_found_by_name(corpus, tmp_path):
    export(tmp_path / "a.zip")
    empty_the_app()
    get_user_model().objects.all().delete()

    report = import_(tmp_path / "a.zip")

    assert "Cleared 1 references to users this site does not have" in report
    assert "  releases.Release.created_by: 1\n" in report
    assert Release.objects.get(pk=corpus.pk).created_by is None

    empty_the_app()
    get_user_model().objects.create_user("someone.else")
    author = get_user_model().objects.create_user("chan.tai.man")
    import_(tmp_path / "a.zip")

    assert Release.objects.get(pk=corpus.pk).created_by == author


def test_import_refuses_a_database_with_other_content(corpus, tmp_path, release_factory):
    export(tmp_path / "a.zip")
    stranger = release_factory(title_en="Not in the archive")

    with pytest.raises(
        CommandError, match=r"already holds releases\.Release records that are not in this"
    ):
        import_(tmp_path / "a.zip")

    assert Release.objects.filter(pk=stranger.pk).exists()


def test_an_import_leaves_the_planner_statistics_of_what_it_wrote(corpus, tmp_path):
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL's statistics: SQLite is left to its own rules")
    export(tmp_path / "a.zip")
    empty_the_app()
    statistics.analyze()  # what the planner knows of the emptied tables
    assert planner_rows("releases_release") in (None, 0)

    report = import_(tmp_path / "a.zip")

    assert planner_rows("releases_release") == Release.objects.count() > 0
    assert "tables analysed" in report


def test_the_glossary_as_edited_replaces_the_one_a_new_site_is_seeded_with(corpus, tmp_path):
    Term.objects.filter(zh_hant="文錦渡管制站").delete()
    Term.objects.create(zh_hant="緝私", en="anti-smuggling")
    kept = sorted(Term.objects.values_list("zh_hant", flat=True))
    export(tmp_path / "a.zip")
    empty_the_app()
    # A new site: migrate seeds the department's glossary, the control point included.
    seeding = import_module("releases.migrations.0012_glossary_and_checked_findings")
    seeding.seed_glossary(apps, None)
    assert Term.objects.filter(zh_hant="文錦渡管制站").exists()

    import_(tmp_path / "a.zip")

    assert sorted(Term.objects.values_list("zh_hant", flat=True)) == kept
    assert not Term.objects.filter(zh_hant="文錦渡管制站").exists()


def test_an_archive_written_before_versions_travelled_still_imports(corpus, tmp_path):
    export(tmp_path / "a.zip")
    with zipfile.ZipFile(tmp_path / "a.zip") as archive:
        data = json.loads(archive.read(backup.DATA))
    releases_only = [record for record in data if record["model"].startswith("releases.")]
    counts = {}
    for record in releases_only:
        label = apps.get_model(record["model"])._meta.label
        counts[label] = counts.get(label, 0) + 1
    with zipfile.ZipFile(tmp_path / "old.zip", "w") as archive:
        archive.writestr(backup.DATA, json.dumps(releases_only))
        archive.writestr(backup.MANIFEST, json.dumps({"format": 1, "records": counts, "files": 0}))
    empty_the_app()

    report = import_(tmp_path / "old.zip")

    assert "  releases.Release (releases_release): 41\n" in report
    assert "  reversion.Version (reversion_version): 0\n" in report
    assert Release.objects.count() == 41


def test_import_refuses_a_file_that_is_not_an_archive(db, tmp_path):
    not_zip = tmp_path / "notes.zip"
    not_zip.write_text("hello")

    with pytest.raises(CommandError, match=r"Cannot read .* as a zip archive"):
        import_(not_zip)


def test_import_refuses_an_archive_without_a_manifest(db, tmp_path):
    with zipfile.ZipFile(tmp_path / "a.zip", "w") as archive:
        archive.writestr("data.json", "[]")

    with pytest.raises(CommandError, match="This is not a Pressroom archive"):
        import_(tmp_path / "a.zip")


def test_import_refuses_records_of_a_model_this_site_lacks(db, tmp_path):
    with zipfile.ZipFile(tmp_path / "a.zip", "w") as archive:
        archive.writestr("data.json", "[]")
        archive.writestr("manifest.json", json.dumps({"format": 1, "records": {"x.Y": 1}}))

    with pytest.raises(CommandError, match=r"no model for: \['x.Y'\]"):
        import_(tmp_path / "a.zip")


@pytest.fixture
def topic_files(db, tmp_path, monkeypatch):
    """Treat Topic.slug as a file field, so the generic file code runs with no file model.

    The app's image and attachment models bring real file fields; until then,
    this exercises the same path: names read from a column, bytes through a storage.
    """
    storage = FileSystemStorage(location=tmp_path / "media")
    field = models.FileField(storage=storage)
    field.set_attributes_from_name("slug")
    field.model = Topic
    monkeypatch.setattr(backup, "file_fields", lambda model: [field] if model is Topic else [])
    contents = {
        "photos/seizure.png": b"\x89PNG\r\n\x1a\n" + bytes(range(256)),
        "papers/report.pdf": "%PDF-1.7 海關 report".encode(),
    }
    for name, content in contents.items():
        storage.save(name, ContentFile(content))
        topic = Topic.objects.create(slug=f"topic-{len(name)}")
        Topic.objects.filter(pk=topic.pk).update(slug=name)
    return storage, contents


def test_files_are_exported_and_restored_byte_for_byte(topic_files, tmp_path):
    storage, contents = topic_files
    export(tmp_path / "a.zip")
    empty_the_app()
    for name in contents:
        storage.delete(name)

    report = import_(tmp_path / "a.zip")
    again = import_(tmp_path / "a.zip")

    for name, content in contents.items():
        with storage.open(name, "rb") as restored:
            assert restored.read() == content
    assert "wrote 2 new files" in report
    assert "wrote 0 new files" in again
    assert sorted(storage.listdir("photos")[1]) == ["seizure.png"]


def test_a_changed_file_is_put_back_as_archived(topic_files, tmp_path):
    storage, contents = topic_files
    export(tmp_path / "a.zip")
    storage.delete("photos/seizure.png")
    storage.save("photos/seizure.png", ContentFile(b"overwritten"))

    import_(tmp_path / "a.zip")

    with storage.open("photos/seizure.png", "rb") as restored:
        assert restored.read() == contents["photos/seizure.png"]
