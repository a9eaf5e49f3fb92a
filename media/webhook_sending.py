"""Delivering a webhook event to one endpoint: signed, tried again with back-off, paused.

Tries follow Standard Webhooks' recommended schedule: at once, then 5 seconds,
5 minutes, 30 minutes, 2 hours, 5 hours, 10 hours and 10 hours after each
failure. Every try is recorded. An endpoint that has failed for a day (its
first failure more than 24 hours ago, no success since) is paused, and the
staff who manage webhooks are emailed; its deliveries wait until it is resumed.
"""

import logging
from datetime import datetime, timedelta
from math import floor

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db import models, transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from standardwebhooks.webhooks import Webhook

from media import outbound
from media.webhooks import Attempt, Delivery, Endpoint

logger = logging.getLogger(__name__)

RETRY_AFTER = [
    timedelta(seconds=5),
    timedelta(minutes=5),
    timedelta(minutes=30),
    timedelta(hours=2),
    timedelta(hours=5),
    timedelta(hours=10),
    timedelta(hours=10),
]
PAUSE_AFTER = timedelta(hours=24)
# Longer than any post may take, so a worker that died lets go of its delivery soon.
CLAIM_FOR = timedelta(minutes=2)
MANAGE_PERMISSION = "media.change_endpoint"


def signed_headers(delivery: Delivery, now: datetime) -> dict[str, str]:
    event = delivery.event
    signature = Webhook(delivery.endpoint.secret).sign(event.webhook_id, now, event.payload)
    return {
        "Content-Type": "application/json",
        "webhook-id": event.webhook_id,
        "webhook-timestamp": str(floor(now.timestamp())),
        "webhook-signature": signature,
    }


def _claim(delivery_id: int, now: datetime) -> Delivery | None:
    """Take a pending delivery that is due, for this worker alone, or None."""
    taken = (
        Delivery.objects.filter(
            pk=delivery_id,
            status=Delivery.Status.PENDING,
            endpoint__active=True,
            endpoint__paused_at__isnull=True,
        )
        .filter(models.Q(next_attempt_at__isnull=True) | models.Q(next_attempt_at__lte=now))
        .filter(models.Q(claimed_until__isnull=True) | models.Q(claimed_until__lt=now))
        .update(claimed_until=now + CLAIM_FOR)
    )
    if not taken:
        return None
    return Delivery.objects.select_related("endpoint", "event").get(pk=delivery_id)


def deliver(delivery_id: int) -> None:
    """Post a delivery if it is due and not yet delivered; record the try and what follows."""
    now = timezone.now()
    delivery = _claim(delivery_id, now)
    if delivery is None:  # delivered, given up, paused, or another worker has it
        return
    try:
        outbound.check_address(delivery.endpoint.url)
    except outbound.NotAllowed as refusal:
        answer = outbound.Answer(None, str(refusal), 0)
    else:
        body = delivery.event.payload.encode()
        answer = outbound.post(delivery.endpoint.url, body, signed_headers(delivery, now))
    _record(delivery, answer, now)


def _record(delivery: Delivery, answer: outbound.Answer, now: datetime) -> None:
    from media import push_tasks

    with transaction.atomic():
        Attempt.objects.create(
            delivery=delivery,
            attempted_at=now,
            status_code=answer.status_code,
            succeeded=answer.succeeded,
            error=answer.error,
            duration_ms=answer.duration_ms,
        )
        delivery.attempts += 1
        delivery.claimed_until = delivery.next_attempt_at = None
        endpoint = Endpoint.objects.filter(pk=delivery.endpoint_id)
        if answer.succeeded:
            delivery.status, delivery.delivered_at = Delivery.Status.SUCCEEDED, now
            endpoint.update(failing_since=None)
        else:
            endpoint.filter(failing_since__isnull=True).update(failing_since=now)
            held = _pause_if_failing_for_a_day(delivery.endpoint_id, now)
            # A paused endpoint's delivery is held, not given up: resuming it sends it.
            if not held and delivery.attempts > len(RETRY_AFTER):
                delivery.status = Delivery.Status.FAILED
            elif not held:
                delivery.next_attempt_at = now + RETRY_AFTER[delivery.attempts - 1]
                push_tasks.enqueue_after_commit(
                    push_tasks.deliver_webhook, delivery.pk, run_after=delivery.next_attempt_at
                )
        delivery.save()


def _pause_if_failing_for_a_day(endpoint_id: int, now: datetime) -> bool:
    """Pause an endpoint whose first failure with no success since is a day old; say if so."""
    paused = Endpoint.objects.filter(
        pk=endpoint_id, paused_at__isnull=True, failing_since__lte=now - PAUSE_AFTER
    ).update(paused_at=now)
    if paused:  # one worker pauses it, so the staff are told once
        endpoint = Endpoint.objects.get(pk=endpoint_id)
        transaction.on_commit(lambda: tell_managers(endpoint))
    return Endpoint.objects.filter(pk=endpoint_id, paused_at__isnull=False).exists()


def managers() -> list[str]:
    """The addresses of active staff allowed to manage webhooks."""
    users = get_user_model().objects.with_perm(
        MANAGE_PERMISSION, backend="django.contrib.auth.backends.ModelBackend"
    )
    addresses = users.filter(is_staff=True).exclude(email="").values_list("email", flat=True)
    return sorted(set(addresses))


def tell_managers(endpoint: Endpoint) -> None:
    """Email the staff who manage webhooks that an endpoint was paused, in both languages."""
    recipients = managers()
    if not recipients:
        logger.warning("Webhook endpoint %s paused; no staff to tell.", endpoint.url)
        return
    link = settings.SITE_URL + reverse("admin:media_endpoint_change", args=[endpoint.pk])
    since = timezone.localtime(endpoint.failing_since).strftime("%Y-%m-%d %H:%M")
    subjects, bodies = [], []
    for code in ("zh-hant", "en"):
        with translation.override(code):
            subjects.append(_("Webhook endpoint paused: %(url)s") % {"url": endpoint.url})
            bodies.append(
                _(
                    "Pressroom stopped sending webhooks to %(url)s: it has failed to accept "
                    "them since %(since)s (Hong Kong time). Events wait for it; resume it in "
                    "the admin once the receiver works again: %(link)s"
                )
                % {"url": endpoint.url, "since": since, "link": link}
            )
    send_mail(" | ".join(subjects), "\n\n".join(bodies), settings.DEFAULT_FROM_EMAIL, recipients)


def resume(endpoints: models.QuerySet) -> int:
    """Send to these endpoints again, at once, what waited for them; return how many resumed."""
    from media import push_tasks

    resumed = 0
    for endpoint in endpoints:
        with transaction.atomic():
            Endpoint.objects.filter(pk=endpoint.pk).update(paused_at=None, failing_since=None)
            waiting = endpoint.deliveries.filter(status=Delivery.Status.PENDING)
            waiting.update(next_attempt_at=None, claimed_until=None)
            for delivery_id in waiting.values_list("pk", flat=True):
                push_tasks.enqueue_after_commit(push_tasks.deliver_webhook, delivery_id)
        resumed += 1
    return resumed
