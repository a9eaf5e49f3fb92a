"""Query parameters a page does not read neither miss the cache, nor add entries, nor show."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.http import QueryDict
from django.test.utils import CaptureQueriesContext

from pagecache.versions import canonical_query, reads_query
from testing.pages import detail_path

pytestmark = pytest.mark.django_db

TRACKING = "utm_source=newsletter-7f3a&fbclid=IwAR-9c1d"
ARCHIVE = "/en/releases/"


def page_entries() -> int:
    """Count the pages the (local-memory) test cache holds."""
    return sum(":pressroom:page:" in key for key in cache._cache)


def fetch(client, url: str) -> tuple[int, int, str]:
    """Fetch a page; return its status, the queries it ran and its text."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    return response.status_code, len(queries), response.content.decode()


@pytest.fixture
def release_page(demo_release) -> str:
    return detail_path(demo_release, "en")


@pytest.mark.parametrize("page", ["release", "home", "feed", "sitemap"])
def test_tracking_parameters_are_a_hit_of_the_plain_page_and_add_no_entry(
    client, release_page, page
):
    url = {"release": release_page, "home": "/en/", "feed": "/en/feed/"}.get(page, "/sitemap.xml")
    status, rendered_queries, plain = fetch(client, url)
    entries = page_entries()

    tracked_status, queries, tracked = fetch(client, f"{url}?{TRACKING}")

    assert (status, tracked_status) == (200, 200)
    assert rendered_queries > 0
    assert queries == 0, "served from the cache"
    assert tracked == plain
    assert page_entries() == entries == 1


@pytest.mark.parametrize("page", ["release", "/en/", "/en/releases/", "/en/feed/"])
def test_a_first_visitor_s_tracking_parameters_never_reach_the_page(client, release_page, page):
    url = release_page if page == "release" else page

    status, _queries, text = fetch(client, f"{url}?{TRACKING}")

    assert status == 200
    assert "AEO Expert Mission" in text
    for echo in ("newsletter-7f3a", "IwAR-9c1d", "utm_source", "fbclid"):
        assert echo not in text


def test_the_release_page_links_its_languages_without_the_parameters(client, release_page):
    text = fetch(client, f"{release_page}?{TRACKING}")[2]

    assert f'href="{release_page.replace("/en/", "/zh-hant/")}"' in text
    assert f'href="{release_page.replace("/en/", "/zh-hans/")}"' in text


@pytest.fixture
def seizure(release_factory):
    return release_factory(title_en="Cigarettes seized at the airport")


def test_the_archive_keeps_what_it_reads_and_drops_the_rest(client, seizure):
    _status, _queries, text = fetch(client, f"{ARCHIVE}?q=cigarettes&year=2026&{TRACKING}")

    assert "seized at the airport" in text
    assert 'href="/zh-hant/releases/?q=cigarettes&amp;year=2026"' in text
    assert "newsletter-7f3a" not in text
    assert "IwAR-9c1d" not in text


@pytest.mark.parametrize(
    "variant",
    [
        pytest.param("year=2026&q=cigarettes", id="other-order"),
        pytest.param(f"q=cigarettes&{TRACKING}&year=2026", id="tracking-between"),
        pytest.param("q=cigarettes&year=2026&topic=&month=", id="blank-parameters"),
        pytest.param("q=%20cigarettes%20&year=2026%20", id="spaces-around"),
        pytest.param("q=cigarettes&year=1999&year=2026", id="repeated-last-wins"),
    ],
)
def test_one_archive_page_is_one_entry_however_its_address_is_written(client, seizure, variant):
    status, rendered_queries, first = fetch(client, f"{ARCHIVE}?q=cigarettes&year=2026")
    entries = page_entries()

    variant_status, queries, again = fetch(client, f"{ARCHIVE}?{variant}")

    assert (status, variant_status) == (200, 200)
    assert "seized at the airport" in first
    assert rendered_queries > 0
    assert queries == 0
    assert again == first
    assert page_entries() == entries


def test_each_page_of_the_archive_is_an_entry_of_its_own(client, release_factory):
    for number in range(21):
        release_factory(title_en=f"Release number {number}")
    entries = page_entries()

    first_status, _, first = fetch(client, f"{ARCHIVE}?q=release&page=2")
    second_status, queries, second = fetch(client, f"{ARCHIVE}?page=2&q=release")
    page_one_status, _, page_one = fetch(client, f"{ARCHIVE}?q=release")

    assert (first_status, second_status, page_one_status) == (200, 200, 200)
    assert queries == 0
    assert first == second
    assert page_one != first
    assert page_entries() == entries + 2


def test_a_parameter_the_archive_reads_still_changes_the_page(client, seizure):
    status, _queries, text = fetch(client, f"{ARCHIVE}?year=abc")

    assert status == 404
    assert "The year must be a number" in text
    assert "Cigarettes seized at the airport" in fetch(client, f"{ARCHIVE}?year=2026")[2]


def test_the_home_page_reads_no_page_parameter(client, demo_release):
    assert fetch(client, "/en/?page=999")[2] == fetch(client, "/en/")[2]


def test_the_sitemap_reads_its_page_number(client, demo_release):
    assert fetch(client, "/sitemap.xml?p=1")[0] == 200
    assert fetch(client, "/sitemap.xml?p=99")[0] == 404


def test_an_unknown_address_echoes_no_parameter(client, db):
    status, _queries, text = fetch(client, f"/en/no-such-page/?{TRACKING}")

    assert status == 404
    assert "Page not found" in text
    assert "IwAR-9c1d" not in text


def test_with_the_page_cache_off_every_page_is_rendered_and_none_kept(
    client, settings, release_page
):
    settings.PAGE_CACHE = False

    responses = [client.get(release_page) for _ in range(2)]
    with CaptureQueriesContext(connection) as queries:
        again = client.get(release_page)

    assert len(queries) > 0
    assert page_entries() == 0
    assert {response.status_code for response in [*responses, again]} == {200}
    assert again["ETag"] == responses[0]["ETag"]
    assert "public" in again["Cache-Control"]


def test_canonical_query_keeps_declared_names_in_order_each_once():
    query = QueryDict("utm_source=x&year=2020&q=%20words%20&year=2023&topic=&page=2")

    canonical = canonical_query(query, ("page", "q", "topic", "year"))

    assert canonical.urlencode() == "page=2&q=words&year=2023"


def test_a_declaration_sorts_its_names_and_leaves_the_view_alone():
    def view(request):
        return "page"

    declared = reads_query("year", "q", "year")(view)

    assert declared.query_parameters == ("q", "year")
    assert declared(None) == "page"
    assert not hasattr(view, "query_parameters")
