"""The moment a release goes out: the pages readers hit then, under load, against a steady run.

`make bench-publish` runs this (not CI; about 2 minutes, as root). It starts
the production set-up of `make soak` (a throwaway PostgreSQL cluster and
redis-server of its own, gunicorn with 4 workers, DJANGO_DEBUG=0, the page
cache on) over a database of 2,000 releases, and drives 32 wrk connections
for 8 s over the pages readers hit when a release goes out: home and archive
in three languages, the newest release in two, the feeds and the API's list.

Runs alternate: a steady run, then the same with a release published through
the admin over HTTP one second in, three times each. Publishing changes every
one of those pages at once, in every language. Each publish run also reads
every page again and again from the moment the admin acknowledged the save
until all of them show the new release, and records how long that took.

It prints and keeps in bench/results/: the medians of the steady and publish
runs' p99 latency and throughput, their ratios against the targets (p99 during
a publish run ≤ 2× the steady p99; throughput ≥ 70 % of steady), the longest
the new release took to show (≤ 1 s), and answers other than 200 (none).
"""

import os
import statistics
import sys
import threading
import time
from datetime import UTC, datetime

import measure
import soak

SECONDS, CONNECTIONS, WORKERS = 8, 32, 4
RELEASES, ROUNDS = 2_000, 3
PUBLISH_AFTER = 1.0
SHOW_TARGET, SHOW_TIMEOUT = 1.0, 10.0
TARGETS = {"p99": 2.0, "throughput": 0.7}

PAGES = [
    "/zh-hant/",
    "/en/",
    "/zh-hans/",
    "/zh-hant/releases/",
    "/en/releases/",
    "/zh-hans/releases/",
    "{newest}",
    "{newest_en}",
    "/zh-hant/feed/",
    "/en/feed/",
    "/en/feed/atom/",
    "/api/v1/releases",
]
# Where a reader looks for the new release: every list above.
SHOWN_ON = [page for page in PAGES if "{" not in page]

DRAFTS = """
from django.utils import timezone
from releases import publishing
from releases.models import Contact, Release
ids = []
for number in range({rounds}):
    release = Release(status="draft", publish_at=timezone.now(), contact=Contact.default())
    release.set_current_language("zh-hant")
    release.title, release.body = f"草稿{{number}}", "海關今日公布。"
    release.set_current_language("en")
    release.title, release.body = f"Draft {{number}}", "Customs announced today."
    publishing.save(release, publishing.Step("draft"), user=None, now=timezone.now())
    ids.append(release.pk)
print(*ids)
"""


def build(env: dict) -> list[int]:
    """Build the database; return the ids of the drafts the publish runs send out."""
    soak.RELEASES = RELEASES
    soak.build(env)
    return [int(pk) for pk in soak.in_database(env, DRAFTS.format(rounds=ROUNDS)).split()]


def watch_until_shown(port: int, title: str, since: float, found: dict) -> None:
    """Read every list page until each shows `title`; record the seconds since `since`."""
    waiting = set(SHOWN_ON)
    while waiting and time.monotonic() - since < SHOW_TIMEOUT:
        for path in sorted(waiting):
            status, _headers, body = measure.get(port, path)
            if status == 200 and title.encode() in body:
                waiting.discard(path)
    found["shown_after"] = time.monotonic() - since
    found["never_shown_on"] = sorted(waiting)


def publish_one_second_in(port: int, publisher: soak.Publisher, pk: int, found: dict) -> None:
    time.sleep(PUBLISH_AFTER)
    title = f"Goes out now {pk}"
    found["save"] = publisher.publish(pk, title)
    watch_until_shown(port, title, time.monotonic(), found)


