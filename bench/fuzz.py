"""Send generated hostile requests at a production set-up; count the answers by status.

`make fuzz` runs this (not CI). It serves a throwaway SQLite database (the
demo release and a few hundred seeded ones) with gunicorn as production does
(DJANGO_DEBUG=0, collected static files, the file cache) on a free port of
127.0.0.1, then sends one overlong path of each kind under every prefix
(OVERLONG_PREFIXES: /media/, /static/, /api/, both languages…) and REQUESTS
requests that Hypothesis generates: random and overlong paths, bad UTF-8 and
broken percent-encoding, every public query parameter with hostile values,
and odd headers (huge cookies, bad Accept-Language, If-None-Match,
If-Modified-Since, X-Forwarded-*). Requests go one at a time over raw sockets
(so nothing is cleaned up on the way), which also ties each 5xx to the lines
the server logged while answering it.

It prints and keeps in bench/results/ the count of each status and every
request that got a 5xx, with the traceback from the server's log. Bounded:
FUZZ_REQUESTS (10,000) requests, FUZZ_SECONDS (900) seconds at most.
"""

import os
import shutil
import socket
import subprocess
import sys
import time
from collections import Counter
from datetime import UTC, datetime
from urllib.parse import quote, quote_from_bytes

import measure
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

WORK = measure.ROOT / "bench" / ".work" / "fuzz"
REQUESTS = int(os.environ.get("FUZZ_REQUESTS", 10_000))
SECONDS = int(os.environ.get("FUZZ_SECONDS", 900))
SEEDED_RELEASES = 300

PREFIXES = [
    "/",
    "/zh-hant/",
    "/en/",
    "/zh-hans/",
    "/en/releases/",
    "/zh-hant/releases/",
    "/zh-hans/releases/1/",
    "/en/releases/1/aeo-expert-mission-and-symposium-for-asean-and-hong-kong-china/",
    "/en/releases/preview/1/",
    "/en/feed/",
    "/zh-hant/feed/atom/",
    "/en/topics/",
    "/sitemap.xml",
    "/robots.txt",
    "/healthz",
    "/static/",
    "/media/",
    "/admin/",
    "/admin/login/",
]
# Names longer than a file system takes (255 bytes a name), under every prefix that may reach
# a file or a route: each must be a 404 (or gunicorn's own 400 past its request line), never
# the 500 of ENAMETOOLONG. Each is also sent once, before the generated requests.
OVERLONG_PREFIXES = [
    "/media/",
    "/media/releases/",
    "/media/releases/1/attachments/",
    "/media/releases/1/images/",
    "/static/",
    "/static/css/",
    "/api/",
    "/api/v1/",
    "/api/v1/releases/",
    "/zh-hant/",
    "/zh-hant/releases/",
    "/en/",
    "/en/releases/1/",
    "/zh-hans/",
    "/admin/",
    "/",
]
OVERLONG_NAMES = [
    "a" * 300,
    quote("報" * 100) + ".pdf",
    "/".join(["x" * 250] * 12),
]

# Every parameter a public page reads, and a few it does not.
PARAMETERS = ["q", "topic", "year", "month", "page", "p", "fbclid", "utm_source", "language"]

HOSTILE_VALUES = [
    "-1",
    "0",
    "1e309",
    "99999999999999999999999999",
    "NaN",
    "Infinity",
    "１２",
    "٣",
    "2023\x00",
    "' OR 1=1 --",
    '"; DROP TABLE releases_release; --',
    "<script>alert(1)</script>",
    "{{ 7*7 }}",
    "%",
    "%%",
    "%zz",
    "%E4%B8",
    "../../../../etc/passwd",
    "海關" * 600,
    "a" * 5000,
    "\u202e\u200b\ufeff",
    "AND",
    "OR NOT NEAR",
    '"',
    "*",
    "^",
    "NEAR(海關 customs, 2)",
    ":",
    "()",
]


def _percent_bytes(data: bytes) -> str:
    """Percent-encode every byte: bad UTF-8 arrives intact."""
    return "".join(f"%{byte:02X}" for byte in data)


