"""A review page shows a release's files through addresses the reviewer can open, for a while."""

import re
from datetime import timedelta

import pytest
import time_machine
from django.test import Client
from django.utils import timezone

from releases.models import Release
from testing.factories import add_attachment, add_image, add_review_link, make_release

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft() -> Release:
    return make_release(status=Release.Status.DRAFT)


def links_on(page: bytes) -> list[str]:
    """The attachment and image addresses a page links, as a browser would request them."""
    found = re.findall(r'(?:href|src)="(/media/[^"]+)"', page.decode())
    return [address.replace("&amp;", "&") for address in found]


def test_a_review_link_opens_the_drafts_files_and_an_outsider_still_gets_404(client, draft):
    attachment = add_attachment(draft)
    add_image(draft)
    link = add_review_link(draft)

    page = client.get(f"/en/review/{link.token}/")
    addresses = links_on(page.content)

    assert len(addresses) >= 2
    for address in addresses:
        response = client.get(address)
        assert response.status_code == 200, address
        assert response["Cache-Control"] == "private, no-store"
    assert Client().get(attachment.file.url).status_code == 404


def test_a_signed_address_stops_working_when_it_expires(client, draft):
    add_attachment(draft)
    link = add_review_link(draft)
    address = links_on(client.get(f"/en/review/{link.token}/").content)[0]

    with time_machine.travel(timezone.now() + timedelta(minutes=14)):
        assert client.get(address).status_code == 200
    with time_machine.travel(timezone.now() + timedelta(minutes=16)):
        assert client.get(address).status_code == 404


def test_a_revoked_link_gives_no_new_addresses(client, draft):
    add_attachment(draft)
    link = add_review_link(draft)
    link.revoked_at = timezone.now()
    link.save()

    page = client.get(f"/en/review/{link.token}/")

    assert page.status_code == 404
    assert links_on(page.content) == []
