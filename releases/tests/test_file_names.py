"""Files move to names nobody can guess (0011); who may fetch them follows the release."""

import importlib
import json
from datetime import timedelta

import pytest
from django.apps import apps
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils import timezone
from reversion.models import Revision, Version

from releases import publishing
from releases.models import Attachment, MovedFile, Release, ReleaseImage
from testing.factories import add_attachment, add_image, committed, make_release
from testing.files import pdf_bytes

pytestmark = pytest.mark.django_db

MIGRATION = importlib.import_module("releases.migrations.0011_stored_names_unguessable")


def as_before(item, field: str, old: str) -> None:
    """Store an item's file under the name it would have had before 0011."""
    current = getattr(item, field)
    with default_storage.open(current.name) as source:
        default_storage.save(old, source)
    default_storage.delete(current.name)
    type(item).objects.filter(pk=item.pk).update(**{field: old, "filename": ""})


def test_the_migration_moves_every_file_to_a_random_name_and_remembers_the_old_one(client):
    release = make_release()
    draft = make_release(status=Release.Status.DRAFT)
    public_file, draft_file = add_attachment(release), add_attachment(draft)
    image = add_image(release)
    old_public = f"releases/{release.pk}/attachments/annex.pdf"
    old_draft = f"releases/{draft.pk}/attachments/Budget_2027_draft.pdf"
    old_rendition = f"releases/{release.pk}/images/{image.image.name[-36:-4]}-640.jpg"
    as_before(public_file, "file", old_public)
    as_before(draft_file, "file", old_draft)
    as_before(image, "rendition_640", old_rendition)
    # A file only an older version refers to, and that version.
    replaced = f"releases/{draft.pk}/attachments/first draft.pdf"
    default_storage.save(replaced, ContentFile(pdf_bytes()))
    version = Version.objects.create(
        object_id=str(draft_file.pk),
        content_type_id=apps.get_model("contenttypes", "ContentType")
        .objects.get_for_model(Attachment)
        .pk,
        db="default",
        format="json",
        serialized_data=json.dumps(
            [{"model": "releases.attachment", "pk": draft_file.pk, "fields": {"file": replaced}}]
        ),
        object_repr="first draft",
        revision=Revision.objects.create(date_created=timezone.now()),
    )

    MIGRATION.move_files_to_unguessable_names(apps, None)

    public_file.refresh_from_db()
    draft_file.refresh_from_db()
    image.refresh_from_db()
    for old, item, field in [
        (old_public, public_file, "file"),
        (old_draft, draft_file, "file"),
        (old_rendition, image, "rendition_640"),
    ]:
        new = getattr(item, field).name
        assert new != old and MIGRATION.is_unguessable(new)
        assert not default_storage.exists(old)
        assert default_storage.exists(new)
        assert MovedFile.objects.get(old_name=old).new_name == new
    assert public_file.filename == "annex.pdf"
    assert draft_file.filename == "Budget_2027_draft.pdf"
    # The original image was stored under a random name already: it stays.
    assert ReleaseImage.objects.get().image.name == image.image.name
    assert not default_storage.exists(replaced)
    moved_version = json.loads(Version.objects.get(pk=version.pk).serialized_data)
    assert moved_version[0]["fields"]["file"] == MovedFile.objects.get(old_name=replaced).new_name
    assert moved_version[0]["fields"]["filename"] == "first draft.pdf"
    # Old addresses: a public release's redirects, a draft's is the 404.
    response = client.get(f"/media/{old_public}")
    assert response.status_code == 301
    assert client.get(response["Location"])["Content-Disposition"] == (
        'inline; filename="annex.pdf"'
    )
    assert client.get(f"/media/{old_draft}").status_code == 404
    assert client.get(draft_file.file.url).status_code == 404


def test_the_migration_run_again_moves_nothing():
    add_attachment(make_release())

    MIGRATION.move_files_to_unguessable_names(apps, None)

    assert MovedFile.objects.count() == 0


def release_in(state: str) -> Release:
    now = timezone.now()
    hour = timedelta(hours=1)
    if state == "withdrawn after being public":
        release = make_release()
        with committed():
            publishing.withdraw(
                release, {"zh-hant": "撤回。", "en": "Withdrawn."}, user=None, now=now
            )
        return release
    fields = {
        "draft": {"status": Release.Status.DRAFT},
        "published": {},
        "scheduled": {"publish_at": now + hour},
        "withdrawn before its time": {
            "status": Release.Status.WITHDRAWN,
            "publish_at": now + hour,
            "withdrawn_at": now - hour,
        },
    }[state]
    return make_release(**fields)


@pytest.mark.parametrize(
    ("state", "visible"),
    [
        ("draft", False),
        ("published", True),
        ("scheduled", False),
        ("withdrawn before its time", False),
        ("withdrawn after being public", True),
    ],
)
def test_whether_a_releases_files_are_public_is_decided_as_its_page_is(state, visible):
    release = release_in(state)

    in_sql = Release.objects.visible_at_url().filter(pk=release.pk).exists()

    assert release.is_visible_at_url() is in_sql is visible
