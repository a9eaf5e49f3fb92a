"""Serve the production set-up under sustained load while its services fail; print what held.

`make soak` runs this (not CI; about 3 minutes). It starts its own throwaway
PostgreSQL cluster (initdb into a temporary folder, run as the `postgres`
user) and its own `redis-server`, each on a free port of 127.0.0.1, builds a
database of a few thousand releases and a thousand email subscribers, and
serves it with gunicorn (4 workers, DJANGO_DEBUG=0, REDIS_URL, the page cache
on) and `db_worker` (started again whenever it exits, as systemd's
`Restart=always` would), sending to a local aiosmtpd sink. Then, while `wrk`
drives 64 connections for 120 s over a mix of pages (home, archive pages,
searches in both languages, release pages in three languages, feeds, the
sitemap, 404s):

- a publisher signed in to the admin saves and publishes a release over HTTP
  every second, and each change is looked for on the public release page,
  read until eight reads in a row (each a new connection, so spread over the
  workers) show it;
- at 30 s Redis stops for 10 s; at 60 s PostgreSQL restarts; at 90 s one
  gunicorn worker is killed with SIGKILL (SOAK_SECONDS shortens the run and
  moves these with it);
- two releases scheduled before the run come due, one before the PostgreSQL
  restart and one after it, and each subscriber must get each exactly once.

It prints and keeps in bench/results/: requests served, answers by status
(503s are expected while the database restarts; any other 5xx is a failure),
socket errors, p50/p99 latency, saves acknowledged against saves found in the
database afterwards, the longest a change took to show, and the alert emails
delivered against those expected, with duplicates. Only the
services it started are stopped or restarted, and its folder is removed.
"""

import html.parser
import http.client
import os
import re
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import IO
from urllib.parse import quote, urlencode

import measure

# SOAK_SECONDS shortens a trial run; the faults keep their places in it.
SECONDS = int(os.environ.get("SOAK_SECONDS", 120))
CONNECTIONS = 64
WORKERS = 4
RELEASES = 3_000
SUBSCRIBERS = 1_000
# When the scheduled releases come due: before the database restart, and after it.
ALERTS_DUE_AT = (SECONDS * 3 / 8, SECONDS * 5 / 8)
ALERTS_WAIT = 60.0
REDIS_DOWN_AT, REDIS_DOWN_FOR = SECONDS / 4, SECONDS / 12
POSTGRES_RESTART_AT = SECONDS / 2
WORKER_KILLED_AT = SECONDS * 3 / 4
READS_IN_A_ROW = 8
SHOW_TIMEOUT = 10.0
PUBLISHER, PASSWORD = "soak-publisher", secrets.token_urlsafe(16)
TITLE = "Soak save {number}"

PAGES = [
    "/zh-hant/",
    "/en/",
    "/zh-hans/",
    "/zh-hant/releases/",
    "/en/releases/?page=3",
    "/zh-hant/releases/?year=2015",
    f"/zh-hant/releases/?q={quote('海關')}",
    f"/zh-hans/releases/?q={quote('海关')}",
    "/en/releases/?q=customs",
    "/en/releases/?q=drug+seizure",
    "{release}",
    "{release_en}",
    "{release_hans}",
    "/zh-hant/feed/",
    "/en/feed/atom/",
    "/sitemap.xml",
    "/en/releases/999999/",
    "/en/no-such-page/",
]


def postgres_bin(name: str) -> str:
    """Return a PostgreSQL server program: Debian keeps them out of PATH."""
    found = sorted(Path("/usr/lib/postgresql").glob(f"*/bin/{name}"))
    return str(found[-1]) if found else name


