"""Who received a release under embargo and who opened it: media.deliveries and the desk panel."""

from datetime import timedelta

import pytest
from django.utils import timezone

from media.deliveries import receipts
from testing.factories import make_embargoed
from testing.mailbox import run_worker
from testing.media_factories import journalist, sign_in

pytestmark = pytest.mark.django_db(transaction=True)

HOUR = timedelta(hours=1)
BROWSER = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 Chrome/120 Safari/537.36"


def test_receipts_list_who_received_and_who_opened(client, mailbox, clock, publisher_client):
    now = timezone.now()
    release = make_embargoed(media_at=now + HOUR, publish_at=now + 3 * HOUR)
    ada = journalist("ada@example.news", "Ada Lam", language="en")
    journalist("wing@example.news", "Wing Chan", "Sing Tao")
    change_page = f"/admin/releases/release/{release.pk}/change/"
    assert 'id="media-receipts"' not in publisher_client.get(change_page).content.decode()

    clock.move_to(now + HOUR + timedelta(minutes=1))
    run_worker()
    sign_in(client, ada).get(f"/en/media/room/releases/{release.pk}/", HTTP_USER_AGENT=BROWSER)
    rows = receipts(release)
    assert [(name, outlet) for name, outlet, _sent, _opened in rows] == [
        ("Ada Lam", "Harbour Daily"),
        ("Wing Chan", "Sing Tao"),
    ]
    assert all(sent is not None for _n, _o, sent, _opened in rows)
    assert [opened is not None for *_rest, opened in rows] == [True, False]

    page = publisher_client.get(change_page).content.decode()
    assert '<h2 id="media-receipts-heading">Accredited media</h2>' in page
    assert "Ada Lam" in page and "Sing Tao" in page and "Not opened" in page


def test_receipts_take_three_queries_whatever_the_number_of_journalists(
    mailbox, clock, django_assert_num_queries
):
    now = timezone.now()
    release = make_embargoed(media_at=now + HOUR, publish_at=now + 3 * HOUR)
    for number in range(5):
        journalist(f"j{number}@example.news", f"J {number}")
    clock.move_to(now + HOUR + timedelta(minutes=1))
    run_worker()
    with django_assert_num_queries(3):
        assert len(receipts(release)) == 5
