"""Browser tests: Playwright drives Debian's Chromium against the live server."""

import io
import os

import pytest
from django.core.management import call_command

from testing.factories import restart_ids

# Playwright's sync API keeps an event loop running in this thread; the live
# server's database set-up would otherwise be refused as unsafe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("PRESSROOM_CHROMIUM", "/usr/bin/chromium")


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
        ],
    }


@pytest.fixture
def site(live_server, transactional_db):
    """The live server with the demo release loaded (as release number 1)."""
    restart_ids()
    call_command("load_demo", stdout=io.StringIO())
    return live_server
