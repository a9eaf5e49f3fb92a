"""Make releases in both languages for tests, in one place."""

from datetime import datetime, timedelta

from django.apps import apps
from django.core.management.color import no_style
from django.db import connection
from django.utils import timezone

from releases.models import Release


def restart_ids() -> None:
    """Number the next release, topic and contact from 1 again, on empty tables.

    SQLite reuses ids after a rollback; PostgreSQL's sequences do not, so the
    demo release would not be number 1 there without this.
    """
    models = apps.get_app_config("releases").get_models()
    with connection.cursor() as cursor:
        for sql in connection.ops.sequence_reset_sql(no_style(), models):
            cursor.execute(sql)


def make_release(
    title_zh: str = "測試公報",
    title_en: str = "Test release",
    body_zh: str = "第一段。\n\n第二段。",
    body_en: str = "First paragraph.\n\nSecond paragraph.",
    status: str = Release.Status.PUBLISHED,
    publish_at: datetime | None = None,
    **fields,
) -> Release:
    """Create a release with a Traditional Chinese and an English translation."""
    release = Release(
        status=status, publish_at=publish_at or timezone.now() - timedelta(hours=1), **fields
    )
    release.set_current_language("zh-hant")
    release.title, release.body = title_zh, body_zh
    release.set_current_language("en")
    release.title, release.body = title_en, body_en
    release.save()
    return release
