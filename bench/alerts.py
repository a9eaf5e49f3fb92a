"""Deliver one release to 100,000 subscribers through db_worker; print and save the figures.

`make bench-alerts` runs this. It builds a throwaway SQLite database in
bench/.work/alerts/ (or uses DATABASE_URL), seeds N confirmed subscribers of
mixed languages and topics (`seed_subscribers`), starts W `manage.py db_worker`
processes and a local aiosmtpd sink on a free port of 127.0.0.1, publishes one
release and waits until the sink has every email. It reports messages per
second, the total time from publishing to the last email, each worker's peak
memory, and the count delivered against the count expected, with duplicates.
"""

import argparse
import json
import os
import shutil
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

import measure

ROOT = measure.ROOT
WORK = ROOT / "bench" / ".work" / "alerts"
RESULTS = ROOT / "bench" / "results"

PUBLISH = """
from django.db import transaction
from django.utils import timezone
from releases.models import Release, Topic
# As the admin does: the release and its topics in one transaction, announced once committed.
with transaction.atomic():
    release = Release(status=Release.Status.PUBLISHED, publish_at=timezone.now())
    for code, title, body in (
        ("zh-hant", "海關在香港國際機場檢獲懷疑冰毒",
         "香港海關今日在香港國際機場檢獲約二十公斤懷疑冰毒。"),
        ("en", "Customs seizes suspected methamphetamine at airport",
         "Hong Kong Customs today seized about 20 kilograms of suspected methamphetamine."),
    ):
        release.set_current_language(code)
        release.title, release.body = title, body
    release.save()
    release.topics.set(Topic.objects.filter(slug="anti-smuggling"))
"""


def manage(environment: dict, *arguments: str) -> str:
    done = subprocess.run(
        [sys.executable, "manage.py", *arguments],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
    )
    if done.returncode:
        sys.exit(f"manage.py {arguments[0]} failed:\n{done.stderr}")
    return done.stdout


def peak_memory_mb(pid: int) -> float:
    """The process's peak resident memory (VmHWM), in MB."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return 0.0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--subscribers", type=int, default=100_000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--timeout", type=int, default=900)
    options = parser.parse_args()

    shutil.rmtree(WORK, ignore_errors=True)
    WORK.mkdir(parents=True)
    sink = measure.MailSink()
    sink.start()
    environment = {
        **os.environ,
        "DATABASE_URL": os.environ.get("DATABASE_URL", f"sqlite:///{WORK / 'db.sqlite3'}"),
        "DJANGO_CACHE_DIR": str(WORK / "cache"),
        "EMAIL_URL": sink.url,
        "PRESSROOM_SITE_URL": "https://press.example.org",
        "DJANGO_DEBUG": "0",
        "DJANGO_SECRET_KEY": "bench-only-" + "x" * 50,
        "DJANGO_ALLOWED_HOSTS": "press.example.org",
        "DJANGO_DEFAULT_FROM_EMAIL": "Customs and Excise Department <press-alerts@example.org>",
        "DJANGO_LOG_LEVEL": "WARNING",
        "ALERTS_SENDERS": str(options.workers),
    }
    if environment["DATABASE_URL"].startswith("postgres"):
        manage(environment, "flush", "--noinput")
    manage(environment, "migrate", "--noinput")
    started = time.monotonic()
    manage(environment, "seed_subscribers", str(options.subscribers))
    print(f"seeded {options.subscribers} subscribers in {time.monotonic() - started:.1f} s")

    workers = [
        subprocess.Popen(
            [
                sys.executable,
                "manage.py",
                "db_worker",
                "--interval",
                "0.5",
                "--no-startup-delay",
                "--no-reload",
                "--verbosity",
                "0",
            ],
            cwd=ROOT,
            env=environment,
        )
        for _ in range(options.workers)
    ]
    try:
        published = time.monotonic()
        manage(environment, "shell", "-c", PUBLISH)
        expected = options.subscribers
        first_at = None
        while time.monotonic() - published < options.timeout:
            total = sink.total
            if total and first_at is None:
                first_at = time.monotonic()
            if total >= expected:
                break
            time.sleep(0.2)
        finished = time.monotonic()
        # Anything sent twice would arrive now.
        time.sleep(5)
        memory = [round(peak_memory_mb(worker.pid), 1) for worker in workers]
    finally:
        for worker in workers:
            worker.terminate()
        for worker in workers:
            worker.wait(timeout=30)
        sink.stop()

    delivered = len(sink.received)
    duplicates = sink.duplicates
    total_seconds = finished - published
    result = {
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "database": environment["DATABASE_URL"].split(":", 1)[0],
        "cores": os.cpu_count(),
        "load_average": [round(value, 2) for value in os.getloadavg()],
        "subscribers": options.subscribers,
        "workers": options.workers,
        "expected": expected,
        "delivered": delivered,
        "duplicates": duplicates,
        "total_seconds": round(total_seconds, 1),
        "first_email_after_seconds": round((first_at or finished) - published, 1),
        "messages_per_second": round(sink.total / total_seconds, 1),
        "worker_peak_memory_mb": memory,
    }
    print(json.dumps(result, indent=2))
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "alerts.json").write_text(json.dumps(result, indent=2) + "\n")
    if delivered != expected or duplicates:
        sys.exit("Not every email was delivered exactly once.")


if __name__ == "__main__":
    main()
