"""How the benchmark serves Pressroom and measures it: gunicorn, wrk, timings, Lighthouse.

Every request goes to 127.0.0.1 only, and every load run is bounded in
connections and duration.
"""

import http.client
import json
import os
import re
import secrets
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
HOST = "127.0.0.1"
WRK_THREADS, WRK_CONNECTIONS, WRK_SECONDS = 2, 8, 3
TIMED_REQUESTS, WARM_UP_REQUESTS = 40, 3
CHROMIUM = os.environ.get("CHROME_PATH", "/usr/bin/chromium")


RESULTS = ROOT / "bench" / "results"


def keep_results(started, kind: str, results: dict, text: str) -> None:
    """Keep a run's findings in bench/results/ as JSON and its table as Markdown; print both."""
    RESULTS.mkdir(exist_ok=True)
    stem = RESULTS / f"{started.strftime('%Y-%m-%dT%H%M')}-{kind}"
    stem.with_suffix(".json").write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n")
    stem.with_suffix(".md").write_text(text)
    print(f"\n{text}\nSaved as {stem.relative_to(ROOT)}.json and .md")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return probe.getsockname()[1]


class MailSink:
    """A local SMTP server (aiosmtpd) counting every recipient of every accepted message."""

    def __init__(self) -> None:
        from aiosmtpd.controller import Controller

        self.received: Counter[str] = Counter()
        self.lock = threading.Lock()
        self.port = free_port()
        self.controller = Controller(self, hostname=HOST, port=self.port)
        self.url = f"smtp://{HOST}:{self.port}"

    async def handle_DATA(self, server, session, envelope):
        with self.lock:
            self.received.update(envelope.rcpt_tos)
        return "250 OK"

    @property
    def total(self) -> int:
        with self.lock:
            return sum(self.received.values())

    @property
    def duplicates(self) -> int:
        with self.lock:
            return sum(count - 1 for count in self.received.values() if count > 1)

    def clear(self) -> None:
        with self.lock:
            self.received.clear()

    def start(self) -> None:
        self.controller.start()

    def stop(self) -> None:
        self.controller.stop()


def manage(env: dict, *args: str) -> None:
    subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env, check=True)


def get(port: int, path: str, headers: dict | None = None) -> tuple[int, dict, bytes]:
    """Fetch a path from the server; return status, headers and the body as sent."""
    connection = http.client.HTTPConnection(HOST, port, timeout=30)
    try:
        connection.request("GET", path, headers=headers or {})
        response = connection.getresponse()
        return response.status, dict(response.getheaders()), response.read()
    finally:
        connection.close()


def production_environment(**settings: str) -> dict:
    """Return the environment of a production-like server on 127.0.0.1, with `settings` added.

    Debug is off, with a fresh secret key; plain HTTP on the loopback, since no
    proxy in front ends TLS. A REDIS_URL of the caller's own is left out, so a
    run shares no cache with anything else: pass one to use Redis.
    """
    env = {key: value for key, value in os.environ.items() if key != "REDIS_URL"}
    return {
        **env,
        "DJANGO_DEBUG": "0",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "DJANGO_ALLOWED_HOSTS": f"{HOST},localhost",
        "DJANGO_DEFAULT_FROM_EMAIL": "Customs and Excise Department <press-alerts@example.org>",
        "DJANGO_SECURE_SSL_REDIRECT": "0",
        "DJANGO_LOG_LEVEL": "WARNING",
        **settings,
    }


def collect_and_migrate(env: dict) -> None:
    """Collect the static files and build the database's tables, as a deployment does."""
    manage(env, "collectstatic", "--noinput", "-v0")
    manage(env, "migrate", "--noinput", "-v0")


@contextmanager
def gunicorn(
    env: dict, port: int, workers: int = 2, log: IO | None = None
) -> Iterator[subprocess.Popen]:
    """Serve the project as production does: gunicorn, 2 workers, whitenoise for static.

    `log`, when given, receives the server's output (Django's log, with tracebacks).
    """
    command = [str(BIN / "gunicorn"), "pressroom.wsgi:application", "--workers", str(workers)]
    command += ["--bind", f"{HOST}:{port}", "--log-level", "warning"]
    server = subprocess.Popen(command, cwd=ROOT, env=env, stdout=log, stderr=log)
    try:
        wait_until_served(port, "/zh-hant/", server)
        yield server
    finally:
        server.send_signal(signal.SIGTERM)
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            # A worker stuck on a lost connection must not outlive the run.
            server.kill()
            server.wait(timeout=30)


