from django.core.management.base import BaseCommand

from releases import search
from releases.cache import content_changed


class Command(BaseCommand):
    help = (
        "Rebuild the search index from every release's translations. Saves keep it in "
        "step; run this after loading data that bypassed them (loaddata, raw SQL)."
    )

    def handle(self, *args, **options) -> None:
        count = search.rebuild_index()
        # The rebuild writes in bulk, which sends no signals; cached result pages must go.
        content_changed()
        self.stdout.write(self.style.SUCCESS(f"Indexed {count} releases."))