class Postgres:
    """A throwaway PostgreSQL cluster of this run's own, run as the `postgres` user."""

    def __init__(self, folder: Path) -> None:
        self.data = folder / "postgres"
        self.data.mkdir()
        shutil.chown(self.data, "postgres", "postgres")
        self.port = measure.free_port()
        options = f"-p {self.port} -k {self.data} -c listen_addresses={measure.HOST}"
        options += " -c fsync=off -c max_connections=200"
        self.pg_ctl = ["runuser", "-u", "postgres", "--", postgres_bin("pg_ctl"), "-D"]
        self.pg_ctl += [str(self.data), "-l", str(self.data / "server.log"), "-w", "-o", options]
        self.url = f"postgres://postgres@{measure.HOST}:{self.port}/postgres"

    def start(self) -> None:
        initdb = [postgres_bin("initdb"), "-D", str(self.data), "-A", "trust", "-U", "postgres"]
        quiet = {"stdout": subprocess.DEVNULL, "check": True}
        subprocess.run(["runuser", "-u", "postgres", "--", *initdb, "--no-sync"], **quiet)
        subprocess.run([*self.pg_ctl, "start"], **quiet)

    def restart(self) -> None:
        subprocess.run([*self.pg_ctl, "restart", "-m", "fast"], stdout=subprocess.DEVNULL)

    def stop(self) -> None:
        subprocess.run([*self.pg_ctl, "stop", "-m", "immediate"], stdout=subprocess.DEVNULL)


class Redis:
    """A redis-server of this run's own, with nothing saved to disk."""

    def __init__(self) -> None:
        self.port = measure.free_port()
        self.url = f"redis://{measure.HOST}:{self.port}/0"
        self.process: subprocess.Popen | None = None

    def start(self) -> None:
        command = ["redis-server", "--port", str(self.port), "--bind", measure.HOST]
        command += ["--save", "", "--appendonly", "no"]
        self.process = subprocess.Popen(command, stdout=subprocess.DEVNULL)
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            ping = ["redis-cli", "-h", measure.HOST, "-p", str(self.port), "ping"]
            if subprocess.run(ping, capture_output=True).stdout.strip() == b"PONG":
                return
            time.sleep(0.1)
        raise RuntimeError("redis-server did not answer within 10 s")

    def stop(self) -> None:
        if self.process is not None:
            self.process.terminate()
            self.process.wait(timeout=10)
            self.process = None


@contextmanager
def services() -> Iterator[tuple[Path, Postgres, Redis, measure.MailSink]]:
    folder = Path(tempfile.mkdtemp(prefix="pressroom-soak-"))
    folder.chmod(0o755)  # The postgres user must reach its data folder inside.
    postgres, redis, sink = Postgres(folder), Redis(), measure.MailSink()
    try:
        postgres.start()
        redis.start()
        sink.start()
        yield folder, postgres, redis, sink
    finally:
        sink.stop()
        redis.stop()
        postgres.stop()
        shutil.rmtree(folder, ignore_errors=True)


def environment(postgres: Postgres, redis: Redis, sink: measure.MailSink) -> dict:
    return measure.production_environment(
        DATABASE_URL=postgres.url,
        REDIS_URL=redis.url,
        EMAIL_URL=sink.url,
        PRESSROOM_SITE_URL=f"http://{measure.HOST}",
        DJANGO_SECURE_PROXY_SSL_HEADER="0",
    )


def build(env: dict) -> None:
    print(f"Building a PostgreSQL database of {RELEASES:,} releases…", flush=True)
    measure.collect_and_migrate(env)
    quiet = {"stdout": subprocess.DEVNULL, "check": True, "cwd": measure.ROOT, "env": env}
    subprocess.run([sys.executable, "manage.py", "load_demo"], **quiet)
    subprocess.run([sys.executable, "manage.py", "seed_releases", str(RELEASES - 1)], **quiet)
    subprocess.run([sys.executable, "manage.py", "seed_subscribers", str(SUBSCRIBERS)], **quiet)
    # The demo release's announcement is already queued: sent now, it is not counted.
    drain = ["db_worker", "--batch", "--no-reload", "--verbosity", "0"]
    subprocess.run([sys.executable, "manage.py", *drain], **quiet)
    publisher = (
        "from django.contrib.auth.models import Group, User; "
        f"user = User.objects.create_user({PUBLISHER!r}, password={PASSWORD!r}, is_staff=True); "
        "user.groups.add(Group.objects.get(name='Publishers'))"
    )
    subprocess.run([sys.executable, "manage.py", "shell", "-v", "0", "-c", publisher], **quiet)


