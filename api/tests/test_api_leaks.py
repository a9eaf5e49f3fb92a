"""Drafts, releases not yet due and previews never appear through any endpoint or filter."""

from datetime import timedelta

import pytest
from django.utils import timezone

from releases.models import Release
from testing.api_client import ApiClient
from testing.factories import make_topic

pytestmark = pytest.mark.django_db

SECRET = "embargoed"


@pytest.fixture
def hidden(release_factory, editor_client) -> list[Release]:
    """A public release, and a draft and a scheduled one sharing its topic and words."""
    topic = make_topic("secret-topic", "秘密", "Secret")
    public = release_factory(title_en="Public release", body_en=f"Not {SECRET} any more.")
    draft = release_factory(
        title_en=f"Draft {SECRET}", body_en=f"{SECRET} text.", status=Release.Status.DRAFT
    )
    future = release_factory(
        title_en=f"Future {SECRET}",
        body_en=f"{SECRET} text.",
        publish_at=timezone.now() + timedelta(days=1),
    )
    for release in (public, draft, future):
        release.topics.add(topic)
    # Staff preview both: their pages are rendered, and must not reach readers.
    for release in (draft, future):
        assert editor_client.get(f"/en/releases/preview/{release.pk}/").status_code == 200
    editor_client.logout()
    return [public, draft, future]


LISTS = [
    {},
    {"topic": "secret-topic"},
    {"q": SECRET},
    {"q": "Draft"},  # matches only the draft: nothing at all
    {"since": "2000-01-01"},
    {"until": "2999-12-31"},
    {"updated_since": "2000-01-01"},
    {"since": "2000-01-01", "until": "2999-12-31", "lang": "en", "limit": "100"},
    {"lang": "zh-hans"},
]


@pytest.mark.parametrize("reader", ["anonymous", "staff"])
@pytest.mark.parametrize("parameters", LISTS)
def test_lists_show_only_the_public_release(client, editor, hidden, reader, parameters):
    if reader == "staff":
        client.force_login(editor)
    api_client = ApiClient(client)

    response = api_client.get("/api/v1/releases", parameters)

    assert response.status_code == 200
    expected = [] if parameters.get("q") == "Draft" else [hidden[0].pk]
    assert [item["id"] for item in response.json()["items"]] == expected
    assert "Draft" not in response.content.decode()
    assert "Future" not in response.content.decode()


@pytest.mark.parametrize("lang", [None, "en"])
def test_one_release_refuses_the_draft_and_the_scheduled(api_client, hidden, lang):
    public, draft, future = hidden
    parameters = {"lang": lang} if lang else {}

    assert api_client.get(f"/api/v1/releases/{public.pk}", parameters).status_code == 200
    for release in (draft, future):
        response = api_client.get(f"/api/v1/releases/{release.pk}", parameters)
        assert response.status_code == 404
        assert SECRET not in response.content.decode()


def test_paging_never_reaches_them(api_client, hidden, release_factory):
    for n in range(3):
        release_factory(title_en=f"Older {n}", publish_at=timezone.now() - timedelta(days=n + 2))
    seen, url = [], "/api/v1/releases?limit=1"
    while url:
        page = api_client.get(url).json()
        seen += [item["id"] for item in page["items"]]
        url = page["next"]

    assert hidden[1].pk not in seen
    assert hidden[2].pk not in seen
    assert len(seen) == 4


def test_a_withdrawn_release_that_was_never_public_never_appears(api_client, release_factory):
    now = timezone.now()
    never_public = release_factory(
        title_en=f"Withdrawn before due {SECRET}",
        status=Release.Status.WITHDRAWN,
        publish_at=now + timedelta(days=1),
        withdrawn_at=now - timedelta(hours=1),
    )

    response = api_client.get("/api/v1/releases")

    assert response.json()["items"] == []
    assert api_client.get(f"/api/v1/releases/{never_public.pk}").status_code == 404


def test_topics_are_listed_but_a_scheduled_release_is_not_behind_them(api_client, hidden):
    [topic] = api_client.get("/api/v1/topics").json()

    releases = api_client.get(topic["releases"]).json()["items"]

    assert [item["id"] for item in releases] == [hidden[0].pk]
