"""Background work of webhooks and WebSub, written against the tasks framework's API only.

As in alerts.tasks: each task takes ids and decides afresh when it runs, so a
scheduled release's event, queued for its time, sends nothing if the release
was rescheduled, withdrawn or deleted meanwhile.
"""

from datetime import datetime

from django.conf import settings
from django.db import transaction
from django_tasks import task
from django_tasks.base import Task

from media import webhook_events, webhook_sending, websub


def enqueue_after_commit(job: Task, *args, run_after: datetime | None = None) -> None:
    """Enqueue a task once the current transaction commits (at once outside one)."""
    transaction.on_commit(lambda: job.using(run_after=run_after).enqueue(*args))


@task()
def record_event(kind: str, release_id: int, change_note_id: int | None = None) -> None:
    for delivery_id in webhook_events.record(kind, release_id, change_note_id):
        enqueue_after_commit(deliver_webhook, delivery_id)


@task()
def deliver_webhook(delivery_id: int) -> None:
    webhook_sending.deliver(delivery_id)


@task()
def ping_hubs(kind: str, release_id: int, change_note_id: int | None = None) -> None:
    if webhook_events.news(kind, release_id, change_note_id) is None:
        return
    for hub in settings.WEBSUB_HUBS:
        for feed_url in websub.feed_urls(release_id):
            websub.ping_until_told(hub, feed_url)


@task()
def ping_hub(hub: str, feed_url: str, tries: int) -> None:
    websub.ping_until_told(hub, feed_url, tries)