def in_database(env: dict, code: str) -> str:
    command = [sys.executable, "manage.py", "shell", "-v", "0", "-c", code]
    return subprocess.run(
        command, cwd=measure.ROOT, env=env, capture_output=True, text=True, check=True
    ).stdout.strip()


class FormFields(html.parser.HTMLParser):
    """Collect what a browser would submit from the admin's change form."""

    def __init__(self) -> None:
        super().__init__()
        self.fields: list[tuple[str, str]] = []
        self._textarea: tuple[str, list[str]] | None = None
        self._select: str | None = None

    def handle_starttag(self, tag: str, attrs: list) -> None:
        attributes = dict(attrs)
        name = attributes.get("name")
        if tag == "input" and name and attributes.get("type") not in {"submit", "file"}:
            if attributes.get("type") not in {"checkbox", "radio"} or "checked" in attributes:
                self.fields.append((name, attributes.get("value") or ""))
        elif tag == "textarea" and name:
            self._textarea = (name, [])
        elif tag == "select" and name:
            self._select = name
        elif tag == "option" and self._select and "selected" in attributes:
            self.fields.append((self._select, attributes.get("value") or ""))

    def handle_endtag(self, tag: str) -> None:
        if tag == "textarea" and self._textarea is not None:
            name, parts = self._textarea
            # HTML drops the newline that opens a textarea; Django writes one there.
            self.fields.append((name, "".join(parts).removeprefix("\n")))
            self._textarea = None
        elif tag == "select":
            self._select = None

    def handle_data(self, data: str) -> None:
        if self._textarea is not None:
            self._textarea[1].append(data)


class Publisher:
    """A publisher using the admin over HTTP, with the cookies a browser would keep."""

    def __init__(self, port: int) -> None:
        self.port = port
        self.cookies: dict[str, str] = {}

    def request(self, method: str, path: str, form: list | None = None) -> tuple[int, dict, str]:
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())}
        body = None
        if form is not None:
            body = urlencode(form)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        connection = http.client.HTTPConnection(measure.HOST, self.port, timeout=15)
        try:
            connection.request(method, path, body=body, headers=headers)
            response = connection.getresponse()
            for name, value in response.getheaders():
                if name.lower() == "set-cookie":
                    cookie = value.split(";", 1)[0]
                    key, _, content = cookie.partition("=")
                    self.cookies[key] = content
            return response.status, dict(response.getheaders()), response.read().decode()
        finally:
            connection.close()

    def sign_in(self) -> None:
        self.request("GET", "/admin/login/")
        form = [
            ("csrfmiddlewaretoken", self.cookies["csrftoken"]),
            ("username", PUBLISHER),
            ("password", PASSWORD),
            ("next", "/admin/"),
        ]
        status, _headers, _page = self.request("POST", "/admin/login/?next=/admin/", form)
        if status != 302:
            raise RuntimeError(f"the publisher could not sign in ({status})")

    def publish(self, pk: int, title: str) -> str:
        """Save a release with new titles, published; return the admin's answer.

        "saved" is the admin's redirect after a save; anything else is a status
        code, or "no answer" when the server did not answer in time.
        """
        url = f"/admin/releases/release/{pk}/change/"
        status, _headers, page = self.request("GET", url)
        if status != 200:
            return str(status)
        form_html = re.search(r'<form[^>]*id="release_form".*?</form>', page, re.S)
        parser = FormFields()
        parser.feed(form_html.group(0) if form_html else page)
        # The desk edits both languages on one page, and publishes a change to one only
        # once the other is reviewed: a correction changes both titles.
        changed = {"title_en": title, "title_zh_hant": f"{title}（中文）", "status": "published"}
        fields = [(n, v) for n, v in parser.fields if n not in changed]
        fields += [*changed.items(), ("_save", "Save")]
        status, _headers, _page = self.request("POST", url, fields)
        return "saved" if status == 302 else str(status)