def wait_until_served(port: int, path: str, server: subprocess.Popen) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError("gunicorn stopped while starting; see its output above")
        try:
            if get(port, path)[0] == 200:
                return
        except OSError:
            pass
        time.sleep(0.2)
    raise RuntimeError(f"http://{HOST}:{port}{path} was not served within 30 s")


def reload_workers(server: subprocess.Popen, port: int, path: str) -> None:
    """Restart the workers, so whitenoise sees a file added to STATIC_ROOT."""
    server.send_signal(signal.SIGHUP)
    time.sleep(1)
    # Both new workers must answer before anything is measured.
    for _ in range(6):
        wait_until_served(port, path, server)


def ensure_wrk() -> str:
    """Return wrk's path, installing Debian's package when it is missing."""
    if not shutil.which("wrk"):
        print("Installing wrk from Debian's packages…", flush=True)
        apt = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
        subprocess.run(["apt-get", "update", "-qq"], check=True, env=apt)
        subprocess.run(["apt-get", "install", "-y", "-qq", "wrk"], check=True, env=apt)
    return shutil.which("wrk")


def throughput(port: int, path: str) -> float:
    """Return requests per second wrk gets from a path; refuse runs with errors."""
    command = ["wrk", f"-t{WRK_THREADS}", f"-c{WRK_CONNECTIONS}", f"-d{WRK_SECONDS}s"]
    output = subprocess.run(
        [*command, f"http://{HOST}:{port}{path}"], capture_output=True, text=True, check=True
    ).stdout
    if "Non-2xx or 3xx responses" in output:
        raise RuntimeError(f"wrk saw failed responses for {path}:\n{output}")
    return float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))


# wrk requests the paths in turn (from a random start per connection), counts the answers
# by status, and prints the latency percentiles.
MIX_SCRIPT = """
local paths = {%s}
local threads = {}
function setup(thread) table.insert(threads, thread) end
function init(args) statuses = {}; counter = math.random(#paths) end
function request()
  counter = counter %% #paths + 1
  return wrk.format("GET", paths[counter])
end
function response(status, headers, body) statuses[status] = (statuses[status] or 0) + 1 end
function done(summary, latency, requests)
  local total = {}
  for _, thread in ipairs(threads) do
    for code, count in pairs(thread:get("statuses")) do
      total[code] = (total[code] or 0) + count
    end
  end
  io.write("STATUSES")
  for code, count in pairs(total) do io.write(string.format(" %%d=%%d", code, count)) end
  io.write("\\n")
  io.write(string.format("P50 %%d\\nP99 %%d\\n", latency:percentile(50), latency:percentile(99)))
end
"""


