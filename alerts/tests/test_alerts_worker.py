"""A real `manage.py db_worker` killed in the middle of a fan-out, then started again.

The worker runs in processes of its own on a database file of its own; the
SMTP server kills it (SIGKILL, no chance to clean up) while it is handing over
a message, so that message was never accepted. Started again, the worker must
deliver every remaining email, and none twice.
"""

import os
import signal
import sqlite3
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pytest

from testing.mailbox import Mailbox

ROOT = Path(__file__).resolve().parents[2]
SUBSCRIBERS = 120
KILL_AT = 50

PUBLISH = """
from django.utils import timezone
from releases import publishing
from releases.models import Release, Topic
# As the desk does: the release and its topics in one save, announced once committed.
release = Release(publish_at=timezone.now())
for code, title in (("zh-hant", "海關打擊走私"), ("en", "Customs fights smuggling")):
    release.set_current_language(code)
    release.title, release.body = title, title
publishing.save(
    release,
    publishing.Step(Release.Status.PUBLISHED),
    user=None,
    now=timezone.now(),
    write_related=lambda: release.topics.set(Topic.objects.filter(slug="anti-smuggling")),
)
"""


class KillingMailbox(Mailbox):
    """Accept messages until the KILL_AT-th, then kill the worker before answering it."""

    worker: subprocess.Popen | None = None

    async def handle_DATA(self, server, session, envelope):
        if len(self.messages) + 1 == KILL_AT and self.worker is not None:
            os.kill(self.worker.pid, signal.SIGKILL)
            self.worker = None
            return "421 Shutting down"
        return await super().handle_DATA(server, session, envelope)


def manage(environment: dict, *arguments: str) -> None:
    subprocess.run(
        [sys.executable, "manage.py", *arguments],
        cwd=ROOT,
        env=environment,
        check=True,
        capture_output=True,
        timeout=120,
    )


def start_worker(environment: dict) -> subprocess.Popen:
    return subprocess.Popen(
        [
            sys.executable,
            "manage.py",
            "db_worker",
            "--interval",
            "0.2",
            "--no-startup-delay",
            "--no-reload",
            "--verbosity",
            "0",
        ],
        cwd=ROOT,
        env=environment,
    )


def wait_for(condition, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.1)
    return condition()


@pytest.fixture
def killing_mailbox():
    box = KillingMailbox()
    box.start()
    yield box
    box.stop()


def test_a_worker_killed_mid_fan_out_and_started_again_sends_the_rest_and_none_twice(
    killing_mailbox, tmp_path
):
    environment = {
        "PATH": os.environ["PATH"],
        # A development site: debug is off unless asked for, and then needs a secret key.
        "DJANGO_DEBUG": "1",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        "DJANGO_CACHE_DIR": str(tmp_path / "cache"),
        "EMAIL_URL": f"smtp://127.0.0.1:{killing_mailbox.port}",
        "PRESSROOM_SITE_URL": "https://press.example.org",
        # A killed sender's emails are free again after two seconds, not five minutes.
        "ALERTS_CLAIM_SECONDS": "2",
    }
    manage(environment, "migrate", "--noinput")
    manage(environment, "seed_subscribers", str(SUBSCRIBERS))
    manage(environment, "shell", "-c", PUBLISH)

    first = start_worker(environment)
    killing_mailbox.worker = first
    try:
        assert wait_for(lambda: first.poll() is not None, 60), "the worker was never killed"
        assert first.returncode == -signal.SIGKILL
        assert len(killing_mailbox.messages) == KILL_AT - 1

        second = start_worker(environment)
        try:
            assert wait_for(lambda: len(killing_mailbox.messages) >= SUBSCRIBERS, 60)
        finally:
            second.terminate()
            second.wait(timeout=10)
    finally:
        if first.poll() is None:
            first.kill()

    received = Counter(message["X-Envelope-To"] for message in killing_mailbox.messages)
    assert len(received) == SUBSCRIBERS
    assert set(received.values()) == {1}
    # Every email is recorded as sent, so no worker will ever send one again.
    with sqlite3.connect(tmp_path / "db.sqlite3") as database:
        statuses = dict(database.execute("SELECT status, COUNT(*) FROM alerts_email GROUP BY 1"))
    assert statuses == {"sent": SUBSCRIBERS}
