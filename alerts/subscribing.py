"""Asking to subscribe: the same outcome for every address, limits per address and client."""

import hashlib
import logging
from datetime import timedelta

from django.core.cache import cache
from django.db import IntegrityError, transaction
from django.utils import timezone

from alerts import confirmation, links, tasks
from alerts.models import Subscriber, Subscription
from pagecache.versions import CACHE_ERRORS

logger = logging.getLogger(__name__)

# Submissions allowed in an hour: a person mistyping has room; a script does not.
PER_ADDRESS_PER_HOUR = 5
PER_CLIENT_PER_HOUR = 30


def _count(kind: str, value: str) -> int:
    hour = int(timezone.now().timestamp() // 3600)
    digest = hashlib.sha256(value.encode()).hexdigest()[:32]
    key = f"alerts:subscribe:{kind}:{digest}:{hour}"
    cache.add(key, 0, 3600)
    return cache.incr(key)


def over_limit(address: str, client: str | None) -> bool:
    """Count this submission; tell whether its address or client asked too often this hour."""
    try:
        by_client = _count("client", client or "unknown")
        by_address = _count("address", address.strip().lower()) if address else 0
    except (*CACHE_ERRORS, ValueError):
        # Without the cache no limit can be counted; the hourly resend rule still holds.
        logger.warning("Subscribe rate limit not counted: cache unavailable", exc_info=True)
        return False
    return by_client > PER_CLIENT_PER_HOUR or by_address > PER_ADDRESS_PER_HOUR


def ask(address: str, languages: str, frequency: str, topics, language: str) -> None:
    """Record a request to subscribe and email the address, at most once an hour.

    `language` is the interface language asked in: the emails' links open in it.
    A confirmed subscriber's choices stay as they are: whoever typed the address
    may not be its owner, who gets a link to their settings instead.
    """
    address = address.strip().lower()
    try:
        with transaction.atomic():
            subscriber = Subscriber.objects.get_or_create(email=address)[0]
    except IntegrityError:
        subscriber = Subscriber.objects.get(email=address)
    with transaction.atomic():
        if not subscriber.confirmed_at:
            Subscriber.objects.filter(pk=subscriber.pk).update(language=language)
            subscription, _ = Subscription.objects.update_or_create(
                subscriber=subscriber, defaults={"languages": languages, "frequency": frequency}
            )
            subscription.topics.set(topics)
        if confirmation.may_remind(subscriber):
            tasks.enqueue_after_commit(tasks.send_confirmation, subscriber.pk)
            if not subscriber.confirmed_at:
                tasks.enqueue_after_commit(
                    tasks.forget_unconfirmed,
                    subscriber.pk,
                    run_after=timezone.now() + links.CONFIRM_FOR + timedelta(minutes=1),
                )


def confirm(subscriber: Subscriber) -> None:
    if subscriber.confirmed_at is None:
        Subscriber.objects.filter(pk=subscriber.pk).update(confirmed_at=timezone.now())