def load_mix(port: int, paths: list[str], seconds: float, connections: int) -> dict:
    """Run wrk over `paths` in turn; return requests, statuses, socket errors, p50 and p99."""
    script = MIX_SCRIPT % ", ".join(json.dumps(path) for path in paths)
    with tempfile.NamedTemporaryFile("w", suffix=".lua") as lua:
        lua.write(script)
        lua.flush()
        command = ["wrk", "-t4", f"-c{connections}", f"-d{seconds}s", "--timeout", "10s"]
        output = subprocess.run(
            [*command, "-s", lua.name, f"http://{HOST}:{port}/"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
    statuses = dict(
        (int(code), int(count))
        for code, count in (
            pair.split("=") for pair in re.search(r"STATUSES(.*)", output).group(1).split()
        )
    )
    socket_errors = re.search(r"Socket errors: (.*)", output)
    return {
        "requests": int(re.search(r"(\d+) requests in", output).group(1)),
        "statuses": statuses,
        "socket_errors": socket_errors.group(1) if socket_errors else "none",
        "p50_ms": int(re.search(r"P50 (\d+)", output).group(1)) / 1000,
        "p99_ms": int(re.search(r"P99 (\d+)", output).group(1)) / 1000,
    }


def paired_medians_ms(
    first: tuple[int, str],
    second: tuple[int, str],
    before_each: Callable[[], None] | None = None,
) -> tuple[float, float]:
    """Return the median times, in ms, of two pages (port, path) from servers without a cache.

    Requests alternate between the two, so a change in the machine's load
    during the run weighs on both alike. `before_each`, when given, runs (untimed)
    before every request: emptying the servers' caches makes each a first time.
    """
    times: dict[tuple[int, str], list[float]] = {first: [], second: []}
    for n in range(-WARM_UP_REQUESTS, TIMED_REQUESTS):
        for port, path in times:
            if before_each:
                before_each()
            started = time.perf_counter()
            status, _headers, _body = get(port, path)
            elapsed = (time.perf_counter() - started) * 1000
            if status != 200:
                raise RuntimeError(f"{path} answered {status}")
            if n >= 0:
                times[port, path].append(elapsed)
    return statistics.median(times[first]), statistics.median(times[second])


def compressed_bytes(port: int, path: str) -> dict:
    """Return the bytes a browser accepting gzip downloads for a page and its stylesheet."""
    gzip = {"Accept-Encoding": "gzip"}
    _status, headers, page = get(port, path, gzip)
    stylesheet = re.search(rb'<link rel="stylesheet" href="([^"]+)"', get(port, path)[2])
    css = len(get(port, stylesheet.group(1).decode(), gzip)[2]) if stylesheet else 0
    return {
        "html": len(page),
        "html_encoding": headers.get("Content-Encoding", "none"),
        "css": css,
        "total": len(page) + css,
    }


def install_lighthouse(folder: Path) -> Path | None:
    """Install Lighthouse into a folder of the benchmark's own; None when it cannot run."""
    binary = folder / "node_modules" / ".bin" / "lighthouse"
    if not (shutil.which("npm") and Path(CHROMIUM).exists()):
        return None
    if not binary.exists():
        print("Installing Lighthouse with npm…", flush=True)
        folder.mkdir(parents=True, exist_ok=True)
        subprocess.run(
            ["npm", "install", "--prefix", str(folder), "--no-audit", "--no-fund", "lighthouse"],
            check=True,
            stdout=subprocess.DEVNULL,
        )
    return binary


LIGHTHOUSE_TRIES = 3


def lighthouse_report(binary: Path, url: str) -> dict:
    """Run Lighthouse on a page; return its JSON report.

    Lighthouse now and then fails to record a page load's trace (NO_NAVSTART),
    so a failed run is tried again before the benchmark gives up.
    """
    for attempt in range(1, LIGHTHOUSE_TRIES + 1):
        with tempfile.TemporaryDirectory() as profile, tempfile.TemporaryDirectory() as out:
            report = Path(out) / "report.json"
            flags = f"--headless --no-sandbox --disable-gpu --user-data-dir={profile}"
            options = ["--quiet", f"--chrome-flags={flags}", "--output=json"]
            done = subprocess.run(
                [str(binary), url, *options, f"--output-path={report}"],
                env={**os.environ, "CHROME_PATH": CHROMIUM},
            )
            if done.returncode == 0:
                return json.loads(report.read_text())
        print(f"Lighthouse failed on {url} (try {attempt} of {LIGHTHOUSE_TRIES})", flush=True)
    raise RuntimeError(f"Lighthouse failed {LIGHTHOUSE_TRIES} times on {url}")


def lighthouse(binary: Path, url: str) -> dict:
    """Return Lighthouse's category scores (0–100), audits that lost points, bytes loaded."""
    result = lighthouse_report(binary, url)
    scores = {
        name: round(category["score"] * 100) for name, category in result["categories"].items()
    }
    scores["bytes"] = int(result["audits"]["total-byte-weight"]["numericValue"])
    # Name what cost points, so a score under 100 says why.
    scores["lost_points"] = {
        name: [
            ref["id"]
            for ref in category["auditRefs"]
            if ref["weight"] and (result["audits"][ref["id"]]["score"] or 0) < 1
        ]
        for name, category in result["categories"].items()
    }
    return scores
