from django.core.management.base import BaseCommand, CommandError

from alerts import privacy
from alerts.models import Subscriber


class Command(BaseCommand):
    help = "Erase one subscriber: their address goes; counts of emails sent to them stay."

    def add_arguments(self, parser) -> None:
        parser.add_argument("email", help="The subscriber's exact address.")

    def handle(self, *args, email: str, **options) -> None:
        if not privacy.erase(Subscriber.objects.filter(email=email.strip().lower())):
            raise CommandError(f"No subscriber has the address {email!r}.")
        self.stdout.write(f"Erased {email}; delivery counts are kept without the address.")
