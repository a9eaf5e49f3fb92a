"""Median search latency at 10,000 releases, on a throwaway SQLite database.

    .venv/bin/python bench/search_latency.py [--releases 10000] [--runs 50]

Seeds the releases with `seed_releases` (which indexes them), then times the
archive's search queries (the count and the first page with its translations)
and the whole results page (what a reader waits for) for a two-character
Chinese query and an English one.
Not run by CI: figures depend on the machine.
"""

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
QUERIES = {"Chinese, two characters (論壇)": "論壇", "English (seized cocaine)": "seized cocaine"}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--releases", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=50)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as folder:
        os.environ["DATABASE_URL"] = f"sqlite:///{folder}/bench.sqlite3"
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "pressroom.settings")
        # A local measurement through the test client: the development settings.
        os.environ.setdefault("DJANGO_DEBUG", "1")
        sys.path.insert(0, str(ROOT))
        import django

        django.setup()
        from django.core.management import call_command
        from django.test import Client

        call_command("migrate", verbosity=0)
        started = time.perf_counter()
        call_command("seed_releases", str(args.releases), stdout=open(os.devnull, "w"))  # noqa: SIM115
        print(
            f"Seeded and indexed {args.releases} releases in {time.perf_counter() - started:.1f} s"
        )

        from releases.models import Release
        from search.results import Results
        from search.terms import query_terms

        def median_ms(action) -> float:
            """Return the median time of an action in milliseconds."""
            action()  # warm the caches once
            timings = []
            for _ in range(args.runs):
                start = time.perf_counter()
                action()
                timings.append(time.perf_counter() - start)
            return statistics.median(timings) * 1000

        client = Client(HTTP_HOST="127.0.0.1")

        def first_page(query: str) -> int:
            found = Results(Release.objects.public(), query_terms(query))
            found[0:20]
            return found.count()

        for label, query in QUERIES.items():
            count = first_page(query)
            database = median_ms(lambda query=query: first_page(query))
            page = median_ms(lambda query=query: client.get("/en/releases/", {"q": query}))
            print(
                f"{label:32} {count:5} found   median: search queries {database:5.1f} ms, "
                f"whole results page {page:5.1f} ms ({args.runs} runs)"
            )


if __name__ == "__main__":
    main()
