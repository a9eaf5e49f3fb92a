"""Benchmark Pressroom at 100 and at 100,000 releases; print and save a table of ratios.

`make bench` runs this. It builds two throwaway SQLite databases in
bench/.work/ (`load_demo`, then `seed_releases`), serves both side by side with
gunicorn as production does (DJANGO_DEBUG=0, collected static files,
whitenoise, two workers each, the local-memory cache) on free ports of
127.0.0.1 (PORT=… chooses the large one's), and measures, each as a ratio
within this one run:

1. requests per second for the release page from the page cache, and
   rendered afresh, against a static file of the same bytes served by the
   same gunicorn and whitenoise (wrk; bounded connections and duration);
2. the median time of each page when rendered afresh, at 100,000 releases
   against 100, requests alternating between the two servers; pages the
   branch does not have (404) are left out, with a note;
3. queries per page (first request after a change, another address, cached);
4. the compressed bytes of the release page and its stylesheet, and
   Lighthouse's scores for the home and release pages.

"Rendered afresh" means each request carries a query string never seen
before (`?nocache=…`), so it misses the page cache while everything else,
settings included, is exactly as in production.
"""

import argparse
import json
import os
import secrets
import shutil
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import quote

import measure

WORK = measure.ROOT / "bench" / ".work"
RESULTS = measure.ROOT / "bench" / "results"
SIZES = (100, 100_000)
STATIC_COPY = Path("bench") / "release-page.html"
THROUGHPUT_ROUNDS = 5

PAGES = {
    "home": "/zh-hant/",
    "release": None,  # the demo release's address, asked of the server
    "archive page 1": "/zh-hant/releases/",
    "archive page 2,000": "/zh-hant/releases/?page=2000",
    "year filter": "/zh-hant/releases/?year=2015",
    "search 海關": f"/zh-hant/releases/?q={quote('海關')}",
    "search customs": "/en/releases/?q=customs",
    "API list": "/api/v1/releases",
    "API release": "/api/v1/releases/1",
}
# The API tells everything a release holds: its topics, contact, images, attachments
# and notes are a query each (api.loading), constant however many releases there are.
QUERY_TARGETS = {"API list": 9, "API release": 8}
SEARCHES = ("search 海關", "search customs")

TARGETS = {
    "cached_vs_static": 0.5,
    "uncached_vs_static": 0.2,
    "growth": 1.2,
    "search_ms": 50,
    "uncached_queries": 5,
    "release_bytes": 30_000,
    "lighthouse": 100,
}


def environment(database: Path) -> dict:
    """Return a production-like environment for one database, with no shared cache."""
    env = {key: value for key, value in os.environ.items() if key != "REDIS_URL"}
    return {
        **env,
        "DJANGO_DEBUG": "0",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost,testserver",
        "DATABASE_URL": f"sqlite:///{database}",
        # Each database's server keeps its own page cache.
        "DJANGO_CACHE_DIR": str(WORK / f"cache-{database.stem}"),
        "DJANGO_LOG_LEVEL": "WARNING",
        # Plain HTTP on the loopback: no proxy in front to end TLS.
        "DJANGO_SECURE_SSL_REDIRECT": "0",
    }


def build_database(size: int) -> Path:
    database = WORK / f"bench-{size}.sqlite3"
    for leftover in WORK.glob(f"{database.name}*"):
        leftover.unlink()
    env = environment(database)
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
    return database


def release_path(port: int) -> str:
    status, headers, _body = measure.get(port, "/zh-hant/releases/1/")
    assert status == 301, f"the demo release should redirect to its slug, not answer {status}"
    return headers["Location"]


def measure_all(ports: dict[int, int], lighthouse: Path | None) -> dict:
    """Serve both databases side by side and measure them; return the findings."""
    envs = {size: environment(build_database(size)) for size in SIZES}
    small, large = SIZES
    found: dict = {"medians_ms": {}, "missing": [], "baseline": {}}
    with (
        measure.gunicorn(envs[small], ports[small]),
        measure.gunicorn(envs[large], ports[large]) as server,
    ):
        pages = {**PAGES, "release": release_path(ports[large])}
        for name, path in pages.items():
            if measure.get(ports[large], path)[0] == 404:
                found["missing"].append(name)
                continue
            # Page 2,000 has no counterpart among 100 releases: compare it with page 1.
            baseline = name if measure.get(ports[small], path)[0] == 200 else "archive page 1"
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
        found["throughput"] = throughput(server, ports[large], pages["release"])
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
        env=envs[large],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    found["queries"] = json.loads(output)
    return found


def throughput(server: subprocess.Popen, port: int, release: str) -> dict:
    """Compare the release page, cached and not, with a static file of the same bytes."""
    page = measure.get(port, release)[2]
    static_root = measure.ROOT / "staticfiles"
    (static_root / STATIC_COPY).parent.mkdir(exist_ok=True)
    (static_root / STATIC_COPY).write_bytes(page)
    static = f"/static/{STATIC_COPY.as_posix()}"
    measure.reload_workers(server, port, static)
    assert len(measure.get(port, static)[2]) == len(page)
    print("Measuring throughput with wrk…", flush=True)
    runs: dict[str, list[float]] = {"static": [], "cached": [], "uncached": []}
    # Rounds alternate the three, and each keeps its best: other processes on the
    # machine can only slow a run down, and alternating spreads their effect evenly.
    for _round in range(THROUGHPUT_ROUNDS):
        runs["static"].append(measure.throughput(port, static))
        runs["cached"].append(measure.throughput(port, release))
        runs["uncached"].append(measure.throughput(port, release, cache_busting=True))
    return {"page_bytes": len(page), "runs": runs} | {
        kind: max(rates) for kind, rates in runs.items()
    }


