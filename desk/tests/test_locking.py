"""Two people editing one release: the later save from an older version is refused."""

import html

import pytest
from django.test import Client

from releases.models import Release
from testing.admin_forms import release_form
from testing.factories import signed_in
from testing.files import image_bytes, upload

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_editors(editor, publisher):
    return signed_in(Client(), editor), signed_in(Client(), publisher)


@pytest.fixture
def draft(two_editors) -> Release:
    first, _second = two_editors
    first.post(
        "/admin/releases/release/add/?language=en",
        release_form(
            None, "en", title="Customs seizes cigarettes", body="Customs seized cigarettes."
        ),
    )
    return Release.objects.get()


def change_url(release: Release) -> str:
    return f"/admin/releases/release/{release.pk}/change/?language=en"


def test_the_add_form_starts_at_version_one(two_editors):
    first, _second = two_editors

    page = first.get("/admin/releases/release/add/").content.decode()

    assert 'name="version" value="1"' in page


def test_the_change_form_carries_the_version_it_started_from(two_editors, draft):
    first, _second = two_editors

    page = first.get(change_url(draft)).content.decode()

    assert f'name="version" value="{draft.version}"' in page


def test_two_concurrent_edits_neither_is_silently_lost(two_editors, draft):
    first, second = two_editors
    # Both open the form on the same version.
    form_of_first = release_form(draft, "en")
    form_of_second = release_form(draft, "en")

    saved = first.post(
        change_url(draft), {**form_of_first, "title_en": "Customs seizes 2 million cigarettes"}
    )
    refused = second.post(
        change_url(draft),
        {**form_of_second, "body_en": "Customs seized cigarettes in Kwai Chung."},
    )

    assert saved.status_code == 302
    assert refused.status_code == 200
    page = refused.content.decode()
    assert "eddie saved this release while you were editing it" in page
    assert "Your changes have not been saved and theirs are kept." in page
    assert "Changed meanwhile:" in page
    # The words added are marked inside the title, not the whole title struck out.
    assert (
        "Title (English): “Customs seizes cigarettes” → “Customs seizes "
        "<ins>2 million </ins>cigarettes”" in html.unescape(page)
    )
    # The refused form still holds what the second person wrote, to copy.
    assert "Customs seized cigarettes in Kwai Chung." in page
    draft.refresh_from_db()
    assert draft.safe_translation_getter("title", language_code="en") == (
        "Customs seizes 2 million cigarettes"
    )
    assert draft.safe_translation_getter("body", language_code="en") == (
        "Customs seized cigarettes."
    )

    # Reloading gives the current version; applying the change again keeps both.
    again = second.post(
        change_url(draft),
        {**release_form(draft, "en"), "body_en": "Customs seized cigarettes in Kwai Chung."},
    )

    assert again.status_code == 302
    draft.refresh_from_db()
    assert draft.safe_translation_getter("title", language_code="en") == (
        "Customs seizes 2 million cigarettes"
    )
    assert draft.safe_translation_getter("body", language_code="en") == (
        "Customs seized cigarettes in Kwai Chung."
    )
    assert draft.version == 3


def test_a_refused_save_keeps_neither_its_text_nor_its_image(two_editors, draft, media_root):
    first, second = two_editors
    stale = release_form(draft, "en")
    first.post(change_url(draft), {**stale, "title_en": "First edit"})

    second.post(
        change_url(draft),
        {
            **stale,
            "title_en": "Second edit",
            "images-TOTAL_FORMS": "1",
            "images-0-image": upload("photo.jpg", image_bytes()),
            "images-0-alt_text_zh_hant": "相片",
            "images-0-alt_text_en": "Photo",
            "images-0-position": "0",
        },
    )

    draft.refresh_from_db()
    assert draft.version == 2
    assert draft.safe_translation_getter("title", language_code="en") == "First edit"
    assert draft.images.count() == 0
    assert not list(media_root.rglob("*.jpg"))


def test_a_form_without_a_version_is_refused(two_editors, draft):
    first, _second = two_editors
    data = release_form(draft, "en", title="No version")
    del data["version"]

    response = first.post(change_url(draft), data)

    assert response.status_code == 200
    draft.refresh_from_db()
    assert draft.safe_translation_getter("title", language_code="en") == (
        "Customs seizes cigarettes"
    )
