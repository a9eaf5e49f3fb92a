from django.core.management.base import BaseCommand

from pagecache.versions import content_changed
from pressroom import statistics
from search.index import rebuild_index


class Command(BaseCommand):
    help = (
        "Rebuild the search index from every release's translations. Saves keep it in "
        "step; run this after loading data that bypassed them (loaddata, raw SQL)."
    )

    def handle(self, *args, **options) -> None:
        count = rebuild_index()
        # The rebuild writes in bulk, which sends no signals; cached result pages must go.
        content_changed()
        analysed = statistics.analyze()
        self.stdout.write(self.style.SUCCESS(f"Indexed {count} releases{analysed}."))
