"""A mirror that pages through the API and catches up with updated_since has the public set."""

from collections.abc import Callable
from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.utils import timezone

from releases.models import Release
from releases.publishing import publish, withdraw
from testing.api_client import ApiClient
from testing.factories import add_change_note, committed

pytestmark = pytest.mark.django_db

START = datetime(2024, 3, 1, 2, 0, tzinfo=UTC)


def sync(
    api_client: ApiClient,
    mirror: dict[int, dict],
    updated_since: datetime | None,
    between_pages: Callable[[int], None] = lambda page: None,
) -> datetime:
    """Page through the releases (changed since a time) into the mirror, as docs/api.md says.

    Return the time the sync began, which the next sync asks for as `updated_since`.
    """
    began = timezone.now()
    parameters = {"limit": 2}
    if updated_since:
        parameters["updated_since"] = updated_since.isoformat()
    url, page = "/api/v1/releases", 0
    while url:
        answer = api_client.get(url, parameters if page == 0 else None).json()
        mirror.update({item["id"]: item for item in answer["items"]})
        url, page = answer["next"], page + 1
        between_pages(page)
    return began


def public_in(mirror: dict[int, dict]) -> set[int]:
    return {pk for pk, item in mirror.items() if item["status"] == "published"}


def test_a_mirror_ends_with_exactly_the_public_set(api_client, release_factory):
    with time_machine.travel(START, tick=False) as clock:
        older = [
            release_factory(title_en=f"Old {n}", publish_at=START - timedelta(days=n + 1))
            for n in range(6)
        ]
        scheduled = release_factory(title_en="Scheduled", publish_at=START + timedelta(minutes=5))
        draft = release_factory(title_en="Draft", status=Release.Status.DRAFT)

        def meanwhile(page: int) -> None:
            clock.shift(timedelta(minutes=2))
            if page == 1:  # a release already read is corrected; a new one is published
                add_change_note(older[0])
                release_factory(title_en="Published while paging", publish_at=timezone.now())
            elif page == 2:  # one not yet read is withdrawn; the scheduled one comes due
                reasons = {"zh-hant": "撤回。", "en": "Withdrawn."}
                with committed():
                    withdraw(older[4], reasons, user=None, now=timezone.now())
            elif page == 3:
                with committed():
                    publish(draft, user=None, now=timezone.now())

        mirror: dict[int, dict] = {}
        began = sync(api_client, mirror, None, meanwhile)
        clock.shift(timedelta(minutes=10))
        assert timezone.now() > scheduled.publish_at
        # The first pass missed what was published above where it had read.
        assert public_in(mirror) != set(Release.objects.public().values_list("pk", flat=True))

        sync(api_client, mirror, began)

        public = set(Release.objects.public().values_list("pk", flat=True))
        assert public_in(mirror) == public
        assert {scheduled.pk, draft.pk} <= public
        assert mirror[older[4].pk]["status"] == "withdrawn"
        assert mirror[older[0].pk]["change_notes"][0]["note"]["en"] == "Date corrected."
        current = {
            item["id"]: item
            for item in api_client.get("/api/v1/releases", {"limit": 100}).json()["items"]
        }
        assert mirror == current


def test_updated_since_the_last_sync_brings_only_what_changed(api_client, release_factory):
    with time_machine.travel(START, tick=False) as clock:
        unchanged = release_factory(title_en="Unchanged", publish_at=START - timedelta(days=2))
        corrected = release_factory(title_en="Corrected", publish_at=START - timedelta(days=1))
        mirror: dict[int, dict] = {}
        began = sync(api_client, mirror, None)
        clock.shift(timedelta(hours=1))
        add_change_note(corrected)
        unchanged.slug = "a-new-slug-is-no-public-change"
        unchanged.save()

        answer = api_client.get("/api/v1/releases", {"updated_since": began.isoformat()}).json()

    assert [item["id"] for item in answer["items"]] == [corrected.pk]
