"""`manage.py seed_releases N` makes a bilingual corpus for benchmarks."""

import io

import pytest
from django.core.management import call_command
from django.db import connection

from releases.models import Release, Topic
from testing.statistics import planner_rows

pytestmark = pytest.mark.django_db


def test_seed_releases_creates_public_bilingual_releases_with_topics(client):
    call_command("seed_releases", "25", "--batch", "10", stdout=io.StringIO())

    assert Release.objects.public().count() == 25
    assert Topic.objects.count() == 6
    release = Release.objects.with_translations().first()
    assert sorted(t.language_code for t in release.translations.all()) == ["en", "zh-hant"]
    assert release.topics.count() == 1
    page = client.get(release.get_absolute_url()).content.decode()
    assert release.safe_translation_getter("title", language_code="en") in page
    assert release.safe_translation_getter("title", language_code="zh-hant") in page


def test_seed_releases_is_repeatable_with_a_seed():
    def titles() -> list[str]:
        return [
            r.safe_translation_getter("title", language_code="en") for r in Release.objects.all()
        ]

    call_command("seed_releases", "5", "--seed", "7", stdout=io.StringIO())
    first = sorted(titles())
    Release.objects.all().delete()
    call_command("seed_releases", "5", "--seed", "7", stdout=io.StringIO())

    assert sorted(titles()) == first


def test_seeding_makes_cached_pages_fresh(
    client, demo_release, django_capture_on_commit_callbacks
):
    call_command("seed_releases", "1", stdout=io.StringIO())  # topics exist from here on
    client.get("/en/")

    # The page cache learns of each batch once it commits.
    with django_capture_on_commit_callbacks(execute=True):
        call_command("seed_releases", "3", "--seed", "7", stdout=io.StringIO())
    page = client.get("/en/").content.decode()

    assert page.count("Customs seizes") + page.count("Customs holds") == 4


def test_seed_releases_leaves_the_planner_statistics_of_what_it_wrote():
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL's statistics: SQLite is left to its own rules")
    # PostgreSQL keeps statistics past a rolled-back test: write a number they cannot hold.
    count = (planner_rows("releases_release") or 0) + 17

    output = io.StringIO()
    call_command("seed_releases", str(count), "--batch", "10", stdout=output)

    assert planner_rows("releases_release") == count
    assert planner_rows("releases_searchdocument") == count
    assert "tables analysed" in output.getvalue()


def test_seed_releases_merges_the_full_text_index_it_wrote_in_batches(client):
    if connection.vendor != "sqlite":
        pytest.skip("SQLite's FTS5 index: PostgreSQL's GIN indexes need no merging")

    output = io.StringIO()
    call_command("seed_releases", "30", "--batch", "10", stdout=output)

    assert "full-text index merged" in output.getvalue()
    page = client.get("/en/releases/", {"q": "customs"}).content.decode()
    assert "30 press releases" in page