text_value = st.text(max_size=80)
encoded_value = st.one_of(
    text_value.map(lambda value: quote(value, safe="")),
    st.binary(max_size=40).map(_percent_bytes),
    st.sampled_from(HOSTILE_VALUES).map(lambda value: quote(value, safe="%")),
    st.sampled_from(["%", "%G1", "%E4%B8", "%FF%FE", "%C0%AF", "%00", "+%2B+"]),
    st.integers(min_value=-(10**30), max_value=10**30).map(str),
)
query = st.lists(
    st.tuples(st.one_of(st.sampled_from(PARAMETERS), text_value.map(quote)), encoded_value),
    max_size=6,
).map(lambda pairs: "&".join(f"{name}={value}" for name, value in pairs))
segment = st.one_of(
    text_value.map(lambda value: quote(value, safe="")),
    st.binary(min_size=1, max_size=30).map(quote_from_bytes),
    st.binary(min_size=1, max_size=30).map(_percent_bytes),
    st.sampled_from(["..", ".", "%2e%2e", "%2F", "%", "%zz", "1", "99999999999999999999", "-1"]),
)
path = st.one_of(
    st.tuples(st.sampled_from(PREFIXES), st.lists(segment, max_size=4)).map(
        lambda parts: (parts[0] + "/".join(parts[1])).encode()
    ),
    st.sampled_from(PREFIXES).map(str.encode),
    # Raw bytes, unescaped: what a broken client or a scanner sends.
    st.tuples(st.sampled_from(PREFIXES), st.binary(min_size=1, max_size=30)).map(
        lambda parts: parts[0].encode() + parts[1].replace(b" ", b"").replace(b"\r", b"")
    ),
    st.integers(min_value=1_000, max_value=9_000).map(lambda size: b"/en/" + b"a" * size),
    st.tuples(
        st.sampled_from(OVERLONG_PREFIXES),
        st.one_of(
            st.integers(min_value=256, max_value=1_500).map(lambda size: "a" * size),
            st.integers(min_value=86, max_value=400).map(lambda size: quote("報" * size)),
            st.integers(min_value=2, max_value=15).map(
                lambda count: "/".join(["b" * 250] * count)
            ),
        ),
    ).map(lambda parts: (parts[0] + parts[1]).encode()),
)
target = st.tuples(path, st.one_of(st.just(""), query)).map(
    lambda parts: parts[0] + (b"?" + parts[1].encode() if parts[1] else b"")
)


def _header_bytes(value: bytes) -> bytes:
    """Keep a header to one line: anything else may go in it."""
    return value.replace(b"\r", b"").replace(b"\n", b"")


header_value = st.one_of(
    text_value.map(lambda value: _header_bytes(value.encode("utf-8", "replace"))),
    st.binary(max_size=60).map(_header_bytes),
)
headers = st.dictionaries(
    st.sampled_from(
        [
            b"Cookie",
            b"Accept-Language",
            b"If-None-Match",
            b"If-Modified-Since",
            b"Accept-Encoding",
            b"X-Forwarded-For",
            b"X-Forwarded-Proto",
            b"Range",
            b"Referer",
            b"User-Agent",
        ]
    ),
    st.one_of(
        header_value,
        st.sampled_from(
            [
                b"sessionid=" + b"a" * 7_000,
                b"csrftoken=" + b"x" * 64 + b"; sessionid=not-a-session",
                b"; ; =; sessionid",
                b"zh-hant;q=abc",
                b"*;q=1e999",
                b"en-US,en;q=0.9,zh-Hant-HK;q=0.8",
                b"zh-hans-cn-u-nu-hanidec",
                b"x" * 4_000,
                b'W/"',
                b'"' * 200,
                b"*",
                b"Mon, 32 Foo 2023 25:61:61 GMT",
                b"99999999999999999999",
                b"gzip;q=NaN, br, *;q=-1",
                b"bytes=0-0,-1,1-",
            ]
        ),
    ),
    max_size=4,
)
method = st.sampled_from([b"GET"] * 8 + [b"HEAD", b"HEAD", b"POST", b"OPTIONS", b"PUT", b"FOO"])


def send(port: int, verb: bytes, where: bytes, fields: dict[bytes, bytes]) -> str:
    """Send one raw HTTP/1.1 request; return its status code, or why there was none."""
    lines = [verb + b" " + where + b" HTTP/1.1", f"Host: {measure.HOST}:{port}".encode()]
    lines += [name + b": " + value for name, value in fields.items()]
    lines += [b"Connection: close", b"Content-Length: 0"]
    try:
        with socket.create_connection((measure.HOST, port), timeout=30) as connection:
            connection.sendall(b"\r\n".join(lines) + b"\r\n\r\n")
            reply = b""
            while chunk := connection.recv(65536):
                reply += chunk
    except OSError as error:
        return f"no answer ({type(error).__name__})"
    status_line = reply.split(b"\r\n", 1)[0].split()
    return status_line[1].decode() if len(status_line) > 1 else "no answer (closed)"


