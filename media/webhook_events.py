"""Which release events are news to other systems, and the webhook events written for them.

A task re-reads the release when it runs, since it may have changed since it
was queued: *published* is news only once the release is public (a scheduled
release's event runs at its time and finds it public then, or not); a
*correction* only while the release is public; a *withdrawal* only of a
release readers had seen. The same rule decides the WebSub pings.
"""

import json

from django.conf import settings
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone, translation

from api.representations import URL_LANGUAGES, hong_kong
from media.webhooks import Delivery, Endpoint, Event, EventType
from releases.models import ChangeNote, Release

# Each event's data names when it happened with the field a receiver expects for it.
MOMENT_FIELD = {
    EventType.PUBLISHED: "published_at",
    EventType.CORRECTED: "corrected_at",
    EventType.WITHDRAWN: "withdrawn_at",
}


def news(kind: str, release_id: int, change_note_id: int | None = None):
    """Return (release, when it happened) if this event is news to readers now, else None."""
    now = timezone.now()
    if kind == EventType.WITHDRAWN:
        release = Release.objects.withdrawn_after_being_public(now).filter(pk=release_id).first()
        return (release, release.withdrawn_at) if release else None
    release = Release.objects.public(now).filter(pk=release_id).first()
    if release is None:  # a draft, still scheduled, withdrawn or deleted since
        return None
    if kind == EventType.PUBLISHED:
        return release, release.publish_at
    note = ChangeNote.objects.filter(pk=change_note_id, release=release).first()
    return (release, note.created_at) if note else None


def absolute_urls(release: Release) -> dict[str, str]:
    urls = {}
    for code in URL_LANGUAGES:
        with translation.override(code):
            urls[code] = settings.SITE_URL + release.get_absolute_url()
    return urls


def payload(kind: str, release: Release, moment) -> str:
    """Return the JSON body of an event: its type, when it happened, the release's addresses."""
    data = {
        "id": release.pk,
        "urls": absolute_urls(release),
        "api": settings.SITE_URL + reverse("api:get_release", args=[release.pk]),
        MOMENT_FIELD[EventType(kind)]: hong_kong(moment).isoformat(),
    }
    body = {"type": kind, "timestamp": hong_kong(moment).isoformat(), "data": data}
    return json.dumps(body, ensure_ascii=False, separators=(",", ":"))


def record(kind: str, release_id: int, change_note_id: int | None = None) -> list[int]:
    """Write the event once, owe it to each endpoint that wants it; return deliveries to start."""
    found = news(kind, release_id, change_note_id)
    if found is None:
        return []
    release, moment = found
    try:
        with transaction.atomic():
            event, _ = Event.objects.get_or_create(
                release=release,
                type=kind,
                change_note_id=change_note_id,
                defaults={"occurred_at": moment, "payload": payload(kind, release, moment)},
            )
    except IntegrityError:  # another worker wrote it at the same moment
        event = Event.objects.get(release=release, type=kind, change_note_id=change_note_id)
    wanting = [e for e in Endpoint.objects.filter(active=True) if kind in e.events]
    Delivery.objects.bulk_create(
        [Delivery(endpoint=endpoint, event=event) for endpoint in wanting],
        ignore_conflicts=True,
    )
    pending = event.deliveries.filter(status=Delivery.Status.PENDING, attempts=0)
    return list(pending.values_list("pk", flat=True))
