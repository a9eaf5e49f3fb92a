"""Make releases in both languages for tests, in one place."""

import importlib
from datetime import datetime, timedelta

from django.apps import apps
from django.contrib.auth.models import Group, User
from django.core.management.color import no_style
from django.db import connection
from django.test import TestCase
from django.utils import timezone

from releases import events, publishing
from releases.attachments import detect_kind
from releases.images import check_image
from releases.models import Attachment, ChangeNote, Release, ReleaseImage, Topic
from review.models import ReviewLink
from testing.files import image_bytes, pdf_bytes, upload

GROUPS_MIGRATION = importlib.import_module(
    "releases.migrations.0004_editors_and_publishers_groups"
)
ALERTS_MIGRATION = importlib.import_module(
    "alerts.migrations.0001_subscribers_content_changes_emails"
)
MEDIA_MIGRATION = importlib.import_module("media.migrations.0002_journalists")
GLOSSARY_MIGRATION = importlib.import_module(
    "releases.migrations.0012_glossary_and_checked_findings"
)


def restart_ids() -> None:
    """Number the next release, topic and contact from 1 again, on empty tables.

    A rollback gives ids back on SQLite but not PostgreSQL's sequences, and a
    flush after a transactional test (the browser tests, a worker in another
    process) gives them back on neither, so the demo release would not be
    number 1 without this.
    """
    models = list(apps.get_app_config("releases").get_models())
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            tables = [model._meta.db_table for model in models]
            marks = ", ".join("%s" for _ in tables)
            cursor.execute(f"DELETE FROM sqlite_sequence WHERE name IN ({marks})", tables)
        for sql in connection.ops.sequence_reset_sql(no_style(), models):
            cursor.execute(sql)


def committed():
    """Run, at the end of the block, what its writes left to run once they commit.

    A test's transaction never commits, so the events releases.publishing
    announces after commit are sent here, as a real save would send them.
    """
    return TestCase.captureOnCommitCallbacks(execute=True)


def announce_change(seen_by_readers: bool = True) -> None:
    """Say that content changed, as releases.publishing does once a save commits.

    Data written here bypasses the entry points, and a test's transaction never
    commits, so the page cache is told at once.
    """
    events.changed.send(sender=Release, seen_by_readers=seen_by_readers)


def make_release(
    title_zh: str = "測試公報",
    title_en: str = "Test release",
    body_zh: str = "第一段。\n\n第二段。",
    body_en: str = "First paragraph.\n\nSecond paragraph.",
    status: str = Release.Status.PUBLISHED,
    publish_at: datetime | None = None,
    **fields,
) -> Release:
    """Create a release with a Traditional Chinese and an English translation.

    Written as it stands, with no entry point: a published or withdrawn release
    whose time has passed is recorded as seen by readers from that time.
    """
    publish_at = publish_at or timezone.now() - timedelta(hours=1)
    if status != Release.Status.DRAFT and publish_at <= timezone.now():
        fields.setdefault("first_public_at", publish_at)
    release = Release(status=status, publish_at=publish_at, **fields)
    release.set_current_language("zh-hant")
    release.title, release.body = title_zh, body_zh
    release.set_current_language("en")
    release.title, release.body = title_en, body_en
    release.save()
    announce_change(seen_by_readers=release.first_public_at is not None)
    return release


def publish_release(publish_at: datetime | None = None, **fields) -> Release:
    """Write a draft, then publish (or schedule) it through releases.publishing, as staff do."""
    release = make_release(status=Release.Status.DRAFT, publish_at=publish_at, **fields)
    publishing.publish(release, user=None, now=timezone.now())
    return release


def _translate(item, **texts: tuple[str, str]) -> None:
    """Set each field's Chinese and English text: field=(chinese, english)."""
    for index, language_code in enumerate(["zh-hant", "en"]):
        item.set_current_language(language_code)
        for field, pair in texts.items():
            setattr(item, field, pair[index])


def add_image(
    release: Release,
    content: bytes | None = None,
    alt=("海關人員", "Customs officers"),
    caption=("", ""),
) -> ReleaseImage:
    """Give a release a checked image, as the admin would store it."""
    checked = check_image(upload("photo.jpg", content or image_bytes()))
    image = ReleaseImage(
        release=release, image=checked.original, width=checked.width, height=checked.height
    )
    for width, rendition in checked.renditions.items():
        setattr(image, f"rendition_{width}", rendition)
    _translate(image, alt_text=alt, caption=caption)
    image.save()
    announce_change()
    return image


def add_attachment(
    release: Release,
    content: bytes | None = None,
    title=("報告全文", "Full report"),
    language: str = Attachment.Language.BOTH,
    name: str = "report.pdf",
) -> Attachment:
    file = upload(name, content or pdf_bytes())
    kind = detect_kind(file)
    attachment = Attachment(
        release=release,
        file=file,
        language=language,
        content_type=kind.content_type,
        size=file.size,
    )
    _translate(attachment, title=title)
    attachment.save()
    announce_change()
    return attachment


def add_change_note(
    release: Release, note=("更正日期。", "Date corrected."), **fields
) -> ChangeNote:
    change_note = ChangeNote(release=release, **fields)
    _translate(change_note, note=note)
    change_note.save()
    announce_change()
    return change_note


def add_review_link(
    release: Release, hours: int = 72, created_by: User | None = None
) -> ReviewLink:
    """Give a release a review link made now, valid for `hours`."""
    now = timezone.now()
    return ReviewLink.objects.create(
        release=release,
        created_by=created_by,
        created_at=now,
        expires_at=now + timedelta(hours=hours),
    )


def seed_groups() -> None:
    """Make the groups the data migrations create, with their permissions, if they are gone.

    A transactional test that changed the seeded tables ends with a flush of every table
    (testing/flushing.py), which the groups do not survive.
    """
    if not Group.objects.filter(name="Editors").exists():
        GROUPS_MIGRATION.create_groups(apps, None)
        ALERTS_MIGRATION.grant_publishers(apps, None)
        MEDIA_MIGRATION.grant_publishers(apps, None)
    if not Group.objects.filter(name=GLOSSARY_MIGRATION.GLOSSARY_EDITORS).exists():
        # The glossary's group, and reading the glossary for Editors and Publishers.
        GLOSSARY_MIGRATION.create_glossary_editors(apps, None)


def staff_member(username: str, group: str, password: str = "pw") -> User:
    """A staff account in one of the groups the data migrations create."""
    user = User.objects.create_user(username, f"{username}@example.org", password, is_staff=True)
    user.groups.add(Group.objects.get(name=group))
    return user


def signed_in(client, user: User):
    """A client signed in as `user`, reading the admin in English unless a test asks otherwise."""
    client.force_login(user)
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    return client


def make_topic(slug: str, zh: str, en: str) -> Topic:
    """Create a topic named in both languages."""
    topic = Topic(slug=slug)
    topic.set_current_language("zh-hant")
    topic.name = zh
    topic.set_current_language("en")
    topic.name = en
    topic.save()
    return topic


def make_embargoed(
    media_at: datetime, publish_at: datetime, audience: str = "all", **fields
) -> Release:
    """Schedule a release for `publish_at` and put it under embargo for `media_at`, as staff do.

    Both saves commit, as they would on the site: what listens to them has heard.
    """
    with committed():
        release = publish_release(publish_at=publish_at, **fields)
        publishing.embargo(
            release, media_at=media_at, audience=audience, user=None, now=timezone.now()
        )
    return release
