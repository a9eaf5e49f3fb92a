"""A move keeps journalists with their consent and approval, and the record of what was sent."""

import io

import pytest
from django.core.management import call_command

from media.models import Decision, EmbargoDelivery, Journalist, Opening, SignInLink
from testing.moving import empty_kept_tables, export, fill_every_table, import_

pytestmark = pytest.mark.django_db

FIELDS = (
    "email",
    "name",
    "outlet",
    "languages",
    "language",
    "applied_at",
    "email_confirmed_at",
    "accredited_at",
    "accredited_until",
    "revoked_at",
)
DECISIONS = ("action", "decided_by__username", "decided_at")


def test_a_move_keeps_journalists_their_decisions_and_deliveries(tmp_path, django_user_model):
    call_command("seed_releases", "3", stdout=io.StringIO())
    fill_every_table(author=django_user_model.objects.create_user("chan.tai.man"))
    before = list(Journalist.objects.values_list(*FIELDS))
    decisions = list(Decision.objects.values_list(*DECISIONS))
    export(tmp_path / "a.zip")
    empty_kept_tables()
    report = import_(tmp_path / "a.zip")

    assert list(Journalist.objects.values_list(*FIELDS)) == before
    assert Journalist.objects.get().beats.exists()
    assert list(Decision.objects.values_list(*DECISIONS)) == decisions
    assert EmbargoDelivery.objects.get().state == "sent"
    assert Opening.objects.count() == 1
    # A sign-in link stays behind: it lasted 15 minutes.
    assert not SignInLink.objects.exists()
    assert "Media desk queued again: 1 lapse reminders" in report
