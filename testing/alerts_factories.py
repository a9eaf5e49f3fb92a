"""Subscribers for the alerts tests, made as confirming through the site would leave them."""

from django.utils import timezone

from alerts.models import Frequency, Languages, Subscriber, Subscription


def subscriber(
    address: str,
    languages: str = Languages.BOTH,
    frequency: str = Frequency.IMMEDIATELY,
    topics=(),
    confirmed: bool = True,
) -> Subscriber:
    person = Subscriber.objects.create(
        email=address, confirmed_at=timezone.now() if confirmed else None
    )
    subscription = Subscription.objects.create(
        subscriber=person, languages=languages, frequency=frequency
    )
    subscription.topics.set(topics)
    return person
