"""Error pages speak both languages and need nothing from the database."""

import pytest
from django.db import OperationalError
from django.template.loader import render_to_string

from releases.models import Release

pytestmark = pytest.mark.django_db


@pytest.fixture
def failing_home(monkeypatch):
    """Make the home page's query fail with the given exception."""

    def fail_with(error: Exception) -> None:
        def public(*args, **kwargs):
            raise error

        monkeypatch.setattr(type(Release.objects), "public", public)

    return fail_with


@pytest.mark.parametrize(
    ("template", "chinese", "english"),
    [
        ("500.html", "系統暫時未能處理你的要求", "Something went wrong on our side"),
        ("503.html", "網站暫時未能提供服務", "The site is briefly unavailable"),
    ],
)
def test_500_and_503_pages_are_bilingual_with_a_lang_on_each_block(
    template, chinese, english, django_assert_num_queries
):
    with django_assert_num_queries(0):
        page = render_to_string(template)

    chinese_block, english_block = page.split('<section lang="en">')
    assert '<section lang="zh-Hant-HK">' in chinese_block
    assert chinese in chinese_block
    assert english in english_block
    assert 'href="/zh-hant/"' in chinese_block
    assert 'href="/en/"' in english_block


def test_a_database_error_in_a_page_answers_503_with_retry_after(client, failing_home):
    failing_home(OperationalError("connection refused"))

    response = client.get("/en/")

    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert "The site is briefly unavailable" in response.content.decode()
    assert "connection refused" not in response.content.decode()


def test_any_other_error_answers_the_bilingual_500_page(failing_home, client):
    failing_home(RuntimeError("a bug"))
    client.raise_request_exception = False

    response = client.get("/en/")

    assert response.status_code == 500
    assert "Something went wrong on our side" in response.content.decode()
    assert "系統暫時未能處理你的要求" in response.content.decode()


def test_a_404_in_a_language_needs_no_query(client, django_assert_num_queries):
    client.get("/zh-hant/")  # The page cache learns the content's version once.

    with django_assert_num_queries(0):
        response = client.get("/zh-hant/no-such-page/")

    assert response.status_code == 404
    assert "找不到網頁" in response.content.decode()
    assert "Page not found" not in response.content.decode()


@pytest.mark.parametrize("language", ["zh-hant", "en", "zh-hans"])
def test_a_404_links_every_language_to_the_same_path_under_its_prefix(client, language):
    page = client.get(f"/{language}/nope/?x=1").content.decode()

    # The page cache takes off a parameter no view reads, so no link repeats it.
    assert "x=1" not in page
    for code, hreflang in [("zh-hant", "zh-Hant-HK"), ("zh-hans", "zh-Hans"), ("en", "en")]:
        assert f'<a href="/{code}/nope/" hreflang="{hreflang}"' in page
        assert (
            f'<link rel="alternate" hreflang="{hreflang}" href="http://testserver/{code}/nope/">'
            in page
        )
    assert f'<link rel="canonical" href="http://testserver/{language}/nope/">' in page
    assert '<link rel="alternate" hreflang="x-default" href="http://testserver/nope/">' in page


@pytest.mark.parametrize("accept_language", ["en", "zh-HK"])
def test_a_404_outside_the_language_prefixes_is_bilingual(client, accept_language):
    response = client.get("/nope/", headers={"accept-language": accept_language})
    page = response.content.decode()

    assert response.status_code == 404
    chinese_block, english_block = page.split('<section lang="en">')
    assert '<section lang="zh-Hant-HK">' in chinese_block
    assert "找不到網頁" in chinese_block
    assert 'href="/zh-hant/"' in chinese_block
    assert "Page not found" in english_block
    assert 'href="/en/"' in english_block