def what_shows(port: int, path: str, title: str, reads: int = READS_IN_A_ROW) -> str:
    """Read a page `reads` times in a row, each a new connection; say what the reads found.

    "shown" when every read showed the title; else what the first read that did
    not found: "old page", its status code, or "no answer".
    """
    for _ in range(reads):
        try:
            status, _headers, body = measure.get(port, path)
        except OSError:
            return "no answer"
        if status != 200:
            return str(status)
        if title.encode() not in body:
            return "old page"
    return "shown"


def publish_every_second(
    publisher: Publisher, pks: list[int], stop: threading.Event, found: dict
) -> None:
    port = publisher.port
    for number, pk in enumerate(pks):
        if stop.is_set():
            break
        started = time.monotonic()
        title = TITLE.format(number=number)
        try:
            answer = publisher.publish(pk, title)
        except OSError:
            answer = "no answer"
        saved, shown_after, first_read, misses = time.monotonic(), None, None, []
        if answer == "saved":
            path = f"/en/releases/{pk}/"
            status, headers, _body = measure.get(port, path)
            page = headers.get("Location", path) if status == 301 else path
            # What the first read after the save showed, and how long it waited: a change
            # slow to show is either stale pages or reads queued behind the load.
            read_began = time.monotonic()
            first_read = {"found": what_shows(port, page, title, reads=1)}
            first_read["seconds"] = round(time.monotonic() - read_began, 3)
            while time.monotonic() - saved < SHOW_TIMEOUT:
                # Shown from the first of the reads in a row that all show it: the time the
                # reads themselves wait under the load is not the change's delay.
                streak_began = time.monotonic()
                found_now = what_shows(port, page, title)
                if found_now == "shown":
                    shown_after = streak_began - saved
                    break
                misses.append(found_now)
        found["saves"].append(
            {
                "pk": pk,
                "answer": answer,
                "shown_after": shown_after,
                "first_read": first_read,
                # What each streak of reads that did not all show the change found first.
                "misses": misses,
            }
        )
        time.sleep(max(0.0, 1.0 - (time.monotonic() - started)))


PUBLIC_PKS = (
    "from releases.models import Release; "
    "print(' '.join(str(pk) for pk in Release.objects.public().order_by('-pk')"
    f".values_list('pk', flat=True)[:{SECONDS + 10}]))"
)


# Two releases of the topic every seeded subscriber follows, due during the run.
SCHEDULE = """
from datetime import timedelta
from django.db import transaction
from django.utils import timezone
from releases.models import Release, Topic
now = timezone.now()
for number, seconds in enumerate({due}):
    with transaction.atomic():
        due = now + timedelta(seconds=seconds)
        release = Release(status=Release.Status.PUBLISHED, publish_at=due)
        for code, title in (("zh-hant", f"預定發布 {{number}}"), ("en", f"Scheduled {{number}}")):
            release.set_current_language(code)
            release.title, release.body = title, title
        release.save()
        release.topics.set(Topic.objects.filter(slug="anti-smuggling"))
"""


def supervise_worker(env: dict, stop: threading.Event, log: list, output: IO) -> None:
    """Run db_worker, starting it again whenever it exits, until the run ends."""
    command = [sys.executable, "manage.py", "db_worker", "--no-reload", "--interval", "0.5"]
    began = time.monotonic()
    while not stop.is_set():
        worker = subprocess.Popen(command, cwd=measure.ROOT, env=env, stdout=output, stderr=output)
        while worker.poll() is None and not stop.wait(0.5):
            pass
        if worker.poll() is None:
            worker.terminate()
            worker.wait(timeout=30)
            return
        log.append(f"{time.monotonic() - began:.0f} s: db_worker exited ({worker.returncode})")
        stop.wait(1)


