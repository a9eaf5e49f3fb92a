"""Background work of the media desk, written against the tasks framework's API only.

Each task takes ids (never model instances) and decides afresh when it runs:
see media.notices for the journalists' emails and media.sending for the
embargo emails.
"""

from datetime import datetime

from django_tasks import task

from media import notices, sending


@task()
def send_confirmation(journalist_id: int) -> None:
    notices.send_confirmation(journalist_id)


@task()
def send_sign_in_link(link_id: int) -> None:
    notices.send_sign_in_link(link_id)


@task()
def tell_decision(journalist_id: int, action: str) -> None:
    notices.tell_decision(journalist_id, action)


@task()
def remind_of_lapse(journalist_id: int, accredited_until: str) -> None:
    notices.remind_of_lapse(journalist_id, datetime.fromisoformat(accredited_until))


@task()
def send_embargo(release_id: int, media_at: str) -> None:
    sending.send_embargo(release_id, datetime.fromisoformat(media_at))


@task()
def send_embargo_update(release_id: int, revision: int, what: str) -> None:
    sending.send_update(release_id, revision, what)


@task()
def send_embargo_notice(release_id: int, kind: str) -> None:
    sending.send_notice(release_id, kind)


@task()
def deliver_embargo_emails(release_id: int) -> None:
    sending.deliver(release_id)
