"""Every admin save is a version: staff read and compare them, publishers restore one."""

import re

import pytest
from reversion.models import Version

from releases.models import Release, ReleaseTranslation
from testing.admin_forms import release_form
from testing.files import image_bytes, upload

pytestmark = pytest.mark.django_db


def change_url(release: Release, language: str = "en") -> str:
    return f"/admin/releases/release/{release.pk}/change/?language={language}"


@pytest.fixture
def edited_twice(publisher_client) -> Release:
    """A draft written, then retitled, then published, each by the publisher."""
    publisher_client.post(
        "/admin/releases/release/add/?language=en",
        release_form(
            None,
            "en",
            title="First title",
            body="Body.",
            **{
                "images-TOTAL_FORMS": "1",
                "images-0-image": upload("photo.jpg", image_bytes()),
                "images-0-alt_text_zh_hant": "相片",
                "images-0-alt_text_en": "A photo",
                "images-0-position": "0",
            },
        ),
    )
    release = Release.objects.get()
    publisher_client.post(
        change_url(release, "zh-hant"),
        release_form(release, "zh-hant", title="中文標題", body="正文。"),
    )
    publisher_client.post(change_url(release), release_form(release, "en", title="Second title"))
    return release


def versions_of(release: Release) -> list[Version]:
    return list(Version.objects.get_for_object(release).order_by("pk"))


def test_each_admin_save_keeps_a_version_with_its_translations_and_images(edited_twice):
    versions = versions_of(edited_twice)

    assert len(versions) == 3
    first_revision = versions[0].revision
    models = {version._model.__name__ for version in first_revision.version_set.all()}
    assert {"Release", "ReleaseTranslation", "ReleaseImage", "ReleaseImageTranslation"} <= models
    assert all(version.revision.user.username == "pat" for version in versions)


def test_history_lists_who_saved_each_version_and_when(publisher_client, edited_twice):
    page = publisher_client.get(
        f"/admin/releases/release/{edited_twice.pk}/history/"
    ).content.decode()

    assert page.count('name="from"') == 3
    assert page.count("<td>pat</td>") == 3
    assert "Compare versions" in page


def test_comparing_two_versions_shows_what_changed(publisher_client, edited_twice):
    first, _middle, last = versions_of(edited_twice)

    page = publisher_client.get(
        f"/admin/releases/release/{edited_twice.pk}/history/compare/",
        {"from": first.pk, "to": last.pk},
    ).content.decode()

    assert '<th scope="row">Title (English)</th>' in page
    assert "<del>First title</del>" in page
    assert "<ins>Second title</ins>" in page
    assert "<ins>中文標題</ins>" in page
    assert "Body (English)" not in page


def test_comparing_without_two_versions_goes_back_with_a_message(publisher_client, edited_twice):
    response = publisher_client.get(
        f"/admin/releases/release/{edited_twice.pk}/history/compare/", {"from": "999"}, follow=True
    )

    assert "Choose two versions of this release to compare." in response.content.decode()


def test_a_publisher_restores_an_earlier_version(publisher_client, edited_twice):
    first = versions_of(edited_twice)[0]
    version_now = Release.objects.get().version
    url = f"/admin/releases/release/{edited_twice.pk}/history/{first.pk}/"

    form_page = publisher_client.get(url).content.decode()
    assert f'action="{url}"' in form_page
    form_version = re.search(r'name="version" value="(\d+)"', form_page).group(1)
    assert int(form_version) == version_now
    # Both columns hold the chosen version: its English, and no Chinese yet.
    assert re.search(r'<textarea name="title_en"[^>]*>\s*First title</textarea>', form_page)
    assert re.search(r'<textarea name="title_zh_hant"[^>]*>\s*</textarea>', form_page)
    assert "中文標題" not in form_page
    restored = publisher_client.post(
        url,
        release_form(edited_twice, "en", title="First title", title_zh_hant="", body_zh_hant=""),
    )

    assert restored.status_code == 302
    release = Release.objects.get()
    assert release.safe_translation_getter("title", language_code="en") == "First title"
    assert not ReleaseTranslation.objects.filter(master=release, language_code="zh-hant").exists()
    assert release.images.count() == 1
    # The lock counter moves on, never back, so no open form can overwrite the restore.
    assert release.version == version_now + 1
    assert len(versions_of(release)) == 4


def test_looking_at_an_old_version_changes_nothing_readers_see(
    publisher_client, client, edited_twice
):
    first = versions_of(edited_twice)[0]
    publisher_client.post(
        change_url(edited_twice),
        release_form(edited_twice, "en", status="published", checked_zh_hant="on"),
    )
    publisher_client.get(f"/admin/releases/release/{edited_twice.pk}/history/{first.pk}/")
    publisher_client.logout()

    page = client.get(f"/en/releases/{edited_twice.pk}/{edited_twice.slug}/").content.decode()

    assert "<title>Second title" in page
    assert "中文標題" in page


def test_a_restore_from_a_stale_page_is_refused(publisher_client, edited_twice):
    first = versions_of(edited_twice)[0]
    url = f"/admin/releases/release/{edited_twice.pk}/history/{first.pk}/"
    stale_version = Release.objects.get().version
    publisher_client.post(
        change_url(edited_twice), release_form(edited_twice, "en", title="Third title")
    )

    response = publisher_client.post(
        url, release_form(edited_twice, "en", title="First title", version=str(stale_version))
    )

    assert response.status_code == 200
    assert "saved this release while you were editing it" in response.content.decode()
    assert Release.objects.get().safe_translation_getter("title", language_code="en") == (
        "Third title"
    )


def test_an_editor_reads_history_and_compares_but_cannot_restore(client, editor, edited_twice):
    client.force_login(editor)
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    Release.objects.filter(pk=edited_twice.pk).update(status=Release.Status.DRAFT)
    first, _middle, last = versions_of(edited_twice)

    history = client.get(f"/admin/releases/release/{edited_twice.pk}/history/")
    compare = client.get(
        f"/admin/releases/release/{edited_twice.pk}/history/compare/",
        {"from": first.pk, "to": last.pk},
    )
    restore = client.post(
        f"/admin/releases/release/{edited_twice.pk}/history/{first.pk}/",
        release_form(edited_twice, "en", title="First title"),
    )

    assert history.status_code == 200
    assert f"/history/{first.pk}/" not in history.content.decode()
    assert compare.status_code == 200
    assert restore.status_code == 403
    assert Release.objects.get().safe_translation_getter("title", language_code="en") == (
        "Second title"
    )


@pytest.mark.parametrize(
    "path", ["abc/history/", "abc/history/compare/", "abc/history/1/", "999/history/compare/"]
)
def test_a_malformed_or_unknown_release_id_is_a_404(publisher_client, path):
    assert publisher_client.get(f"/admin/releases/release/{path}").status_code == 404
