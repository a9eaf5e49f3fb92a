"""Pages run a fixed number of queries, however many releases there are."""

import pytest

from tests.factories import add_attachment, add_change_note, add_image

pytestmark = pytest.mark.django_db

# Releases, and their translations.
HOME_QUERIES = 2
# The release with its contact, its translations, its contact's translations;
# its images, attachments and change notes, each with their translations.
DETAIL_QUERIES = 9


@pytest.fixture(params=[1, 30], ids=["1-release", "30-releases"])
def releases(request, demo_release, release_factory):
    return [demo_release] + [release_factory() for _ in range(request.param - 1)]


@pytest.mark.parametrize("language", ["zh-hant", "en"])
def test_home_query_count_is_constant(client, releases, language, django_assert_num_queries):
    with django_assert_num_queries(HOME_QUERIES):
        response = client.get(f"/{language}/")

    assert response.status_code == 200


@pytest.mark.parametrize("language", ["zh-hant", "en"])
def test_detail_query_count_is_constant(client, releases, language, django_assert_num_queries):
    release = releases[-1]
    for _ in range(2):
        add_image(release)
        add_attachment(release)
        add_change_note(release)

    with django_assert_num_queries(DETAIL_QUERIES):
        response = client.get(release.get_absolute_url().replace("/zh-hant/", f"/{language}/"))

    assert response.status_code == 200


# Session, user, permissions (twice), the release, its translations, topics,
# images and attachments with their translations, contacts, topic choices, and
# the savepoint pair around the form.
ADMIN_CHANGE_QUERIES = 15


@pytest.mark.parametrize("files", [1, 5], ids=["1-of-each", "5-of-each"])
def test_admin_change_page_query_count_is_constant(
    publisher_client, release_factory, files, django_assert_num_queries
):
    release = release_factory()
    for _ in range(files):
        add_image(release)
        add_attachment(release)
    url = f"/admin/releases/release/{release.pk}/change/"
    publisher_client.get(url)  # Warms Django's content-type cache.

    with django_assert_num_queries(ADMIN_CHANGE_QUERIES):
        response = publisher_client.get(url)

    assert response.status_code == 200
