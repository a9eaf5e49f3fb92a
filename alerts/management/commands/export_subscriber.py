from django.core.management.base import BaseCommand, CommandError

from alerts import privacy
from alerts.models import Subscriber


class Command(BaseCommand):
    help = "Print everything held about one subscriber as JSON (a request for their data)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("email", help="The subscriber's exact address.")

    def handle(self, *args, email: str, **options) -> None:
        subscribers = Subscriber.objects.filter(email=email.strip().lower())
        if not subscribers.exists():
            raise CommandError(f"No subscriber has the address {email!r}.")
        self.stdout.write(privacy.export_json(subscribers))
