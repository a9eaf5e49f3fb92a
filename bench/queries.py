"""Count the queries each page runs against the benchmark database; print them as JSON.

Run by bench/run.py with the benchmark's environment; the argument is a JSON
object of page names and paths. For each page: the first request after a
change to content, the page rendered afresh with the page cache off, and the
page again from the cache.
"""

import json
import os
import sys
from pathlib import Path

import django

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "pressroom.settings")
django.setup()

from django.db import connection  # noqa: E402
from django.test import Client, override_settings  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from pagecache.versions import content_changed  # noqa: E402


def count(client: Client, path: str) -> tuple[int, int]:
    with CaptureQueriesContext(connection) as queries:
        status = client.get(path).status_code
    return status, len(queries)


def main(pages: dict[str, str]) -> dict:
    client = Client()
    counts = {}
    for name, path in pages.items():
        content_changed()
        status, after_change = count(client, path)
        with override_settings(PAGE_CACHE=False):
            _status, uncached = count(client, path)
        _status, cached = count(client, path)
        counts[name] = {
            "status": status,
            "after_change": after_change,
            "uncached": uncached,
            "cached": cached,
        }
    return counts


if __name__ == "__main__":
    print(json.dumps(main(json.loads(sys.argv[1]))))