def run() -> dict:
    rounds: list[dict] = []
    with soak.services() as (_folder, postgres, redis, sink):
        env = soak.environment(postgres, redis, sink)
        drafts = build(env)
        port = measure.free_port()
        with measure.gunicorn(env, port, WORKERS):
            newest = measure.get(port, "/zh-hant/releases/1/")[1]["Location"]
            paths = [
                page.format(newest=newest, newest_en=newest.replace("/zh-hant/", "/en/"))
                for page in PAGES
            ]
            publisher = soak.Publisher(port)
            publisher.sign_in()
            measure.load_mix(port, paths, 2, CONNECTIONS)  # warm the cache and the workers
            for pk in drafts:
                steady = measure.load_mix(port, paths, SECONDS, CONNECTIONS)
                found: dict = {}
                thread = threading.Thread(
                    target=publish_one_second_in, args=(port, publisher, pk, found)
                )
                thread.start()
                publishing = measure.load_mix(port, paths, SECONDS, CONNECTIONS)
                thread.join(timeout=SHOW_TIMEOUT + 10)
                rounds.append({"steady": steady, "publish": publishing, **found})
    return {"rounds": rounds}


def summary(rounds: list[dict]) -> dict:
    def median(kind: str, field: str) -> float:
        values = [
            round_[kind]["requests"] / SECONDS if field == "rps" else round_[kind][field]
            for round_ in rounds
        ]
        return statistics.median(values)

    others = sum(
        count
        for round_ in rounds
        for kind in ("steady", "publish")
        for status, count in round_[kind]["statuses"].items()
        if status != 200
    )
    return {
        "steady_p99_ms": median("steady", "p99_ms"),
        "publish_p99_ms": median("publish", "p99_ms"),
        "steady_rps": median("steady", "rps"),
        "publish_rps": median("publish", "rps"),
        "longest_to_show_s": max(round_.get("shown_after", SHOW_TIMEOUT) for round_ in rounds),
        "saves": [round_.get("save") for round_ in rounds],
        "never_shown_on": sorted({p for r in rounds for p in r.get("never_shown_on", [])}),
        "answers_other_than_200": others,
    }


def report(results: dict) -> str:
    found = results["summary"]
    p99 = found["publish_p99_ms"] / found["steady_p99_ms"]
    rps = found["publish_rps"] / found["steady_rps"]
    rows = [
        (
            "p99 during a publish run against steady",
            f"{found['publish_p99_ms']:.0f} ms / {found['steady_p99_ms']:.0f} ms = {p99:.2f}×",
            f"≤ {TARGETS['p99']:.0f}×",
            p99 <= TARGETS["p99"],
        ),
        (
            "throughput during a publish run against steady",
            f"{found['publish_rps']:,.0f} / {found['steady_rps']:,.0f} req/s = {rps:.0%}",
            f"≥ {TARGETS['throughput']:.0%}",
            rps >= TARGETS["throughput"],
        ),
        (
            "the new release on every list page, after the save",
            f"{found['longest_to_show_s']:.2f} s (saves: {', '.join(map(str, found['saves']))})",
            f"≤ {SHOW_TARGET:.0f} s",
            found["longest_to_show_s"] <= SHOW_TARGET and not found["never_shown_on"],
        ),
        (
            "answers other than 200",
            str(found["answers_other_than_200"]),
            "0",
            found["answers_other_than_200"] == 0,
        ),
    ]
    table = ["| measure | result | target | met |", "|---|---|---|---|"]
    table += [f"| {a} | {b} | {c} | {'yes' if d else '**no**'} |" for a, b, c, d in rows]
    return (
        f"# Pressroom at the moment a release goes out, {results['started']}\n\n"
        f"gunicorn {WORKERS} workers, PostgreSQL and Redis of its own, {RELEASES:,} releases, "
        f"{CONNECTIONS} wrk connections, {ROUNDS} steady and {ROUNDS} publish runs of "
        f"{SECONDS} s alternating (medians); load average {results['load_average']:.1f} "
        "before.\n\n" + "\n".join(table) + "\n"
    )


def main() -> None:
    if os.geteuid() != 0:
        sys.exit("make bench-publish runs PostgreSQL as the postgres user: run it as root.")
    measure.ensure_wrk()
    started = datetime.now(UTC)
    load = os.getloadavg()[0]
    found = run()
    results = {
        "started": started.isoformat(timespec="seconds"),
        "load_average": load,
        "summary": summary(found["rounds"]),
        **found,
    }
    measure.keep_results(started, "publish", results, report(results))


if __name__ == "__main__":
    main()
