"""Moving a site with export_releases / import_releases, in tests.

A site with at least one row in every table the archive carries, for the move tests.

The round-trip test counts every table before and after a move and refuses
an empty one, so a model added to the archive gets a row here too.
"""

import io
from datetime import timedelta
from pathlib import Path

from django.apps import apps
from django.contrib.auth.models import User
from django.core.management import call_command
from django.db import models
from django.utils import timezone
from reversion.models import Revision

from alerts.models import ContentChange, DeliveryAttempt, DigestRun, Email
from media import webhooks
from media.models import Decision, EmbargoDelivery, Opening, SignInLink
from releases.backup_parts import parts, tables
from releases.models import (
    CheckedFinding,
    CorrectionProposal,
    Embargo,
    MovedFile,
    Release,
    Topic,
)
from review.models import ReviewComment
from testing.alerts_factories import subscriber
from testing.factories import (
    add_attachment,
    add_change_note,
    add_image,
    add_review_link,
    publish_release,
)
from testing.media_factories import journalist


def fill_every_table(author: User) -> Release:
    """Give the site a release with everything that hangs from one, and return it.

    Expects releases with topics already (seed_releases); the release made here
    is published through releases.publishing, so it has versions by `author`.
    """
    now = timezone.now()
    release = publish_release(title_en="Everything kept in a move")
    release.topics.add(Topic.objects.first())
    Revision.objects.update(user=author)
    image = add_image(release)
    add_attachment(release)
    # A file's address from before names were random still redirects after a move.
    MovedFile.objects.create(
        release=release,
        old_name=f"releases/{release.pk}/images/photo.png",
        new_name=image.image.name,
    )
    note = add_change_note(release)
    CorrectionProposal.objects.create(
        release=release,
        state=CorrectionProposal.State.DECLINED,
        texts={"en": {"title": "Everything kept in a move, corrected"}},
        change_note={"en": "The title was corrected.", "zh-hant": "更正標題。"},
        based_on_version=1,
        proposed_by=author,
        proposed_at=now,
        decided_by=author,
        decided_at=now,
        decline_reason="The title was right.",
    )
    CheckedFinding.objects.create(
        release=release,
        key="0" * 64,
        finding="中文：約250萬元 · English: about $25 million",
        checked_by=author,
        checked_at=now,
    )
    # Journalists had it two hours early, under an embargo lifted when it went public.
    Embargo.objects.create(
        release=release,
        media_at=release.publish_at - timedelta(hours=2),
        audience=Embargo.Audience.BEATS,
        lifted_at=release.publish_at,
        revision=2,
    )
    link = add_review_link(release, created_by=author)
    ReviewComment.objects.create(link=link, name="陳大文", text="第二段要改。")
    person = subscriber("reader@example.org", topics=[Topic.objects.first()])
    subscriber("not.yet@example.org", confirmed=False)
    change = ContentChange.objects.create(
        release=release, kind=ContentChange.Kind.PUBLISHED, fanned_out_at=now
    )
    ContentChange.objects.create(
        release=release, kind=ContentChange.Kind.CORRECTED, change_note=note, fanned_out_at=now
    )
    digest = DigestRun.objects.create(date=now.date() - timedelta(days=1), fanned_out_at=now)
    sent = Email.objects.create(
        subscriber=person, content_change=change, languages="both", status="sent", sent_at=now
    )
    Email.objects.create(
        subscriber=person,
        digest_run=digest,
        languages="en",
        digest_releases=[release.pk],
        status="sent",
        sent_at=now,
    )
    DeliveryAttempt.objects.create(email=sent, succeeded=True)
    endpoint = webhooks.Endpoint.objects.create(url="https://hooks.example.org/pressroom")
    event = webhooks.Event.objects.create(
        release=release, type=webhooks.EventType.PUBLISHED, occurred_at=now, payload="{}"
    )
    delivery = webhooks.Delivery.objects.create(
        endpoint=endpoint, event=event, status="succeeded", attempts=1, delivered_at=now
    )
    webhooks.Attempt.objects.create(
        delivery=delivery, attempted_at=now, status_code=204, succeeded=True, duration_ms=12
    )
    # A journalist accredited by `author`, sent the embargoed release and opening it.
    press = journalist("ada@example.news", beats=[Topic.objects.first()])
    Decision.objects.create(journalist=press, action="approved", decided_by=author, decided_at=now)
    EmbargoDelivery.objects.create(
        journalist=press, release=release, kind="embargoed", revision=1, state="sent", sent_at=now
    )
    Opening.objects.create(journalist=press, release=release, opened_at=now)
    SignInLink.objects.create(journalist=press)
    return release


def kept_tables() -> list[type[models.Model]]:
    return tables(parts().models)


def row_counts() -> dict[str, int]:
    """Rows of every table of the site, Django's many-to-many tables included."""
    return {
        model._meta.label: model._base_manager.count()
        for model in apps.get_models(include_auto_created=True)
    }


def empty_kept_tables() -> None:
    """Delete every row the archive carries, as a new site has none."""
    for model in reversed(parts().models):
        model._base_manager.all().delete()


def export(path: Path) -> str:
    """Run export_releases as an operator would; return what it printed."""
    out = io.StringIO()
    call_command("export_releases", str(path), stdout=out)
    return out.getvalue()


def import_(path: Path) -> str:
    """Run import_releases as an operator would; return what it printed."""
    out = io.StringIO()
    call_command("import_releases", str(path), stdout=out)
    return out.getvalue()


def move(path: Path) -> str:
    """Export the site, empty what the archive carries, import it back; return the report."""
    export(path)
    empty_kept_tables()
    return import_(path)
