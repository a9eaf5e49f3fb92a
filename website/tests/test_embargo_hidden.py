"""Nothing of an embargoed release is public before its publish time, on any public route.

Between its media time (accredited media have it) and its publish time, an
embargoed release is a scheduled one: every page, search, feed, the sitemap,
the API, its own address and its files act as if it did not exist, in every
language, and the page cache shows nothing of it. At its publish time it is on
every one of them with no job run; lifting the embargo makes it so at once.
Public alerts go at the publish time, never at the media time.
"""

from datetime import timedelta

import pytest
import time_machine
from django.core.files.storage import default_storage
from django.test import Client
from django.utils import timezone

from releases import publishing
from releases.models import Release
from testing.alerts_factories import subscriber
from testing.api_client import ApiClient
from testing.clock import TEST_START
from testing.factories import (
    add_attachment,
    add_image,
    committed,
    make_embargoed,
    make_release,
    make_topic,
    signed_in,
    staff_member,
)
from testing.mailbox import run_worker
from testing.mailbox import text_of as text_of_email

pytestmark = pytest.mark.django_db

MEDIA_AT = TEST_START + timedelta(hours=1)
BETWEEN = TEST_START + timedelta(hours=2)
PUBLISH_AT = TEST_START + timedelta(hours=3)
# Written the same in Traditional and Simplified Chinese, so the zh-hans view shows it too.
CHINESE_WORD = "穿山甲"
ENGLISH_WORD = "pangolin"
LANGUAGES = ["zh-hant", "en", "zh-hans"]


@pytest.fixture
def embargoed(db) -> Release:
    """An embargoed release with a topic, a photo and an attachment; and a public one."""
    make_release(title_en="Customs seizes cigarettes", title_zh="海關檢獲私煙")
    topic = make_topic("endangered-species", "瀕危物種", "Endangered species")
    release = make_embargoed(
        MEDIA_AT,
        PUBLISH_AT,
        title_zh=f"海關檢獲{CHINESE_WORD}鱗片",
        title_en=f"Customs seizes {ENGLISH_WORD} scales",
        body_zh=f"海關檢獲一批{CHINESE_WORD}鱗片。",
        body_en=f"Customs seized a shipment of {ENGLISH_WORD} scales.",
    )
    release.topics.add(topic)
    add_image(release)
    add_attachment(release)
    return release


def pages(language: str) -> list[str]:
    """Every public page that lists or finds releases, in one language."""
    day = timezone.localtime(PUBLISH_AT).strftime("%Y/%m/%d")
    return [
        f"/{language}/",
        f"/{language}/releases/",
        f"/{language}/releases/?q={ENGLISH_WORD}",
        f"/{language}/releases/?q={CHINESE_WORD}",
        f"/{language}/releases/?topic=endangered-species",
        f"/{language}/topics/",
        f"/{language}/releases/{day}/",
        f"/{language}/feed/",
        f"/{language}/feed/atom/",
        f"/{language}/feed/json/",
        f"/{language}/topics/endangered-species/feed/",
        f"/{language}/topics/endangered-species/feed/atom/",
        f"/{language}/topics/endangered-species/feed/json/",
    ]


def api_pages(release: Release) -> list[str]:
    return [
        "/api/v1/releases",
        f"/api/v1/releases?q={ENGLISH_WORD}",
        f"/api/v1/releases?q={CHINESE_WORD}",
        "/api/v1/releases?topic=endangered-species",
        "/api/v1/releases?lang=zh-hans",
    ]


def own_addresses(release: Release, language: str) -> list[str]:
    return [
        f"/{language}/releases/{release.pk}/",
        f"/{language}/releases/{release.pk}/{release.slug}/",
        f"/{language}/releases/{release.pk}/{release.slug}/parallel/",
    ]


def file_addresses(release: Release) -> list[str]:
    image, attachment = release.images.get(), release.attachments.get()
    names = [attachment.file.name, *image.stored_names]
    return [default_storage.url(name) for name in names]


def text_of(client: Client, address: str) -> str:
    response = client.get(address)
    assert response.status_code == 200, address
    return response.content.decode()


def mentions(text: str, release: Release) -> bool:
    """Whether a page names the release: its title's words (a search echoes the query
    alone), its address or its id."""
    return (
        f"{ENGLISH_WORD} scales" in text
        or f"{CHINESE_WORD}鱗片" in text
        or f"{CHINESE_WORD}鳞片" in text
        or f"/releases/{release.pk}/" in text
        or f'"id": {release.pk},' in text
        or f'"id":{release.pk},' in text
    )


