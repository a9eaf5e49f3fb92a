"""Benchmark Pressroom at 100 and at 100,000 releases; print and save a table of ratios.

`make bench` runs this on SQLite, `make bench DB=postgres` on the local
PostgreSQL (`--db postgres`). It builds two throwaway databases (SQLite files
in bench/.work/, or PostgreSQL databases it creates, analyses and drops again
on BENCH_POSTGRES_URL's server, 127.0.0.1:5432 by default) with `load_demo`,
then `seed_releases`, serves both side by side with
gunicorn as production does (DJANGO_DEBUG=0, collected static files,
whitenoise, two workers each, a file cache of their own) on free ports of
127.0.0.1 (PORT=… chooses the large one's), and measures, each as a ratio
within this one run:

1. requests per second for the release page from the page cache, and
   rendered afresh, against a static file of the same bytes served by the
   same gunicorn and whitenoise (wrk; bounded connections and duration);
2. the median time of each page when rendered afresh, at 100,000 releases
   against 100, requests alternating between the two servers; pages the
   branch does not have (404) are left out, with a note; and each search at
   100,000 against the plain archive page there. Searches and filtered lists
   are measured twice and named so: "asked again" (the counts kept from the
   request before) and "first time" (the servers' caches emptied before each
   request), as a reader meets almost every search and, after a publish,
   every list;
3. queries per page (first request after a change, rendered afresh, cached);
4. the compressed bytes of the release page and its stylesheet, and
   Lighthouse's scores for the home and release pages;
5. the page cache's hit rate for a mix of links with tracking parameters
   (bench/hit_rate.py).

"Rendered afresh" means served with the page cache off (DJANGO_PAGE_CACHE=0),
everything else exactly as in production; a third server of the large
database, with its page cache on, answers the cached measures.

`--only throughput` measures 1. alone, on one database of `--size` releases
(100,000 unless told): a minute or two, for comparing two versions of the code
run after one another.
"""

import argparse
import json
import os
import secrets
import shutil
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import hit_rate
import measure
import psycopg
from pages import BASELINES, FIRST_TIME, PAGES, SIZES
from report import TARGETS, report

WORK = measure.ROOT / "bench" / ".work"
# One copy per database, so runs on both at once do not share it.
STATIC_COPY = Path("bench") / "release-page-{db}.html"
THROUGHPUT_ROUNDS = 5
DATABASES = ("sqlite", "postgres")
POSTGRES_URL = os.environ.get("BENCH_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/postgres")


def environment(database_url: str, name: str, page_cache: bool = False) -> dict:
    """Return a production-like environment for one database, with no shared cache."""
    return measure.production_environment(
        DJANGO_ALLOWED_HOSTS=f"{measure.HOST},localhost,testserver",
        DATABASE_URL=database_url,
        # Each server keeps its own cache.
        DJANGO_CACHE_DIR=str(WORK / f"cache-{name}{'-on' * page_cache}"),
        DJANGO_PAGE_CACHE="1" if page_cache else "0",
    )


def _postgres_url(database: str) -> str:
    return urlunsplit(urlsplit(POSTGRES_URL)._replace(path=f"/{database}"))


@contextmanager
def databases(kind: str) -> Iterator[dict[int, str]]:
    """Yield an empty throwaway database's URL for each size; drop them afterwards."""
    if kind == "sqlite":
        urls = {}
        for size in SIZES:
            database = WORK / f"bench-{size}.sqlite3"
            for leftover in WORK.glob(f"{database.name}*"):
                leftover.unlink()
            urls[size] = f"sqlite:///{database}"
        yield urls
        return
    names = {size: f"pressroom_bench_{size}_{secrets.token_hex(4)}" for size in SIZES}
    with psycopg.connect(POSTGRES_URL, autocommit=True) as server:
        for name in names.values():
            server.execute(f'CREATE DATABASE "{name}"')
    try:
        yield {size: _postgres_url(name) for size, name in names.items()}
    finally:
        with psycopg.connect(POSTGRES_URL, autocommit=True) as server:
            for name in names.values():
                server.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def build_database(size: int, env: dict) -> None:
    shutil.rmtree(env["DJANGO_CACHE_DIR"], ignore_errors=True)
    print(f"Building a database of {size:,} releases…", flush=True)
    measure.manage(env, "migrate", "--noinput", "-v0")
    quiet = {"stdout": subprocess.DEVNULL}
    subprocess.run([sys.executable, "manage.py", "load_demo"], cwd=measure.ROOT, env=env, **quiet)
    subprocess.run(
        [sys.executable, "manage.py", "seed_releases", str(size - 1), "--batch", "5000"],
        cwd=measure.ROOT,
        env=env,
        check=True,
        **quiet,
    )
    if env["DATABASE_URL"].startswith("postgres"):
        # As autovacuum leaves a live database: statistics for the planner, and a
        # visibility map for index-only scans.
        with psycopg.connect(env["DATABASE_URL"], autocommit=True) as database:
            database.execute("VACUUM ANALYZE")