def build_database() -> dict:
    shutil.rmtree(WORK, ignore_errors=True)
    WORK.mkdir(parents=True)
    env = measure.production_environment(
        DATABASE_URL=f"sqlite:///{WORK / 'fuzz.sqlite3'}", DJANGO_CACHE_DIR=str(WORK / "cache")
    )
    print(f"Building a database of {SEEDED_RELEASES + 1} releases…", flush=True)
    measure.collect_and_migrate(env)
    quiet = {"stdout": subprocess.DEVNULL}
    for command in (["load_demo"], ["seed_releases", str(SEEDED_RELEASES)]):
        subprocess.run(
            [sys.executable, "manage.py", *command], cwd=measure.ROOT, env=env, check=True, **quiet
        )
    return env


def fuzz(port: int, log_path) -> dict:
    """Send the generated requests; return the statuses and every 5xx with its log."""
    statuses: Counter = Counter()
    failures: list[dict] = []
    deadline = time.monotonic() + SECONDS

    @settings(
        max_examples=REQUESTS,
        database=None,
        deadline=None,
        phases=[Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    @given(verb=method, where=target, fields=headers)
    def one_request(verb: bytes, where: bytes, fields: dict[bytes, bytes]) -> None:
        if time.monotonic() > deadline:
            return
        logged = log_path.stat().st_size
        status = send(port, verb, where, fields)
        statuses[status] += 1
        if status.startswith("5") or status.startswith("no answer"):
            time.sleep(0.2)  # Let the worker finish writing its traceback.
            with log_path.open("rb") as log:
                log.seek(logged)
                trace = log.read().decode("utf-8", "replace").replace(f"{measure.ROOT}/", "")
            failures.append(
                {
                    "status": status,
                    "request": f"{verb.decode()} {where!r}",
                    "headers": {name.decode(): repr(text[:200]) for name, text in fields.items()},
                    "log": trace[-4000:],
                }
            )

    for prefix in OVERLONG_PREFIXES:
        for name in OVERLONG_NAMES:
            one_request.hypothesis.inner_test(b"GET", (prefix + name).encode(), {})
    overlong = dict(statuses)
    one_request()
    return {
        "sent": sum(statuses.values()),
        "statuses": dict(statuses),
        "overlong": overlong,
        "failures": failures,
    }


def report(results: dict) -> str:
    found = results["found"]
    rows = ["| status | responses |", "|---|---|"]
    rows += [f"| {status} | {count:,} |" for status, count in sorted(found["statuses"].items())]
    lines = [
        f"# Pressroom fuzz, {results['started']} ({results['seconds']} s)\n",
        f"{found['sent']:,} generated requests (Hypothesis) against gunicorn with "
        f"DJANGO_DEBUG=0; load average {results['load_average']:.1f} before.\n",
        *rows,
        "",
        f"Of these, {sum(found['overlong'].values())} overlong paths sent first, one of each "
        f"kind under every prefix ({', '.join(OVERLONG_PREFIXES)}): "
        + ", ".join(f"{count} × {status}" for status, count in sorted(found["overlong"].items()))
        + ".",
        "",
        f"5xx and unanswered requests: {len(found['failures'])}.",
    ]
    for failure in found["failures"]:
        lines += [
            "",
            f"## {failure['status']}: `{failure['request'][:300]}`",
            "",
            f"Headers: `{failure['headers']}`",
            "",
            "```",
            failure["log"].strip() or "(nothing logged)",
            "```",
        ]
    return "\n".join(lines) + "\n"


def main() -> None:
    env = build_database()
    port = measure.free_port()
    log_path = WORK / "server.log"
    started = datetime.now(UTC)
    load = os.getloadavg()[0]
    with log_path.open("wb") as log, measure.gunicorn(env, port, log=log):
        print(f"Sending up to {REQUESTS:,} requests for at most {SECONDS} s…", flush=True)
        found = fuzz(port, log_path)
    results = {
        "started": started.isoformat(timespec="seconds"),
        "seconds": round((datetime.now(UTC) - started).total_seconds()),
        "load_average": load,
        "found": found,
    }
    measure.keep_results(started, "fuzz", results, report(results))
    if any(failure["status"].startswith("5") for failure in found["failures"]):
        sys.exit(1)


if __name__ == "__main__":
    main()