def faults(
    server: subprocess.Popen, postgres: Postgres, redis: Redis, stop: threading.Event, log: list
) -> None:
    """Stop Redis, restart PostgreSQL and kill a worker, each at its moment of the run."""
    began = time.monotonic()

    def until(moment: float) -> bool:
        """Wait for a moment of the run; False when the run ended first."""
        return not stop.wait(max(0.0, moment - (time.monotonic() - began)))

    if not until(REDIS_DOWN_AT):
        return
    redis.stop()
    log.append(f"{time.monotonic() - began:.0f} s: Redis stopped")
    # Started again whatever happens: the rest of the run needs it.
    until(REDIS_DOWN_AT + REDIS_DOWN_FOR)
    redis.start()
    log.append(f"{time.monotonic() - began:.0f} s: Redis started again")
    if not until(POSTGRES_RESTART_AT):
        return
    restart_began = time.monotonic()
    postgres.restart()
    log.append(
        f"{restart_began - began:.0f} s: PostgreSQL restarted "
        f"({time.monotonic() - restart_began:.1f} s)"
    )
    if not until(WORKER_KILLED_AT):
        return
    children = subprocess.run(
        ["ps", "-o", "pid=", "--ppid", str(server.pid)], capture_output=True, text=True
    ).stdout.split()
    if children:
        os.kill(int(children[0]), signal.SIGKILL)
        log.append(f"{time.monotonic() - began:.0f} s: gunicorn worker {children[0]} killed")


def drive(port: int, release: str) -> dict:
    """Run wrk over the mix of pages; return what it counted."""
    paths = [
        page.format(
            release=release,
            release_en=release.replace("/zh-hant/", "/en/"),
            release_hans=release.replace("/zh-hant/", "/zh-hans/"),
        )
        for page in PAGES
    ]
    return measure.load_mix(port, paths, SECONDS, CONNECTIONS)


def run() -> dict:
    with services() as (folder, postgres, redis, sink):
        env = environment(postgres, redis, sink)
        build(env)
        port = measure.free_port()
        log_path, worker_log_path = folder / "server.log", folder / "worker.log"
        found: dict = {"events": []}
        with (
            log_path.open("wb") as log,
            worker_log_path.open("wb") as worker_log,
            measure.gunicorn(env, port, WORKERS, log) as server,
        ):
            release = measure.get(port, "/zh-hant/releases/1/")[1]["Location"]
            # Set up before the load and the faults begin.
            pks = [int(pk) for pk in in_database(env, PUBLIC_PKS).split()]
            signed_in = Publisher(port)
            signed_in.sign_in()
            found["saves"] = []
            stop, worker_stop = threading.Event(), threading.Event()
            sink.clear()
            in_database(env, SCHEDULE.format(due=ALERTS_DUE_AT))
            worker = threading.Thread(
                target=supervise_worker, args=(env, worker_stop, found["events"], worker_log)
            )
            worker.start()
            publisher = threading.Thread(
                target=publish_every_second, args=(signed_in, pks, stop, found), daemon=True
            )
            breaker = threading.Thread(
                target=faults, args=(server, postgres, redis, stop, found["events"]), daemon=True
            )
            publisher.start()
            breaker.start()
            found["load"] = drive(port, release)
            stop.set()
            publisher.join(timeout=SHOW_TIMEOUT + 20)
            breaker.join(timeout=30)
            expected = len(ALERTS_DUE_AT) * SUBSCRIBERS
            deadline = time.monotonic() + ALERTS_WAIT
            while sink.total < expected and time.monotonic() < deadline:
                time.sleep(0.5)
            time.sleep(3)  # anything sent twice would arrive now
            worker_stop.set()
            worker.join(timeout=60)
        per_address = Counter(sink.received.values())
        found["alerts"] = {
            "expected": expected,
            "received": sink.total,
            "addresses": len(sink.received),
            "got_more_than_expected": sum(
                count for times, count in per_address.items() if times > len(ALERTS_DUE_AT)
            ),
        }
        found["saves_in_database"] = int(
            in_database(
                env,
                "from releases.models import ReleaseTranslation; print(ReleaseTranslation"
                ".objects.filter(language_code='en', title__startswith='Soak save ').count())",
            )
        )
        # The log goes with the folder: keep every traceback's last lines, which name
        # what failed (a worker timeout, a lost connection…).
        logged = log_path.read_text(errors="replace").replace(f"{measure.ROOT}/", "")
        found["tracebacks"] = last_lines_of_tracebacks(logged)
        found["worker_tracebacks"] = last_lines_of_tracebacks(
            worker_log_path.read_text(errors="replace").replace(f"{measure.ROOT}/", "")
        )
    return found


