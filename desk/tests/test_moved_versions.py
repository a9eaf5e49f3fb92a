"""Versions saved before a move: the new site lists, compares and restores them."""

import pytest
from django.contrib.auth.models import User
from reversion.models import Version

from releases.models import Release
from testing.admin_forms import release_form
from testing.factories import signed_in, staff_member
from testing.moving import export, import_

pytestmark = pytest.mark.django_db


def test_a_version_saved_before_a_move_is_restored_after_it(client, tmp_path):
    old_site_publisher = staff_member("pat", "Publishers")
    signed_in(client, old_site_publisher)
    client.post(
        "/admin/releases/release/add/?language=en",
        release_form(None, "en", title="First title", body="Body."),
    )
    release = Release.objects.get()
    client.post(
        f"/admin/releases/release/{release.pk}/change/?language=en",
        release_form(release, "en", title="Second title"),
    )
    export(tmp_path / "a.zip")
    # The new site: the same people, with accounts made in another order (other ids).
    Release.objects.all().delete()
    Version.objects.all().delete()
    User.objects.all().delete()
    staff_member("eddie", "Editors")
    pat = staff_member("pat", "Publishers")
    assert pat.pk != old_site_publisher.pk
    report = import_(tmp_path / "a.zip")
    first = Version.objects.get_for_object(release).order_by("pk").first()
    url = f"/admin/releases/release/{release.pk}/history/{first.pk}/"

    history = signed_in(client, pat).get(f"/admin/releases/release/{release.pk}/history/")
    restored = client.post(url, release_form(release, "en", title="First title"))

    # Each of the two versions names pat twice: the release's author, the translation's checker.
    assert "Saved versions: 4 references to users found here by user name, 0 cleared" in report
    assert history.content.decode().count("<td>pat</td>") == 2
    assert restored.status_code == 302
    release = Release.objects.get()
    assert release.safe_translation_getter("title", language_code="en") == "First title"
    assert release.created_by == pat