def release_path(port: int) -> str:
    status, headers, _body = measure.get(port, "/zh-hant/releases/1/")
    assert status == 301, f"the demo release should redirect to its slug, not answer {status}"
    return headers["Location"]


def measure_all(
    kind: str, envs: dict[int, dict], ports: dict[int, int], lighthouse: Path | None
) -> dict:
    """Serve both databases side by side and measure them; return the findings."""
    for size, env in envs.items():
        build_database(size, env)
    small, large = SIZES
    cached = environment(envs[large]["DATABASE_URL"], f"{kind}-{large}", page_cache=True)
    shutil.rmtree(cached["DJANGO_CACHE_DIR"], ignore_errors=True)
    found: dict = {"medians_ms": {}, "missing": [], "baseline": {}}
    with (
        measure.gunicorn(envs[small], ports[small]),
        measure.gunicorn(envs[large], ports[large]) as server,
        measure.gunicorn(cached, ports["cached"]),
    ):
        pages = {**PAGES, "release": release_path(ports[large])}
        for name, path in pages.items():
            if measure.get(ports[large], path)[0] == 404:
                found["missing"].append(name)
                continue
            baseline = BASELINES.get(name, name)
            found["baseline"][name] = baseline
            found["medians_ms"][name] = dict(
                zip(
                    (str(small), str(large)),
                    measure.paired_medians_ms(
                        (ports[small], pages[baseline]), (ports[large], path)
                    ),
                    strict=True,
                )
            )
        found["first_time_ms"] = {
            name: dict(
                zip(
                    (str(small), str(large)),
                    measure.paired_medians_ms(
                        (ports[small], pages[found["baseline"][name]]),
                        (ports[large], pages[name]),
                        before_each=lambda: empty_caches(envs.values()),
                    ),
                    strict=True,
                )
            )
            for name in FIRST_TIME
            if name in found["medians_ms"]
        }
        static_copy = Path(STATIC_COPY.as_posix().format(db=kind))
        found["hit_rate"] = hit_rate.hit_rate(
            ports["cached"], Path(cached["DJANGO_CACHE_DIR"]), pages["release"]
        )
        found["throughput"] = throughput(
            server, ports[large], ports["cached"], pages["release"], static_copy
        )
        found["bytes"] = measure.compressed_bytes(ports[large], pages["release"])
        if lighthouse:
            base = f"http://{measure.HOST}:{ports[large]}"
            found["lighthouse"] = {
                name: measure.lighthouse(lighthouse, base + pages[name])
                for name in ("home", "release")
            }
    present = {name: pages[name] for name in found["medians_ms"]}
    output = subprocess.run(
        [sys.executable, str(measure.ROOT / "bench" / "queries.py"), json.dumps(present)],
        cwd=measure.ROOT,
        env=cached,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    found["queries"] = json.loads(output)
    return found


def measure_throughput_only(kind: str, env: dict, ports: dict) -> dict:
    """Measure 1. alone: the release page, cached and afresh, against a static file."""
    build_database(int(env["BENCH_SIZE"]), env)
    cached = environment(env["DATABASE_URL"], f"{kind}-only-on", page_cache=True)
    shutil.rmtree(cached["DJANGO_CACHE_DIR"], ignore_errors=True)
    port = ports[SIZES[1]]
    with measure.gunicorn(env, port) as server, measure.gunicorn(cached, ports["cached"]):
        release = release_path(port)
        static_copy = Path(STATIC_COPY.as_posix().format(db=kind))
        return {"throughput": throughput(server, port, ports["cached"], release, static_copy)}


def empty_caches(envs) -> None:
    """Empty the servers' file caches: the next request asks everything for the first time."""
    for env in envs:
        for entry in Path(env["DJANGO_CACHE_DIR"]).glob("*"):
            entry.unlink(missing_ok=True)


def throughput(
    server: subprocess.Popen, port: int, cached_port: int, release: str, copy: Path
) -> dict:
    """Compare the release page, cached and not, with a static file of the same bytes."""
    page = measure.get(port, release)[2]
    static_root = measure.ROOT / "staticfiles"
    (static_root / copy).parent.mkdir(exist_ok=True)
    (static_root / copy).write_bytes(page)
    static = f"/static/{copy.as_posix()}"
    measure.reload_workers(server, port, static)
    assert len(measure.get(port, static)[2]) == len(page)
    print("Measuring throughput with wrk…", flush=True)
    runs: dict[str, list[float]] = {"static": [], "cached": [], "uncached": []}
    # Rounds alternate the three, and each keeps its best: other processes on the
    # machine can only slow a run down, and alternating spreads their effect evenly.
    for _round in range(THROUGHPUT_ROUNDS):
        runs["static"].append(measure.throughput(port, static))
        runs["cached"].append(measure.throughput(cached_port, release))
        runs["uncached"].append(measure.throughput(port, release))
    return {"page_bytes": len(page), "runs": runs} | {
        kind: max(rates) for kind, rates in runs.items()
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=int(os.environ.get("PORT") or 0))
    parser.add_argument("--db", choices=DATABASES, default="sqlite")
    parser.add_argument("--only", choices=("throughput",), help="measure 1. alone")
    parser.add_argument("--size", type=int, default=SIZES[1], help="releases, with --only")
    arguments = parser.parse_args()
    port = arguments.port or measure.free_port()
    ports = {SIZES[0]: measure.free_port(), SIZES[1]: port, "cached": measure.free_port()}
    measure.ensure_wrk()
    WORK.mkdir(parents=True, exist_ok=True)
    static_env = environment(f"sqlite:///{WORK / 'unused.sqlite3'}", "unused")
    measure.manage(static_env, "collectstatic", "--noinput", "-v0")
    lighthouse = None if arguments.only else measure.install_lighthouse(WORK / "lighthouse")
    started = datetime.now(UTC)
    results = {
        "started": started.isoformat(timespec="seconds"),
        "database": arguments.db,
        "machine": {
            "cpus": os.cpu_count(),
            "python": sys.version.split()[0],
            "load_average_before": os.getloadavg()[0],
        },
        "targets": TARGETS,
    }
    with databases(arguments.db) as urls:
        envs = {size: environment(url, f"{arguments.db}-{size}") for size, url in urls.items()}
        if arguments.only:
            env = envs[SIZES[1]] | {"BENCH_SIZE": str(arguments.size)}
            results["size"] = arguments.size
            results["found"] = measure_throughput_only(arguments.db, env, ports)
        else:
            results["found"] = measure_all(arguments.db, envs, ports, lighthouse)
    results["seconds"] = round((datetime.now(UTC) - started).total_seconds())
    # Other processes on the machine weigh on every figure; the table says how much.
    results["machine"]["load_average_after"] = os.getloadavg()[0]
    table = report(results)
    machine = results["machine"]
    database = {"sqlite": "SQLite", "postgres": "PostgreSQL"}[arguments.db]
    title = (
        f"# Pressroom benchmark on {database}, {results['started']} ({results['seconds']} s)"
        f"{f', throughput only, {arguments.size:,} releases' if arguments.only else ''}\n\n"
        f"{machine['cpus']} CPUs; load average {machine['load_average_before']:.1f} before, "
        f"{machine['load_average_after']:.1f} after.\n\n"
    )
    kind = f"{arguments.db}-throughput" if arguments.only else arguments.db
    measure.keep_results(started, kind, results, f"{title}{table}\n")


if __name__ == "__main__":
    main()
