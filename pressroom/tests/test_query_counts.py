"""Public pages run a fixed number of queries, however much content there is, and none cached."""

import io
from collections.abc import Iterator
from dataclasses import dataclass

import pytest
import time_machine
from django.core.management import call_command
from django.db import connection, transaction
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone, translation

from releases.models import Release, Topic
from testing.clock import TEST_START
from testing.factories import (
    add_attachment,
    add_change_note,
    add_image,
    announce_change,
    restart_ids,
)
from website.cards import default_card_url, release_card_url
from website.days import day_url

pytestmark = pytest.mark.django_db


@dataclass
class Corpus:
    release: Release


def simplified(url: str) -> str:
    return url.replace("/zh-hant/", "/zh-hans/").replace("/en/", "/zh-hans/")


def a_year_and_month(corpus: Corpus) -> str:
    moment = timezone.localtime(corpus.release.publish_at)
    return f"{reverse('releases:archive')}?year={moment.year}&month={moment.month}"


def a_day(corpus: Corpus) -> str:
    return day_url(timezone.localdate(corpus.release.publish_at))


# One line per public page: how to reach it in a corpus, and its queries when not cached
# (a pair when the first page after a change runs more than the next uncached one).
# The archive: topics with their names; the years; the count; the page; its translations.
# The count is kept for the content version (pagecache.counts), so the next address of the
# list runs one fewer.
ARCHIVE = (5, 4)
# Search: topics with their names; the years; both groups' hits counted (one statement);
# both passes of the page (one statement); the page's translations and passages. The
# counts are kept for the content version too, so the same search again runs one fewer.
SEARCH = (5, 4)
API_LIST = 9
PAGES = [
    # Releases; their translations.
    pytest.param(lambda corpus: reverse("releases:home"), 2, id="home"),
    # The release with its translations; its contact with its; its topics, images,
    # attachments and change notes, each with theirs (Release.objects.get_for_page). All
    # but the first are kept per version of the release (website.release_pages), so the
    # page rendered again runs one.
    pytest.param(lambda corpus: corpus.release.get_absolute_url(), (6, 1), id="detail"),
    pytest.param(lambda corpus: corpus.release.get_parallel_url(), (6, 1), id="parallel"),
    # Simplified pages read the glossary's Simplified forms once, then from the cache.
    pytest.param(lambda corpus: simplified(reverse("releases:home")), (3, 2), id="zh-hans-home"),
    pytest.param(
        lambda corpus: simplified(corpus.release.get_absolute_url()),
        (7, 1),
        id="zh-hans-detail",
    ),
    pytest.param(lambda corpus: reverse("releases:archive"), ARCHIVE, id="archive"),
    pytest.param(a_year_and_month, ARCHIVE, id="archive-year-month"),
    pytest.param(
        lambda corpus: f"{reverse('releases:archive')}?topic=topic-0", ARCHIVE, id="archive-topic"
    ),
    pytest.param(
        lambda corpus: f"{reverse('releases:archive')}?q=海關", SEARCH, id="search-chinese"
    ),
    pytest.param(
        lambda corpus: f"{reverse('releases:archive')}?q=customs&topic=topic-0",
        SEARCH,
        id="search-english-in-a-topic",
    ),
    # A release's preview card (drawn once, then read from media storage): the release;
    # its translations.
    pytest.param(lambda corpus: release_card_url(corpus.release), 2, id="preview-card"),
    pytest.param(lambda corpus: default_card_url(), 0, id="default-preview-card"),
    # The day's releases; their translations.
    pytest.param(a_day, 2, id="day"),
    # Topics with their names; each topic's newest releases (one window query); their
    # translations.
    pytest.param(lambda corpus: reverse("releases:topics"), 3, id="topics"),
    # Topics with their names.
    pytest.param(lambda corpus: reverse("releases:feeds"), 1, id="feeds-page"),
    # Releases; their translations.
    pytest.param(lambda corpus: reverse("releases:feed"), 2, id="rss"),
    pytest.param(lambda corpus: reverse("releases:feed-atom"), 2, id="atom"),
    pytest.param(lambda corpus: reverse("releases:feed-json"), 2, id="json-feed"),
    # The topic with its names; releases; their translations.
    pytest.param(
        lambda corpus: reverse("releases:topic-feed", kwargs={"slug": "topic-0"}),
        3,
        id="topic-rss",
    ),
    # Releases with both translations' titles.
    pytest.param(lambda corpus: reverse("sitemap"), 1, id="sitemap"),
    # The API: the public releases and, apart, the withdrawn ones (api.releases); their
    # translations; topic links; the topics with their names; contacts with theirs; images,
    # attachments and change notes with theirs (api.loading). One release: one query first.
    pytest.param(lambda corpus: "/api/v1/releases?limit=100", API_LIST, id="api-list"),
    pytest.param(lambda corpus: "/api/v1/releases/1", API_LIST - 1, id="api-detail"),
    # The topic's existence, then the same.
    pytest.param(
        lambda corpus: "/api/v1/releases?topic=topic-0&q=customs&updated_since=2000-01-01",
        API_LIST + 1,
        id="api-list-filtered",
    ),
    pytest.param(lambda corpus: "/api/v1/topics", 1, id="api-topics"),
    pytest.param(lambda corpus: "/api/v1/contacts", 1, id="api-contacts"),
    pytest.param(lambda corpus: "/api/v1/openapi.json", 0, id="api-openapi"),
    pytest.param(lambda corpus: "/api/v1/docs", 0, id="api-docs"),
]


