"""Test-only settings and the fixtures every test file shares."""

import io

import pytest
from django.core.cache import cache
from django.core.management import call_command

from releases.models import Release
from tests.factories import make_release, restart_ids


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
    # Each test's database is rolled back, so nothing cached may outlive it
    # (parler caches translations by primary key, which the next test reuses).
    cache.clear()


@pytest.fixture
def demo_release(db) -> Release:
    restart_ids()
    call_command("load_demo", stdout=io.StringIO())
    return Release.objects.get()


@pytest.fixture
def release_factory(db):
    return make_release
