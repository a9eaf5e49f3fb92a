"""A subscriber's data on request: everything held about them, and its erasure."""

import json

from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.db.models import QuerySet

from alerts.models import DeliveryAttempt, Email, Subscriber


def export(subscriber: Subscriber) -> dict:
    """Return everything held about one subscriber, in plain terms."""
    subscription = getattr(subscriber, "subscription", None)
    return {
        "email": subscriber.email,
        "language": subscriber.language,
        "created_at": subscriber.created_at,
        "confirmed_at": subscriber.confirmed_at,
        "suspended_at": subscriber.suspended_at,
        "hard_failures": subscriber.hard_failures,
        "subscription": subscription
        and {
            "languages": subscription.languages,
            "frequency": subscription.frequency,
            "topics": sorted(subscription.topics.values_list("slug", flat=True)),
        },
        "emails": [
            {
                "release": release_id,
                "digest": str(digest_date) if digest_date else None,
                "kind": kind,
                "status": status,
                "sent_at": sent_at,
            }
            for release_id, digest_date, kind, status, sent_at in subscriber.emails.values_list(
                "content_change__release_id",
                "digest_run__date",
                "content_change__kind",
                "status",
                "sent_at",
            ).order_by("pk")
        ],
    }


def export_json(subscribers: QuerySet[Subscriber]) -> str:
    data = [export(subscriber) for subscriber in subscribers.select_related("subscription")]
    return json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2)


def erase(subscribers: QuerySet[Subscriber]) -> int:
    """Delete subscribers and their address; their emails stay, counted but anonymous."""
    with transaction.atomic():
        ids = list(subscribers.values_list("pk", flat=True))
        # A server's refusal may quote the address.
        DeliveryAttempt.objects.filter(email__subscriber_id__in=ids).update(error="")
        Email.objects.filter(subscriber_id__in=ids).update(subscriber=None)
        return Subscriber.objects.filter(pk__in=ids).delete()[1].get(Subscriber._meta.label, 0)
