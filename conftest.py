"""Test-only settings and the fixtures every test file shares."""

import io
import os
from importlib import import_module
from urllib.parse import urlsplit, urlunsplit

import pytest
import time_machine
from django.apps import apps as django_apps
from django.contrib.auth.models import User
from django.core.cache import cache
from django.core.management import call_command
from django.db.models.signals import post_migrate
from django.utils import translation

from releases.models import Release, Term
from testing import flushing
from testing.api_client import ApiClient
from testing.clock import TEST_START
from testing.factories import make_release, restart_ids, signed_in, staff_member


def worker_redis_url(url: str, worker: str | None) -> str:
    """Return `url` moved to a Redis database of the xdist worker's own.

    The Redis tests flush their database, so two workers sharing one would empty each
    other's keys in the middle of a test. Worker gw0 gets the next database after the
    given one (/0 becomes /1), gw1 the one after (/2); without workers the URL is kept.
    """
    if not worker:
        return url
    parts = urlsplit(url)
    number = int(parts.path.strip("/") or 0) + int(worker.removeprefix("gw")) + 1
    return urlunsplit(parts._replace(path=f"/{number}"))


def pytest_configure(config):
    flushing.install()
    # Every Redis test reads this variable (`make test` sets it), so it is changed here once.
    url = os.environ.get("PRESSROOM_TEST_REDIS_URL")
    if url:
        worker = os.environ.get("PYTEST_XDIST_WORKER")
        os.environ["PRESSROOM_TEST_REDIS_URL"] = worker_redis_url(url, worker)


def seed_glossary_again(sender, **kwargs) -> None:
    """Put the seeded glossary back after a transactional test flushed the tables.

    Data migrations run once, when the test database is made; a transactional
    test empties every table when it ends (and Django then sends post_migrate),
    and with tests spread over workers file by file, other tests run after it.
    """
    if sender.name == "releases" and not Term.objects.exists():
        glossary = import_module("releases.migrations.0012_glossary_and_checked_findings")
        glossary.seed_glossary(django_apps, None)


@pytest.fixture(autouse=True, scope="session")
def seeds_survive_a_flush():
    post_migrate.connect(seed_glossary_again, dispatch_uid="tests-seed-glossary-again")


@pytest.fixture(autouse=True)
def clock():
    with time_machine.travel(TEST_START, tick=True) as traveller:
        yield traveller


@pytest.fixture(autouse=True)
def test_settings(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    settings.ALLOWED_HOSTS = ["testserver", "127.0.0.1", "localhost"]
    # django-axes refuses client.login(), which passes no request; its own tests turn it on.
    settings.AXES_ENABLED = False
    # Each test's database is rolled back, so nothing cached may outlive it: the page
    # cache's pages and generations, and the search counts kept with them.
    cache.clear()
    # A request leaves its language active in this thread; each test starts from the default.
    with translation.override(settings.LANGUAGE_CODE):
        yield


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    """Uploads of each test go to a fresh temporary folder, never the repository's."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def demo_release(db) -> Release:
    restart_ids()
    call_command("load_demo", stdout=io.StringIO())
    return Release.objects.get()


@pytest.fixture
def release_factory(db):
    return make_release


@pytest.fixture
def editor(db) -> User:
    return staff_member("eddie", "Editors")


@pytest.fixture
def publisher(db) -> User:
    return staff_member("pat", "Publishers")


@pytest.fixture
def editor_client(client, editor):
    return signed_in(client, editor)


@pytest.fixture
def publisher_client(client, publisher):
    return signed_in(client, publisher)


@pytest.fixture
def mailbox(settings):
    """A real SMTP server on a free port of 127.0.0.1, which the site sends through."""
    from testing.mailbox import Mailbox

    box = Mailbox()
    box.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", box.port
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
    settings.EMAIL_TIMEOUT = 5
    settings.SITE_URL = "https://press.example.org"
    yield box
    box.stop()


@pytest.fixture
def api_client(client):
    """Read the JSON API, each answer checked against its OpenAPI document."""
    return ApiClient(client)
