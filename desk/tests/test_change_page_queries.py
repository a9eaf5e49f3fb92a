"""The desk's change page runs a fixed number of queries, however many files, links and topics."""

import pytest

from releases.models import Topic
from review.models import ReviewComment
from testing.factories import add_attachment, add_image, add_review_link, make_topic

pytestmark = pytest.mark.django_db

# The session, the user and permissions; the release with its translations, topics and
# contact, each named from their translations in one query; files, review links and
# comments; the corrections editors proposed, with who proposed them (one query: 19
# before they were shown); the journalists it was sent to under embargo (one query: 20
# before the media panel); the admin's own look-ups. The same for one topic or fifty.
ADMIN_CHANGE_QUERIES = 21


@pytest.mark.parametrize("files", [1, 5], ids=["1-of-each", "5-of-each"])
def test_admin_change_page_query_count_is_constant(
    publisher_client, release_factory, files, django_assert_num_queries
):
    release = release_factory()
    # Topics are offered by name: each name is a translation, read with the topics.
    for n in range(files * 10):
        make_topic(f"topic-{n}", f"主題{n}", f"Topic {n}")
    release.topics.set(Topic.objects.all()[:files])
    for _ in range(files):
        add_image(release)
        add_attachment(release)
        link = add_review_link(release)
        ReviewComment.objects.create(link=link, name="Reviewer", text="Looks right.")
    url = f"/admin/releases/release/{release.pk}/change/"
    publisher_client.get(url)  # Warms Django's content-type cache.

    with django_assert_num_queries(ADMIN_CHANGE_QUERIES):
        response = publisher_client.get(url)

    assert response.status_code == 200