@pytest.fixture(scope="module", params=[1, 200], ids=["1-release", "200-releases"])
def corpus(request, django_db_setup, django_db_blocker, tmp_path_factory) -> Iterator[Corpus]:
    """Make N releases and N topics, the demo release carrying every topic and N files.

    Built once for all the tests of this module (about fifty for each size), inside
    a transaction rolled back after the last; each test runs in its own savepoint
    within it, as every test does. Built at the suite's starting time, as a test's
    own data would be.
    """
    size = request.param
    media = tmp_path_factory.mktemp("corpus-media")
    with (
        django_db_blocker.unblock(),
        time_machine.travel(TEST_START, tick=False),
        override_settings(MEDIA_ROOT=media),
        transaction.atomic(),
    ):
        restart_ids()
        call_command("load_demo", stdout=io.StringIO())
        release = Release.objects.get()
        if size > 1:
            call_command("seed_releases", size - 1, stdout=io.StringIO())
        missing = size - Topic.objects.count()
        topics = Topic.objects.bulk_create(Topic(slug=f"topic-{n}") for n in range(missing))
        Topic._parler_meta.root_model.objects.bulk_create(
            Topic._parler_meta.root_model(
                master=topic, language_code=code, name=f"{name} {topic.pk}"
            )
            for topic in topics
            for code, name in [("zh-hant", "專題"), ("en", "Topic")]
        )
        release.topics.set(Topic.objects.all())
        for _ in range(min(size, 5)):
            add_image(release)
            add_attachment(release)
            add_change_note(release)
        assert Release.objects.public(TEST_START).count() == size
        assert Topic.objects.count() == size
        yield Corpus(release=Release.objects.get(pk=release.pk))
        transaction.set_rollback(True)


@pytest.mark.parametrize("language", ["zh-hant", "en"])
@pytest.mark.parametrize(("url_of", "queries"), PAGES)
def test_public_page_runs_fixed_queries_uncached_and_none_cached(
    client, corpus, url_of, queries, language, django_assert_num_queries
):
    with translation.override(language):
        url = url_of(corpus)
    after_change, again = queries if isinstance(queries, tuple) else (queries, queries)
    # As if the corpus was just saved (it was built once for the module, before this
    # test's cache was emptied): the first page after a change costs no more than any.
    announce_change()

    with django_assert_num_queries(after_change):
        first = client.get(url)
    with override_settings(PAGE_CACHE=False), django_assert_num_queries(again):
        uncached = client.get(url)
    with django_assert_num_queries(0):
        cached = client.get(url)

    assert first.status_code == uncached.status_code == cached.status_code == 200
    assert cached.content == first.content


@pytest.mark.parametrize(
    "page_of",
    [
        pytest.param(lambda public: public[:20], id="first-page"),
        pytest.param(lambda public: public[40_000:40_020], id="page-2000"),
        pytest.param(lambda public: public.filter(publish_at__year=2015)[:20], id="year"),
    ],
)
def test_public_list_reads_its_index_in_order_without_sorting(corpus, page_of):
    if connection.vendor != "sqlite":
        pytest.skip("the plan checked here is SQLite's")
    sql, params = page_of(Release.objects.public()).query.sql_with_params()

    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN QUERY PLAN {sql}", params)
        plan = " ".join(str(row[-1]) for row in cursor.fetchall())

    assert "release_public_order_idx" in plan
    assert "TEMP B-TREE" not in plan


# Session, user, permissions (twice), the release, its translations, topics,
# images and attachments with their translations, contacts, topic choices, its
# alert emails counted by status, its review links and their reviewers' comments, and
# the savepoint pair around the form.