def last_lines_of_tracebacks(logged: str) -> list[str]:
    return [
        "\n".join(block.strip().splitlines()[-6:])
        for block in logged.split("Traceback (most recent call last)")[1:]
    ]


def report(results: dict) -> str:
    found = results["found"]
    load = found["load"]
    saves = found["saves"]
    taken = [save for save in saves if save["answer"] == "saved"]
    answers = Counter(save["answer"] for save in saves)
    shown = [save["shown_after"] for save in taken if save["shown_after"] is not None]
    alerts = found["alerts"]
    first_reads = [save["first_read"] for save in taken if save.get("first_read")]
    first_shown = [read for read in first_reads if read["found"] == "shown"]
    first_waits = [read["seconds"] for read in first_reads]
    other_5xx = sum(
        count for code, count in load["statuses"].items() if code >= 500 and code != 503
    )
    rows = [
        (f"requests served in {SECONDS} s", f"{load['requests']:,}"),
        (
            "answers by status",
            ", ".join(f"{code}: {count:,}" for code, count in sorted(load["statuses"].items())),
        ),
        ("5xx other than 503 (failures)", f"{other_5xx:,}"),
        ("socket errors", load["socket_errors"]),
        ("latency p50 / p99", f"{load['p50_ms']:.1f} ms / {load['p99_ms']:.1f} ms"),
        (
            "saves sent / acknowledged",
            f"{len(saves)} / {len(taken)} ("
            + ", ".join(f"{answer}: {count}" for answer, count in sorted(answers.items()))
            + ")",
        ),
        ("acknowledged saves found in the database", f"{found['saves_in_database']}"),
        (
            "the first read after a save showed the change",
            f"{len(first_shown)} of {len(taken)} (that read waited up to "
            f"{max(first_waits, default=0):.1f} s in the queue)",
        ),
        ("changes shown on 8 reads in a row", f"{len(shown)} of {len(taken)}"),
        (
            "longest from a save to 8 reads in a row showing it (reads queued behind the load)",
            f"{max(shown):.2f} s" if shown else "–",
        ),
        ("tracebacks in the server log", str(len(found["tracebacks"]))),
        (
            "alert emails received / expected (2 scheduled releases)",
            f"{alerts['received']:,} / {alerts['expected']:,}, to {alerts['addresses']:,} "
            f"addresses; {alerts['got_more_than_expected']} got one twice",
        ),
        ("tracebacks in the worker's log", str(len(found["worker_tracebacks"]))),
    ]
    table = ["| measure | result |", "|---|---|", *(f"| {a} | {b} |" for a, b in rows)]
    return (
        f"# Pressroom soak, {results['started']} ({results['seconds']} s)\n\n"
        f"gunicorn {WORKERS} workers, PostgreSQL and Redis of its own, {CONNECTIONS} wrk "
        f"connections; load average {results['load_average']:.1f} before.\n\n"
        + "\n".join(table)
        + "\n\nEvents: "
        + "; ".join(found["events"])
        + ".\n"
    )


def main() -> None:
    if os.geteuid() != 0:
        sys.exit("make soak runs PostgreSQL as the postgres user: run it as root.")
    measure.ensure_wrk()
    started = datetime.now(UTC)
    load = os.getloadavg()[0]
    found = run()
    results = {
        "started": started.isoformat(timespec="seconds"),
        "seconds": round((datetime.now(UTC) - started).total_seconds()),
        "load_average": load,
        "found": found,
    }
    measure.keep_results(started, "soak", results, report(results))


if __name__ == "__main__":
    main()
