"""Subscribers for the alerts tests, made as confirming through the site would leave them."""

from django.utils import timezone

from alerts.models import Frequency, Languages, Subscriber, Subscription
from pressroom.languages import CHINESE, ENGLISH


def subscriber(
    address: str,
    languages: str = Languages.BOTH,
    frequency: str = Frequency.IMMEDIATELY,
    topics=(),
    confirmed: bool = True,
    language: str = "",
) -> Subscriber:
    """Make a subscriber who signed up in `language`: by default, English's for English alone."""
    person = Subscriber.objects.create(
        email=address,
        confirmed_at=timezone.now() if confirmed else None,
        language=language or (ENGLISH if languages == Languages.ENGLISH else CHINESE),
    )
    subscription = Subscription.objects.create(
        subscriber=person, languages=languages, frequency=frequency
    )
    subscription.topics.set(topics)
    return person
