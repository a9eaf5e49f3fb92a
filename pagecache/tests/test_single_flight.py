"""A page missing from the cache is rendered once: readers arriving meanwhile get the last one."""

from unittest import mock

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from releases import publishing
from releases.models import Release
from testing.factories import committed, make_release

pytestmark = pytest.mark.django_db

HOME = "/en/"


def publish_budget() -> None:
    with committed():
        release = make_release(title_en="Budget 2027 goes out", status=Release.Status.DRAFT)
        publishing.publish(release, user=None, now=release.publish_at)


def another_request_is_rendering():
    """Claims to render fail, as they do while another request holds the claim."""
    return mock.patch.object(cache, "add", return_value=False)


def test_while_another_request_renders_a_reader_gets_the_last_page_at_once(client, demo_release):
    before = client.get(HOME)
    publish_budget()

    with another_request_is_rendering(), CaptureQueriesContext(connection) as queries:
        meanwhile = client.get(HOME)

    page = meanwhile.content.decode()
    assert meanwhile.status_code == 200
    assert len(queries) == 0, "nothing rendered"
    assert "Budget 2027 goes out" not in page
    assert page == before.content.decode()
    assert meanwhile["ETag"] == before["ETag"]
    # Browsers and proxies ask again: the page of a moment ago lasts only as long as the render.
    assert "max-age=0" in meanwhile["Cache-Control"]


def test_the_render_that_claimed_the_page_keeps_it_for_everyone_after(client, demo_release):
    client.get(HOME)
    publish_budget()

    rendered = client.get(HOME)
    with another_request_is_rendering(), CaptureQueriesContext(connection) as queries:
        after = client.get(HOME)

    assert "Budget 2027 goes out" in rendered.content.decode()
    assert "Budget 2027 goes out" in after.content.decode()
    assert len(queries) == 0
    assert "max-age=60" in after["Cache-Control"]


def test_a_claim_is_let_go_when_its_render_ends_even_in_an_error(client, demo_release):
    client.get(HOME)
    publish_budget()

    with (
        mock.patch("website.views.render", side_effect=RuntimeError("the template broke")),
        pytest.raises(RuntimeError),
    ):
        client.get(HOME)

    assert "Budget 2027 goes out" in client.get(HOME).content.decode()


def test_a_page_never_rendered_is_rendered_by_each_reader_rather_than_kept_waiting(
    client, demo_release
):
    with another_request_is_rendering():
        response = client.get(HOME)

    assert response.status_code == 200
    assert "max-age=60" in response["Cache-Control"]


def test_a_page_gone_is_not_answered_as_it_last_was(client, demo_release):
    url = demo_release.get_absolute_url()
    assert client.get(url).status_code == 200
    with committed():
        publishing.delete(demo_release, user=None)

    gone = client.get(url)
    with another_request_is_rendering():
        still_gone = client.get(url)

    assert gone.status_code == still_gone.status_code == 404