def not_found_page(response, pk: int) -> str:
    """A 404 page with the release id in the addresses it names taken out."""
    assert response.status_code == 404
    return response.content.decode().replace(f"/releases/{pk}/", "/releases/N/")


def assert_hidden_everywhere(client: Client, release: Release) -> None:
    for language in LANGUAGES:
        for address in pages(language):
            assert not mentions(text_of(client, address), release), address
        for address in own_addresses(release, language):
            response = client.get(address)
            assert response.status_code == 404, address
            # The same 404 as an address no release ever had: nothing says one is waiting.
            never = client.get(address.replace(f"/{release.pk}/", "/999999/"))
            assert not_found_page(response, release.pk) == not_found_page(never, 999999)
    assert not mentions(text_of(client, "/sitemap.xml"), release)
    api = ApiClient(client)
    for address in api_pages(release):
        response = api.get(address)
        assert response.status_code == 200
        assert release.pk not in [item["id"] for item in response.json()["items"]], address
    assert api.get(f"/api/v1/releases/{release.pk}").status_code == 404
    unknown_file = client.get("/media/releases/999999/attachments/unknown.pdf")
    for address in file_addresses(release):
        response = client.get(address)
        assert response.status_code == unknown_file.status_code == 404, address


def assert_public_everywhere(client: Client, release: Release) -> None:
    for language in LANGUAGES:
        for address in pages(language):
            assert mentions(text_of(client, address), release), address
        for address in own_addresses(release, language)[1:]:
            assert client.get(address).status_code == 200, address
    assert f"/releases/{release.pk}/" in text_of(client, "/sitemap.xml")
    api = ApiClient(client)
    for address in api_pages(release):
        assert release.pk in [item["id"] for item in api.get(address).json()["items"]], address
    assert api.get(f"/api/v1/releases/{release.pk}").status_code == 200
    for address in file_addresses(release):
        assert client.get(address).status_code == 200, address


def test_between_the_media_time_and_the_publish_time_no_public_route_shows_it(
    client, embargoed, clock
):
    clock.move_to(BETWEEN)

    assert_hidden_everywhere(client, embargoed)


def test_at_its_publish_time_it_is_on_every_route_with_no_job_run(client, embargoed, clock):
    clock.move_to(BETWEEN)
    # Every page is read, and so cached, while it is under embargo.
    assert_hidden_everywhere(client, embargoed)

    clock.move_to(PUBLISH_AT + timedelta(seconds=1))

    assert_public_everywhere(client, embargoed)


def test_a_page_cached_before_the_media_time_hides_it_until_the_publish_time(
    client, embargoed, clock
):
    clock.move_to(MEDIA_AT - timedelta(seconds=20))
    before = text_of(client, "/en/")
    clock.move_to(MEDIA_AT + timedelta(seconds=20))
    during = text_of(client, "/en/")
    clock.move_to(PUBLISH_AT + timedelta(seconds=1))

    assert not mentions(before, embargoed)
    assert during == before, "the page as cached, unchanged by the media time"
    assert not mentions(during, embargoed)
    assert mentions(text_of(client, "/en/"), embargoed)


def test_lifting_the_embargo_makes_it_public_everywhere_at_once(client, embargoed, clock):
    clock.move_to(BETWEEN)
    assert_hidden_everywhere(client, embargoed)

    with committed():
        publishing.lift_embargo(embargoed, user=None, now=timezone.now())

    assert_public_everywhere(client, embargoed)


def test_staff_previewing_it_leave_nothing_for_readers(client, embargoed, clock):
    clock.move_to(BETWEEN)
    staff = Client()
    signed_in(staff, staff_member("eddie", "Editors"))
    assert staff.get(f"/en/releases/preview/{embargoed.pk}/").status_code == 200

    assert_hidden_everywhere(client, embargoed)


# The worker reads what the publishing committed, as on a site.
@pytest.mark.django_db(transaction=True)
def test_public_alerts_go_at_the_publish_time_not_the_media_time(mailbox):
    subscriber("reader@example.org")
    with time_machine.travel(TEST_START, tick=False):
        make_embargoed(MEDIA_AT, PUBLISH_AT, title_en=f"Customs seizes {ENGLISH_WORD} scales")
    with time_machine.travel(MEDIA_AT, tick=False):
        run_worker()
    with time_machine.travel(PUBLISH_AT - timedelta(seconds=1), tick=False):
        run_worker()
        assert mailbox.messages == []
    with time_machine.travel(PUBLISH_AT, tick=False):
        run_worker()

    assert [message["X-Envelope-To"] for message in mailbox.messages] == ["reader@example.org"]
    assert f"{ENGLISH_WORD} scales" in text_of_email(mailbox.messages[0])
