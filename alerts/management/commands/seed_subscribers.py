from django.core.management.base import BaseCommand, CommandParser
from django.db import transaction
from django.utils import timezone

from alerts.models import Frequency, Languages, Subscriber, Subscription
from releases.models import Topic

# Every seeded subscriber follows a release of the first topic: each follows every topic,
# that topic, or it and the second, and reads Chinese, English or both.
TOPICS = [("anti-smuggling", "反走私", "Anti-smuggling"), ("aeo", "認可經濟營運商", "AEO")]
LANGUAGE_CYCLE = [Languages.CHINESE, Languages.ENGLISH, Languages.BOTH]
BATCH = 5000


def topic(slug: str, zh: str, en: str) -> Topic:
    found = Topic.objects.filter(slug=slug).first()
    if found:
        return found
    made = Topic(slug=slug)
    for code, name in (("zh-hant", zh), ("en", en)):
        made.set_current_language(code)
        made.name = name
    made.save()
    return made


class Command(BaseCommand):
    help = (
        "Add N confirmed subscribers (mixed languages and topics, each following the topic "
        "anti-smuggling) for benchmarks and tests."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("count", type=int)
        parser.add_argument("--domain", default="example.org")

    def handle(self, *args, count: int, domain: str, **options) -> None:
        first, second = (topic(*row) for row in TOPICS)
        now = timezone.now()
        start = Subscriber.objects.count()
        with transaction.atomic():
            for offset in range(0, count, BATCH):
                numbers = range(start + offset, start + min(offset + BATCH, count))
                subscribers = Subscriber.objects.bulk_create(
                    Subscriber(email=f"subscriber-{n}@{domain}", created_at=now, confirmed_at=now)
                    for n in numbers
                )
                subscriptions = Subscription.objects.bulk_create(
                    Subscription(
                        subscriber=person,
                        languages=LANGUAGE_CYCLE[n % 3],
                        frequency=Frequency.IMMEDIATELY,
                    )
                    for n, person in zip(numbers, subscribers, strict=True)
                )
                through = Subscription.topics.through
                chosen = []
                for n, subscription in zip(numbers, subscriptions, strict=True):
                    if (n // 3) % 3 == 1:
                        chosen.append(through(subscription=subscription, topic=first))
                    elif (n // 3) % 3 == 2:
                        chosen.append(through(subscription=subscription, topic=first))
                        chosen.append(through(subscription=subscription, topic=second))
                through.objects.bulk_create(chosen)
        self.stdout.write(f"Added {count} confirmed subscribers.")