def report(results: dict) -> str:
    """Return the results as a Markdown table, each row with its target and verdict."""
    found = results["found"]
    small, large = (str(size) for size in SIZES)
    rows = []

    def row(measure_name: str, value: str, target: str, met: bool | None) -> None:
        verdict = "–" if met is None else ("yes" if met else "**no**")
        rows.append(f"| {measure_name} | {value} | {target} | {verdict} |")

    rates = found["throughput"]
    for kind, target in [("cached", "cached_vs_static"), ("uncached", "uncached_vs_static")]:
        ratio = rates[kind] / rates["static"]
        row(
            f"1. release page {kind}, req/s against a static file of "
            f"{rates['page_bytes']:,} bytes",
            f"{rates[kind]:,.0f} / {rates['static']:,.0f} = {ratio:.0%}",
            f"≥ {TARGETS[target]:.0%}",
            ratio >= TARGETS[target],
        )
    for name, medians in found["medians_ms"].items():
        at_small, at_large = medians[small], medians[large]
        growth = at_large / at_small
        against = "" if found["baseline"][name] == name else f" ({found['baseline'][name]})"
        row(
            f"2. {name}: median at {SIZES[1]:,} against {SIZES[0]:,}{against}",
            f"{at_large:.1f} ms / {at_small:.1f} ms = {growth:.2f}×",
            f"≤ {TARGETS['growth']}×",
            growth <= TARGETS["growth"],
        )
        if name in SEARCHES:
            row(
                f"2. {name}: median at {SIZES[1]:,}",
                f"{at_large:.1f} ms",
                f"< {TARGETS['search_ms']} ms",
                at_large < TARGETS["search_ms"],
            )
    for name in found["missing"]:
        row(f"2. {name}", "not measured: the page does not exist (404) on this branch", "", None)
    for name, counts in found["queries"].items():
        most = QUERY_TARGETS.get(name, TARGETS["uncached_queries"])
        row(
            f"3. {name}: queries after a change / uncached / cached",
            f"{counts['after_change']} / {counts['uncached']} / {counts['cached']}",
            f"≤ {most} / ≤ {most} / 0",
            max(counts["after_change"], counts["uncached"]) <= most and counts["cached"] == 0,
        )
    sizes = found["bytes"]
    row(
        "4. release page transferred, gzip (HTML + CSS)",
        f"{sizes['html']:,} + {sizes['css']:,} = {sizes['total']:,} bytes",
        f"< {TARGETS['release_bytes']:,} bytes",
        sizes["total"] < TARGETS["release_bytes"],
    )
    if "lighthouse" not in found:
        row("4. Lighthouse", "not run: npm or Chromium is missing", "", None)
    for page, scores in found.get("lighthouse", {}).items():
        for category in ("performance", "accessibility", "best-practices", "seo"):
            row(
                f"4. Lighthouse {category}, {page}",
                str(scores[category])
                + (
                    f" ({', '.join(scores['lost_points'][category])})"
                    if scores[category] < 100
                    else ""
                ),
                str(TARGETS["lighthouse"]),
                scores[category] >= TARGETS["lighthouse"],
            )
    header = ["| measure | result | target | met |", "|---|---|---|---|"]
    return "\n".join(header + rows)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=int(os.environ.get("PORT") or 0))
    port = parser.parse_args().port or measure.free_port()
    ports = {SIZES[0]: measure.free_port(), SIZES[1]: port}
    measure.ensure_wrk()
    WORK.mkdir(parents=True, exist_ok=True)
    measure.manage(environment(WORK / "unused.sqlite3"), "collectstatic", "--noinput", "-v0")
    lighthouse = measure.install_lighthouse(WORK / "lighthouse")
    started = datetime.now(UTC)
    results = {
        "started": started.isoformat(timespec="seconds"),
        "machine": {
            "cpus": os.cpu_count(),
            "python": sys.version.split()[0],
            "load_average_before": os.getloadavg()[0],
        },
        "targets": TARGETS,
        "found": measure_all(ports, lighthouse),
    }
    results["seconds"] = round((datetime.now(UTC) - started).total_seconds())
    # Other processes on the machine weigh on every figure; the table says how much.
    results["machine"]["load_average_after"] = os.getloadavg()[0]
    table = report(results)
    RESULTS.mkdir(exist_ok=True)
    stem = RESULTS / started.strftime("%Y-%m-%dT%H%M")
    stem.with_suffix(".json").write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n")
    machine = results["machine"]
    title = (
        f"# Pressroom benchmark, {results['started']} ({results['seconds']} s)\n\n"
        f"{machine['cpus']} CPUs; load average {machine['load_average_before']:.1f} before, "
        f"{machine['load_average_after']:.1f} after.\n\n"
    )
    stem.with_suffix(".md").write_text(title + table + "\n")
    print(f"\n{title}{table}\n\nSaved as {stem.relative_to(measure.ROOT)}.json and .md")


if __name__ == "__main__":
    main()
