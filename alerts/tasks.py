"""Background work of email alerts, written against the tasks framework's API only.

Each task is a small module-level function taking ids, never model
instances, so it can run later on any worker; each reads the state it needs
again and decides afresh (a release may have been rescheduled, withdrawn or
deleted since it was enqueued). Moving to Django 6's `django.tasks` is a
change of the import below and of the TASKS setting.
"""

from datetime import date, datetime

from django.db import transaction
from django_tasks import task
from django_tasks.base import Task

from alerts import confirmation, delivery, fanout


def enqueue_after_commit(job: Task, *args, run_after: datetime | None = None) -> None:
    """Enqueue a task once the current transaction commits (at once outside one)."""
    transaction.on_commit(lambda: job.using(run_after=run_after).enqueue(*args))


@task()
def announce_release(release_id: int) -> None:
    fanout.announce_release(release_id)


@task()
def announce_correction(change_note_id: int) -> None:
    fanout.announce_correction(change_note_id)


@task()
def announce_withdrawal(release_id: int) -> None:
    fanout.announce_withdrawal(release_id)


@task()
def send_digest(day: str) -> None:
    fanout.send_digest(date.fromisoformat(day))


@task()
def deliver_emails(target: str, target_id: int) -> None:
    delivery.deliver(delivery.load_target(target, target_id))


@task()
def send_confirmation(subscriber_id: int) -> None:
    confirmation.send(subscriber_id)


@task()
def forget_unconfirmed(subscriber_id: int) -> None:
    confirmation.forget_unconfirmed(subscriber_id)
