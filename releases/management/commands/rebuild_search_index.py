from django.core.management.base import BaseCommand

from releases import search


class Command(BaseCommand):
    help = (
        "Rebuild the search index from every release's translations. Saves keep it in "
        "step; run this after loading data that bypassed them (loaddata, raw SQL)."
    )

    def handle(self, *args, **options) -> None:
        count = search.rebuild_index()
        self.stdout.write(self.style.SUCCESS(f"Indexed {count} releases."))
