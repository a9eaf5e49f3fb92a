"""Who received a release under embargo, and who opened it: what the desk shows staff."""

from dataclasses import dataclass
from datetime import datetime

from django.db.models import Min

from media.models import EmbargoDelivery, Journalist, Opening
from releases.models import Release


@dataclass(frozen=True)
class Receipt:
    name: str
    outlet: str
    sent_at: datetime
    opened_at: datetime | None

    def __iter__(self):
        # The contract's shape: (journalist name, outlet, sent_at, opened_at).
        return iter((self.name, self.outlet, self.sent_at, self.opened_at))


def receipts(release: Release) -> list[Receipt]:
    """Each journalist sent the release under embargo: when first sent, when first opened.

    In three queries whatever the number of journalists, sorted by name.
    """
    sent = dict(
        EmbargoDelivery.objects.filter(
            release=release,
            kind=EmbargoDelivery.Kind.EMBARGOED,
            state=EmbargoDelivery.State.SENT,
        )
        .values("journalist_id")
        .annotate(first=Min("sent_at"))
        .values_list("journalist_id", "first")
    )
    opened = dict(
        Opening.objects.filter(release=release, journalist_id__in=list(sent))
        .values("journalist_id")
        .annotate(first=Min("opened_at"))
        .values_list("journalist_id", "first")
    )
    people = Journalist.objects.filter(pk__in=list(sent)).order_by("name", "pk")
    return [
        Receipt(person.name, person.outlet, sent[person.pk], opened.get(person.pk))
        for person in people.only("name", "outlet")
    ]
